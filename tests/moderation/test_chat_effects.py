"""Moderation reaches live chat at once: a hidden message is removed from every open room, a
mute closes the author's sockets and refuses sending, removal and suspension close them
(DESIGN.md §5 close codes). Through the real ASGI app (tests/chat/sockets.py)."""

import pytest
from channels.db import database_sync_to_async

from chat.models import Message
from moderation.models import ReviewItem
from moderation.services import flag_content
from tests.chat.conftest import schedule, send
from tests.chat.sockets import open_socket
from tests.moderation.conftest import act

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]

db = database_sync_to_async


@pytest.fixture
def live(host):
    from chat import services

    return services.open_session(membership=host, session=schedule(host))


def flagged(message, reporter) -> ReviewItem:
    return flag_content(reporter=reporter.persona.account, target=message, reason="harassment").item


async def closed_with(socket) -> tuple[str, int]:
    told = await socket.receive_until("error")
    closed = await socket.receive()
    assert closed["type"] == "closed"
    return told["code"], closed["code"]


async def test_hiding_a_message_removes_it_from_open_rooms_and_from_history(
    live, author, flagger, moderator
):
    message = await db(send)(author, live.room, body="A cruel thing.")
    item = await db(flagged)(message, flagger)
    watcher, hello = await open_socket(flagger, live.room)
    assert any(frame.get("id") == message.pk for frame in hello["messages"])
    await db(act)(moderator, item, "hide")
    frame = await watcher.receive_until("message.removed")
    assert frame == {"type": "message.removed", "id": message.pk}
    await watcher.close()
    again, hello = await open_socket(flagger, live.room)
    shown = [frame for frame in hello["messages"] if frame.get("id") == message.pk]
    assert shown == [{"type": "message.removed", "id": message.pk}]
    assert "A cruel thing." not in str(hello)
    await again.close()
    stored = await db(Message.objects.get)(pk=message.pk)
    assert stored.body == "A cruel thing."  # kept for an appeal


async def test_a_mute_closes_the_authors_sockets_and_refuses_sending(
    live, author, flagger, moderator
):
    message = await db(send)(author, live.room)
    item = await db(flagged)(message, flagger)
    socket, _ = await open_socket(author, live.room)
    await db(act)(moderator, item, "mute", days=1)
    assert await closed_with(socket) == ("muted", 4006)
    socket, hello = await open_socket(author, live.room)
    if hello is not None:
        client_id = await socket.send_message("Still here?")
        reply = await socket.receive_reply(client_id)
        assert reply["type"] == "error" and reply["code"] == "muted"
        await socket.close()


async def test_removal_from_the_group_closes_the_sockets(live, author, flagger, moderator):
    message = await db(send)(author, live.room)
    item = await db(flagged)(message, flagger)
    socket, _ = await open_socket(author, live.room)
    await db(act)(moderator, item, "remove_from_group")
    assert await closed_with(socket) == ("membership_ended", 4005)


@pytest.mark.parametrize("kind", ["suspend", "ban"])
async def test_a_suspension_or_ban_closes_every_socket_with_4007_and_says_why(
    live, author, flagger, moderator, kind
):
    message = await db(send)(author, live.room)
    item = await db(flagged)(message, flagger)
    socket, _ = await open_socket(author, live.room)
    watcher, _ = await open_socket(flagger, live.room)
    await db(act)(moderator, item, kind, days=2 if kind == "suspend" else None)
    told = await socket.receive_until("error")
    assert told["code"] == "account_suspended"
    assert ("suspended" if kind == "suspend" else "banned") in told["detail"]
    closed = await socket.receive()
    assert closed == {"type": "closed", "code": 4007}
    # Its session ended: a new socket with the same cookie is refused.
    again, hello = await open_socket(author, live.room, cookie=socket.cookie)
    assert hello is None
    assert await watcher.nothing_more()
    await watcher.close()


async def test_a_reconnecting_client_hears_of_a_message_hidden_while_it_was_away(
    live, author, flagger, moderator
):
    message = await db(send)(author, live.room, body="A cruel thing.")
    later = await db(send)(author, live.room, body="Something else.")
    item = await db(flagged)(message, flagger)
    await db(act)(moderator, item, "hide")
    socket, hello = await open_socket(flagger, live.room, since=later.pk)
    assert {"type": "message.removed", "id": message.pk} in hello["messages"]
    await socket.close()


async def test_deleting_a_message_removes_it_from_open_rooms(live, author, flagger, moderator):
    message = await db(send)(author, live.room, body="Delete me.")
    item = await db(flagged)(message, flagger)
    watcher, _ = await open_socket(flagger, live.room)
    await db(act)(moderator, item, "delete")
    assert await watcher.receive_until("message.removed") == {
        "type": "message.removed",
        "id": message.pk,
    }
    await watcher.close()
