"""The same text sent twice in a row into one thread is a double send (issue 8 §9)."""

from datetime import timedelta

import pytest
from django.test import Client

from community.errors import NotAllowed
from groups.models import Post
from groups.services import posts as post_services
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

BODY = "Sending you strength today."


@pytest.fixture
def member(group):
    return MembershipFactory(group=group)


@pytest.fixture
def thread(member):
    return post_services.create_thread(
        account=member.persona.account,
        membership=member,
        group=member.group,
        title="A hard week",
        body="It has been a hard week.",
    )


def reply(membership, thread, body=BODY):
    return post_services.create_post(
        account=membership.persona.account, membership=membership, thread=thread, body=body
    )


def test_the_same_reply_twice_in_a_row_is_refused_with_a_clear_message(member, thread):
    client = Client()
    client.force_login(member.persona.account)
    url = f"/groups/{thread.group.slug}/threads/{thread.public_id}/reply/"

    assert client.post(url, {"body": BODY}).status_code == 302
    response = client.post(url, {"body": BODY + "\n"})

    assert response.status_code == 400
    assert "You just posted this same text in this thread" in response.content.decode()
    assert Post.objects.filter(thread=thread, body__startswith=BODY).count() == 1


def test_the_same_text_after_the_window_is_accepted(member, thread, settings):
    settings.GROUPS_DUPLICATE_WINDOW_MINUTES = 10
    first = reply(member, thread)
    Post.objects.filter(pk=first.pk).update(created=first.created - timedelta(minutes=11))
    reply(member, thread)
    assert Post.objects.filter(thread=thread, body=BODY).count() == 2


def test_another_reply_in_between_makes_it_a_new_reply(member, thread):
    reply(member, thread)
    reply(member, thread, body="And one more thing.")
    reply(member, thread)
    assert Post.objects.filter(thread=thread, body=BODY).count() == 2


def test_two_members_may_say_the_same_thing(member, thread, group):
    other = MembershipFactory(group=group)
    reply(member, thread)
    reply(other, thread)
    assert Post.objects.filter(thread=thread, body=BODY).count() == 2


def test_a_deleted_post_can_be_sent_again(member, thread):
    first = reply(member, thread)
    post_services.delete_post(membership=member, post=first)
    reply(member, thread)
    assert Post.objects.filter(thread=thread, body=BODY).count() == 1


def test_the_service_refuses_it_on_every_path(member, thread):
    reply(member, thread)
    with pytest.raises(NotAllowed, match="same text"):
        reply(member, thread)
