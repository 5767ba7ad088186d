"""Another app's room over the live protocol: its two personas talk; anyone else is refused as
an unknown room is; it has no host controls; blocks fold; ending it closes both sockets."""

import json

import pytest
from channels.db import database_sync_to_async

from chat import room_kinds, services
from community.services.blocks import block_persona
from tests.chat.owned_rooms.conftest import (
    KIND,
    end_pair,
    pair_is_live,
    pair_page,
    pairs_ended_before,
    send,
)
from tests.chat.sockets import open_socket
from tests.factories import AccountFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]

db = database_sync_to_async


async def closed_with(socket) -> tuple[str, int]:
    told = await socket.receive_until("error")
    closed = await socket.receive()
    assert closed["type"] == "closed"
    return told["code"], closed["code"]


async def test_the_two_personas_connect_and_exchange_messages(room, mentor, mentee):
    first, hello = await open_socket(mentor.account, room)
    assert hello["you"] == {
        "persona": mentor.public_id,
        "name": "Calm Lighthouse",
        "role": "member",
        "muted_until": None,
        "can_send": True,
    }
    assert hello["room"] == {
        "public_id": room.public_id,
        "kind": KIND,
        "title": "Pair room",
        "live": True,
        "starts_at": None,
        "ends_at": None,
        "capacity": None,
    }
    second, _ = await open_socket(mentee.account, room)
    client_id = await first.send_message("How did the meeting go?")
    acknowledged = await first.receive_reply(client_id)
    received = await second.receive_until("message")
    assert received == acknowledged
    assert received["author"] == {"persona": mentor.public_id, "name": "Calm Lighthouse"}
    reply_id = await second.send_message("Better than I feared.")
    reply = await first.receive_reply(reply_id)
    assert reply["author"] == {"persona": mentee.public_id, "name": "Brave Sparrow"}
    await second.send({"type": "typing"})
    assert await first.receive_until("typing") == {"type": "typing", "name": "Brave Sparrow"}
    # Whatever crossed the sockets names the pair's personas only.
    seen = json.dumps([hello, acknowledged, reply])
    for other in ("Group Heron", "Group Finch", "mentor@example.test", "mentee@example.test"):
        assert other not in seen
    await first.close()
    await second.close()


async def test_history_and_presence_work_as_in_group_rooms(room, mentor, mentee, settings):
    settings.CHAT_HISTORY_PAGE_SIZE = 2
    settings.CHAT_MESSAGE_RATE = "100/m"
    sent = [await db(send)(mentor, room, body=f"Note {number}") for number in range(3)]
    socket, hello = await open_socket(mentee.account, room)
    assert [frame["id"] for frame in hello["messages"]] == [sent[1].pk, sent[2].pk]
    await socket.send({"type": "history", "before": sent[1].pk})
    page = await socket.receive_until("history")
    assert [frame["id"] for frame in page["messages"]] == [sent[0].pk]
    other, _ = await open_socket(mentor.account, room)
    while (frame := await socket.receive())["type"] != "presence" or frame["count"] != 2:
        pass
    await other.close()
    await socket.close()


async def test_a_third_account_is_refused_exactly_as_an_unknown_room_is(
    room, mentor, outsider, group
):
    stranger = await db(AccountFactory)()
    frames = []
    for account in (outsider, stranger):
        socket, hello = await open_socket(account, room)
        frames.append((hello, socket.close_code))
    unknown, hello = await open_socket(mentor.account, "no-such-room")
    frames.append((hello, unknown.close_code))
    assert frames == [(None, 4003)] * 3


async def test_the_owners_answer_is_checked_not_trusted(room, mentee, outsider):
    """An owner that named someone else's persona lets nobody else in."""
    room_kinds.unregister_room_kind(KIND)
    await db(room_kinds.register_room_kind)(
        KIND,
        label="Pair room",
        access=lambda account, room: mentee,
        is_live=pair_is_live,
        url_of=pair_page,
        spaces_ended_before=pairs_ended_before,
    )
    socket, hello = await open_socket(outsider, room)
    assert hello is None and socket.close_code == 4003


async def test_host_controls_answer_not_allowed(room, mentor, mentee):
    theirs = await db(send)(mentee, room, body="Mine to keep.")
    socket, _ = await open_socket(mentor.account, room)
    own_id = await socket.send_message("And mine.")
    own = await socket.receive_reply(own_id)
    for frame in (
        {"type": "message.remove", "message_id": theirs.pk},
        {"type": "message.remove", "message_id": own["id"]},
        {"type": "participant.mute", "persona": mentee.public_id, "minutes": 5},
        {"type": "session.end"},
    ):
        await socket.send(frame)
        answer = await socket.receive_until("error")
        assert answer["code"] == "not_allowed", frame
    client_id = await socket.send_message("Still open.")
    assert (await socket.receive_reply(client_id))["type"] == "message"
    await socket.close()


async def test_ending_closes_both_sockets_and_leaves_the_room_read_only(room, mentor, mentee):
    await db(send)(mentor, room, body="Take care.")
    first, _ = await open_socket(mentor.account, room)
    second, _ = await open_socket(mentee.account, room)
    await db(end_pair)(room)
    assert await closed_with(first) == ("room_ended", 4011)
    assert await closed_with(second) == ("room_ended", 4011)
    again, hello = await open_socket(mentee.account, room)
    assert hello["room"]["live"] is False and hello["you"]["can_send"] is False
    assert [frame["type"] for frame in hello["messages"]] == ["message"]  # history kept
    client_id = await again.send_message("Hello?")
    assert (await again.receive_reply(client_id))["code"] == "read_only"
    await again.close()


async def test_end_room_refuses_a_code_chat_does_not_know(room):
    with pytest.raises(ValueError):
        await db(services.end_room)(room, code=4999)


async def test_a_block_folds_the_blocked_personas_messages_for_the_blocker_only(
    room, mentor, mentee
):
    blocker, _ = await open_socket(mentee.account, room)
    author, _ = await open_socket(mentor.account, room)
    await db(block_persona)(blocker=mentee.account, persona=mentor)
    client_id = await author.send_message("Are you there?")
    own = await author.receive_reply(client_id)
    assert "hidden_by_block" not in own
    folded = await blocker.receive_until("message")
    assert folded == {**own, "hidden_by_block": True}
    await author.close()
    await blocker.close()
    again, hello = await open_socket(mentee.account, room)
    assert hello["messages"][-1]["hidden_by_block"] is True
    await again.close()
