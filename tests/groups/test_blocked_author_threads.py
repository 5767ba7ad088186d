"""A blocker sees nothing of the account they blocked: its threads are 404 for them, title and
replies included, by direct URL too; the blocked author notices nothing (DESIGN.md §2)."""

import pytest

from community.models import Notification
from community.services.blocks import block_persona
from groups.models import Post
from groups.services import posts as post_services
from tests.factories import AccountFactory, MembershipFactory

TITLE = "The week after I spoke up"


@pytest.fixture
def world(group):
    author = MembershipFactory(
        group=group, persona__account=AccountFactory(), persona__name="Harsh Crow 4"
    )
    blocker = MembershipFactory(
        group=group, persona__account=AccountFactory(), persona__name="Calm Wren 8"
    )
    third = MembershipFactory(
        group=group, persona__account=AccountFactory(), persona__name="Bright Fox 2"
    )
    thread = post_services.create_thread(
        account=author.persona.account, membership=author, group=group, title=TITLE, body="Hi."
    )
    # The blocker replied before blocking, so would be notified of later replies.
    post_services.create_post(
        account=blocker.persona.account, membership=blocker, thread=thread, body="Same here."
    )
    block_persona(blocker=blocker.persona.account, persona=author.persona)
    Notification.objects.all().delete()
    return group, thread, author, blocker, third


def _url(group, thread, tail=""):
    return f"/groups/{group.slug}/threads/{thread.public_id}/{tail}"


def test_the_blocker_gets_404_for_the_blocked_authors_thread_without_its_title(client, world):
    group, thread, _author, blocker, _third = world
    client.force_login(blocker.persona.account)
    response = client.get(_url(group, thread))
    assert response.status_code == 404
    assert TITLE not in response.content.decode()


def test_the_blocked_author_still_sees_their_thread_and_the_blockers_reply(client, world):
    group, thread, author, _blocker, _third = world
    client.force_login(author.persona.account)
    response = client.get(_url(group, thread))
    assert response.status_code == 200
    assert "Same here." in response.content.decode()


def test_the_blocker_cannot_reply_into_the_blocked_authors_thread(client, world):
    group, thread, _author, blocker, _third = world
    client.force_login(blocker.persona.account)
    response = client.post(_url(group, thread, "reply/"), {"body": "Sneaking in"})
    assert response.status_code == 404
    assert not Post.objects.filter(body="Sneaking in").exists()


def test_replies_by_others_in_that_thread_are_404_for_the_blocker(client, world):
    group, thread, _author, blocker, third = world
    reply = post_services.create_post(
        account=third.persona.account, membership=third, thread=thread, body="Sending care."
    )
    client.force_login(blocker.persona.account)
    assert client.get(f"/moderation/flag/post/{reply.public_id}/").status_code == 404
    react = client.post(f"/groups/{group.slug}/posts/{reply.public_id}/react/", {"kind": "support"})
    assert react.status_code == 404


def test_the_blocker_is_not_notified_of_replies_in_the_blocked_authors_thread(world):
    _group, thread, _author, blocker, third = world
    post_services.create_post(
        account=third.persona.account, membership=third, thread=thread, body="Sending care."
    )
    assert not Notification.objects.filter(account=blocker.persona.account).exists()
    assert Notification.objects.filter(account=thread.author.account, kind="reply").exists()
