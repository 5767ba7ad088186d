"""Every model a URL, frame or template names carries the same kind of public id."""

import pytest
from django.apps import apps
from django.core.management import call_command

from community.ids import PublicIdField
from tests.factories import PersonaFactory


def models_with_a_public_id():
    return [
        model
        for model in apps.get_models()
        if any(field.name == "public_id" for field in model._meta.get_fields())
    ]


def test_every_public_id_is_a_public_id_field():
    models = models_with_a_public_id()
    # Space, Persona, JoinRequest, Thread, Post, Flag at least: a shrinking list means a model
    # lost its public id, which the URLs and frames rely on.
    assert len(models) >= 6
    for model in models:
        field = model._meta.get_field("public_id")
        assert isinstance(field, PublicIdField), model
        assert (field.max_length, field.unique, field.editable) == (32, True, False), model


@pytest.mark.django_db
def test_a_new_row_gets_a_random_url_safe_id():
    first, second = PersonaFactory(), PersonaFactory()
    assert first.public_id != second.public_id
    assert len(first.public_id) == 16
    assert first.public_id.replace("-", "").replace("_", "").isalnum()
    assert str(first.pk) != first.public_id


@pytest.mark.django_db
def test_the_models_need_no_migration_the_repository_lacks():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
