"""A length setting larger than its column stops Lantern at startup (lantern.E001), and a
text as long as the column is stored, on PostgreSQL too (`make test-services`)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core import checks

from community.models import Persona
from community.services.personas import create_persona
from groups.models import Post, Thread
from groups.services import posts as post_services
from tests.factories import AccountFactory, GroupFactory, MembershipFactory

TITLE_COLUMN = Thread._meta.get_field("title").max_length
WARNING_COLUMN = Thread._meta.get_field("content_warning").max_length
NAME_COLUMN = Persona._meta.get_field("name").max_length


def length_errors() -> list[checks.CheckMessage]:
    return [message for message in checks.run_checks() if message.id == "lantern.E001"]


def test_the_defaults_fit_their_columns():
    assert length_errors() == []


def test_a_setting_equal_to_its_column_is_accepted(settings):
    settings.GROUPS_MAX_TITLE_CHARS = TITLE_COLUMN
    settings.PERSONA_NAME_MAX_CHARS = NAME_COLUMN
    assert length_errors() == []


def test_a_title_limit_longer_than_its_column_is_an_error(settings):
    settings.GROUPS_MAX_TITLE_CHARS = TITLE_COLUMN + 1
    [error] = length_errors()
    assert error.level == checks.ERROR
    assert "GROUPS_MAX_TITLE_CHARS" in error.msg
    assert "groups.Thread.title" in error.msg
    assert str(TITLE_COLUMN) in error.hint


def test_a_content_warning_limit_is_checked_against_both_of_its_columns(settings):
    settings.GROUPS_MAX_CONTENT_WARNING_CHARS = WARNING_COLUMN + 1
    messages = sorted(error.msg for error in length_errors())
    assert len(messages) == 2
    assert "groups.Post.content_warning" in messages[0]
    assert "groups.Thread.content_warning" in messages[1]


def test_a_name_limit_longer_than_its_column_is_an_error(settings):
    settings.PERSONA_NAME_MAX_CHARS = NAME_COLUMN + 1
    [error] = length_errors()
    assert "PERSONA_NAME_MAX_CHARS" in error.msg
    assert "community.Persona.name" in error.msg


def test_limits_of_unbounded_text_columns_need_no_check(settings):
    settings.GROUPS_MAX_POST_CHARS = 10**6
    settings.MODERATION_FLAG_NOTE_MAX_CHARS = 10**6
    assert length_errors() == []


def test_manage_py_refuses_to_start_with_a_title_limit_too_long_for_its_column():
    environment = {
        name: value for name, value in os.environ.items() if name != "DJANGO_SETTINGS_MODULE"
    }
    environment.update({"DEBUG": "1", "GROUPS_MAX_TITLE_CHARS": str(TITLE_COLUMN + 50)})
    result = subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [sys.executable, "manage.py", "check"],
        cwd=Path(django_settings.BASE_DIR),
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "lantern.E001" in result.stderr
    assert "GROUPS_MAX_TITLE_CHARS" in result.stderr


@pytest.mark.django_db
def test_a_title_and_warning_as_long_as_their_columns_are_stored(settings):
    settings.GROUPS_MAX_TITLE_CHARS = TITLE_COLUMN
    settings.GROUPS_MAX_CONTENT_WARNING_CHARS = WARNING_COLUMN
    member = MembershipFactory()
    title, warning = "t" * TITLE_COLUMN, "w" * WARNING_COLUMN
    thread = post_services.create_thread(
        account=member.persona.account,
        membership=member,
        group=member.group,
        title=title,
        body="A body.",
        content_warning=warning,
    )
    stored = Thread.objects.get(pk=thread.pk)
    assert stored.title == title
    assert stored.content_warning == warning
    assert Post.objects.get(thread=stored).content_warning == warning


@pytest.mark.django_db
def test_a_name_as_long_as_its_column_is_stored(settings):
    settings.PERSONA_NAME_MAX_CHARS = NAME_COLUMN
    name = ("Quiet Harbour Otter " * 4)[:NAME_COLUMN]
    persona = create_persona(account=AccountFactory(), space=GroupFactory().space, name=name)
    assert Persona.objects.get(pk=persona.pk).name == name
    assert len(name) == NAME_COLUMN
