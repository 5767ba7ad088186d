"""Blocking someone also hides the notifications their actions caused (a reply naming them),
on the notifications page and in the bell's count; they are not told."""

import pytest

from community.selectors.notifications import notifications_of, unread_notification_count
from community.services.blocks import block_persona
from community.services.notifications import notify
from groups.services import posts as post_services
from tests.factories import GroupFactory, MembershipFactory
from tests.pages import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def reply_from_magpie():
    group = GroupFactory()
    author = MembershipFactory(group=group, persona__name="Quiet Heron")
    magpie = MembershipFactory(group=group, persona__name="Loud Magpie")
    thread = post_services.create_thread(
        account=author.persona.account,
        membership=author,
        group=group,
        title="After I reported",
        body="It got worse.",
    )
    post_services.create_post(
        account=magpie.persona.account, membership=magpie, thread=thread, body="Sure it did."
    )
    return author.persona.account, magpie.persona


def test_a_reply_notification_disappears_once_the_replier_is_blocked(reply_from_magpie, client):
    reader, magpie = reply_from_magpie
    client.force_login(reader)
    assert "Loud Magpie replied" in page_text(client.get("/notifications/"))
    assert unread_notification_count(reader) == 1

    block_persona(blocker=reader, persona=magpie)

    assert "Loud Magpie" not in page_text(client.get("/notifications/"))
    assert unread_notification_count(reader) == 0
    assert not notifications_of(reader).exists()


def test_notifications_without_an_actor_stay(reply_from_magpie):
    reader, magpie = reply_from_magpie
    block_persona(blocker=reader, persona=magpie)
    notify(account=reader, kind="join_request", text="Welcome: your request was approved.")
    assert [n.text for n in notifications_of(reader)] == ["Welcome: your request was approved."]
