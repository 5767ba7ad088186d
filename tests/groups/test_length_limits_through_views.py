"""The services are the one length check; through the pages an over-long text comes back on
the form, intact, with a message naming the limit, and nothing is stored."""

import pytest

from community.models import Persona
from groups.models import Thread
from tests.clients import client_for
from tests.factories import MembershipFactory, ThreadFactory

pytestmark = pytest.mark.django_db


def test_an_over_long_content_warning_keeps_the_text_and_names_the_limit(group, settings):
    settings.GROUPS_MAX_CONTENT_WARNING_CHARS = 12
    member = MembershipFactory(group=group)
    warning = "mentions of a long and difficult story"
    response = client_for(member).post(
        f"/groups/{group.slug}/threads/new/",
        {"title": "My week", "content_warning": warning, "body": "What happened."},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "The content warning can be at most 12 characters" in page
    assert warning in page and "What happened." in page
    assert not Thread.objects.exists()


def test_an_over_long_edit_keeps_the_new_text_and_the_old_post(group, settings):
    settings.GROUPS_MAX_POST_CHARS = 20
    member = MembershipFactory(group=group)
    post = ThreadFactory(membership=member, body="Before").posts.get()
    text = "A much longer text than twenty characters."
    response = client_for(member).post(
        f"/groups/{group.slug}/posts/{post.public_id}/edit/", {"body": text}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "The post can be at most 20 characters (it has 42)" in page
    assert text in page
    post.refresh_from_db()
    assert post.body == "Before"


def test_an_over_long_name_when_joining_says_the_limit_once(member_client, group, settings):
    settings.PERSONA_NAME_MAX_CHARS = 10
    name = "Patient Harbour Seal"
    response = member_client.post(
        f"/groups/{group.slug}/join/", {"name": name, "accept_guidelines": "on"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    # One rule, one message: the pseudonym rules, not a second length check in the form.
    assert page.count("A name must be 3 to 10 characters long.") == 1
    assert f'value="{name}"' in page
    assert not Persona.objects.filter(space=group.space).exists()
