"""Flags on another app's room reach moderation with the personas of that space only, and
moderation's actions reach the room as they reach a group's."""

import pytest
from channels.db import database_sync_to_async
from django.test import Client
from django.urls import reverse

from community.models import Account
from moderation.models import Flag, ReviewItem
from tests.chat.owned_rooms.conftest import send
from tests.chat.sockets import open_socket
from tests.factories import AccountFactory
from tests.moderation.conftest import act

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]

db = database_sync_to_async
# The pair's accounts also have these names in a group, and these emails.
OTHER_IDENTITIES = ("Group Heron", "Group Finch", "mentor@example.test", "mentee@example.test")


@pytest.fixture
def moderator(db):
    return AccountFactory(role=Account.Role.MODERATOR, email="moderator@example.test")


def page(account, url) -> tuple[int, str]:
    client = Client()
    client.force_login(account)
    response = client.get(url)
    return response.status_code, response.content.decode()


async def flagged_by_socket(room, reporter, message) -> ReviewItem:
    socket, _ = await open_socket(reporter.account, room)
    await socket.send({"type": "flag", "message_id": message.pk, "reason": "harassment"})
    assert await socket.nothing_more()  # recorded, nothing answered
    await socket.close()
    return await db(ReviewItem.objects.get)()


async def test_a_flag_reaches_the_queue_naming_the_pairs_personas_only(
    room, mentor, mentee, moderator
):
    message = await db(send)(mentor, room, body="You should quit, honestly.")
    item = await flagged_by_socket(room, mentee, message)
    flag = await db(Flag.objects.get)()
    assert flag.snapshot["author"] == {"persona": mentor.public_id, "name": "Calm Lighthouse"}
    assert flag.snapshot["url"] == f"/pairs/{room.space.public_id}/#message-{message.pk}"
    assert "group" not in flag.snapshot
    status, queue = await db(page)(moderator, reverse("moderation:queue"))
    assert status == 200 and item.public_id in queue and "A pair" in queue
    status, shown = await db(page)(moderator, reverse("moderation:item", args=[item.public_id]))
    assert status == 200
    assert "Calm Lighthouse" in shown and "You should quit, honestly." in shown
    for other in (*OTHER_IDENTITIES, "Brave Sparrow"):  # nor who flagged
        assert other not in shown and other not in queue


async def test_the_flag_page_follows_the_rooms_door(room, mentor, mentee, outsider):
    message = await db(send)(mentor, room)
    url = reverse("moderation:flag", args=["message", message.pk])
    status, text = await db(page)(mentee.account, url)
    assert status == 200 and "a chat message in" in text and "A pair" in text
    assert (await db(page)(outsider, url))[0] == 404


async def test_hiding_a_flagged_message_removes_it_from_the_open_room(
    room, mentor, mentee, moderator
):
    message = await db(send)(mentor, room, body="A cruel thing.")
    item = await flagged_by_socket(room, mentee, message)
    watcher, _ = await open_socket(mentee.account, room)
    await db(act)(moderator, item, "hide")
    assert await watcher.receive_until("message.removed") == {
        "type": "message.removed",
        "id": message.pk,
    }
    await watcher.close()


async def test_a_moderators_mute_closes_the_authors_socket_and_refuses_sending(
    room, mentor, mentee, moderator
):
    message = await db(send)(mentor, room)
    item = await flagged_by_socket(room, mentee, message)
    socket, _ = await open_socket(mentor.account, room)
    await db(act)(moderator, item, "mute", days=1)
    told = await socket.receive_until("error")
    assert told["code"] == "muted" and "in this room" in told["detail"]
    assert (await socket.receive())["code"] == 4006
    again, hello = await open_socket(mentor.account, room)
    assert hello["you"]["can_send"] is False
    client_id = await again.send_message("Still here?")
    assert (await again.receive_reply(client_id))["code"] == "muted"
    await again.close()
