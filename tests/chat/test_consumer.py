"""The room consumer, frame by frame, through the real ASGI stack (DESIGN.md §5).

Every client frame type, every error, who may connect, and the guarantees: stored before
broadcast, idempotent client_id, since/history, the socket staying usable after bad input.
"""

import json
import uuid

import pytest
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.conf import settings

from chat import realtime, services
from chat.models import Message
from community.asgi import application
from groups.models import JoinRequest, Membership
from moderation.models import Flag
from tests.chat.conftest import schedule, send
from tests.chat.sockets import open_socket
from tests.factories import GroupFactory, MembershipFactory, PersonaFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]

db = database_sync_to_async


# Connecting


async def test_a_member_is_greeted_with_their_persona_the_room_and_recent_messages(
    live, member, other_member
):
    stored = await db(send)(other_member, live.room, "Welcome, all.")
    socket, hello = await open_socket(member, live.room)
    assert hello["type"] == "hello"
    assert hello["you"] == {
        "persona": member.persona.public_id,
        "name": "Steady Otter",
        "role": "member",
        "muted_until": None,
        "can_send": True,
    }
    assert hello["room"]["public_id"] == live.room.public_id
    assert hello["room"]["live"] is True
    assert hello["room"]["title"] == "Tuesday evening check-in"
    assert [frame["id"] for frame in hello["messages"]] == [stored.pk]
    assert hello["messages"][0]["author"] == {
        "persona": other_member.persona.public_id,
        "name": "Amber Finch",
    }
    await socket.close()


async def test_a_host_is_greeted_as_host(live, host):
    socket, hello = await open_socket(host, live.room)
    assert hello["you"]["role"] == "host"
    await socket.close()


async def test_a_visitor_is_closed_as_signed_out(live):
    socket, hello = await open_socket(None, live.room)
    assert hello is None and socket.close_code == 4001


@pytest.fixture
def outsiders(live, group):
    """Everyone who may not enter: a member of another group, a pending applicant, a member who
    left, and the room of another group reached by a member here."""
    elsewhere = MembershipFactory(group=GroupFactory(name="Elsewhere", slug="elsewhere"))
    applicant = PersonaFactory(space=group.space, name="Brave Finch")
    JoinRequest.objects.create(group=group, persona=applicant, answer="Please.")
    left = MembershipFactory(group=group, status=Membership.Status.LEFT)
    removed = MembershipFactory(group=group, status=Membership.Status.REMOVED)
    return {
        "other group": elsewhere,
        "applicant": applicant.account,
        "left": left,
        "removed": removed,
    }


async def test_outsiders_and_unknown_rooms_get_one_and_the_same_refusal(live, member, outsiders):
    frames = []
    for person in outsiders.values():
        socket, hello = await open_socket(person, live.room)
        frames.append((hello, socket.close_code))
    unknown, hello = await open_socket(member, "no-such-room")
    frames.append((hello, unknown.close_code))
    assert frames == [(None, 4003)] * 5


async def test_a_quiet_room_refuses_everyone_but_its_two_personas(live, host, member, other_member):
    request = await db(services.request_quiet_room)(
        account=member.persona.account, membership=member, session=live
    )
    quiet = await db(services.accept_quiet_room)(membership=host, request=request)
    inside, hello = await open_socket(member, quiet)
    assert hello["room"]["kind"] == "quiet"
    outside, refused = await open_socket(other_member, quiet)
    assert refused is None and outside.close_code == 4003
    await inside.close()


async def test_another_sites_page_cannot_open_a_socket(live, member):
    socket, hello = await open_socket(member, live.room, origin=b"https://evil.example")
    assert hello is None


async def test_a_full_room_turns_members_away_but_never_a_host(host, member, other_member):
    session = await db(schedule)(host, capacity=2)
    session = await db(services.open_session)(membership=host, session=session)
    first, _ = await open_socket(member, session.room)
    second, _ = await open_socket(other_member, session.room)
    third_member = await db(MembershipFactory)(group=member.group)
    third, refused = await open_socket(third_member, session.room)
    assert refused is None and third.close_code == 4008
    hosting, hello = await open_socket(host, session.room)
    assert hello["type"] == "hello"
    for socket in (first, second, hosting):
        await socket.close()


async def test_presence_counts_personas_in_the_room(live, member, other_member, settings):
    settings.CHAT_PRESENCE_DEBOUNCE_SECONDS = 0.05
    first, _ = await open_socket(member, live.room)
    assert (await first.receive_until("presence"))["count"] == 1
    second, _ = await open_socket(other_member, live.room)
    assert (await first.receive_until("presence"))["count"] == 2
    await second.close()
    assert (await first.receive_until("presence"))["count"] == 1
    await first.close()


# Sending


async def test_a_message_is_stored_then_reaches_everyone_with_the_persona_only(
    live, member, other_member
):
    sender, _ = await open_socket(member, live.room)
    reader, _ = await open_socket(other_member, live.room)
    client_id = await sender.send_message("I **finally** reported it.")
    acknowledged = await sender.receive_until("message")
    received = await reader.receive_until("message")
    stored = await db(Message.objects.get)(client_id=client_id)
    assert acknowledged == received
    assert received == {
        "type": "message",
        "id": stored.pk,
        "client_id": client_id,
        "author": {"persona": member.persona.public_id, "name": "Steady Otter"},
        "body_html": "<p>I <strong>finally</strong> reported it.</p>\n",
        "content_warning": "",
        "created": stored.created.isoformat(),
    }
    account = member.persona.account
    assert account.email not in json.dumps(received)
    assert await sender.nothing_more()
    await sender.close()
    await reader.close()


async def test_markdown_is_sanitized_as_posts_are(live, member):
    socket, _ = await open_socket(member, live.room)
    hostile = "<script>alert(1)</script><img src=x onerror=alert(1)> [a](javascript:x)"
    await socket.send_message(hostile)
    frame = await socket.receive_until("message")
    assert "<script" not in frame["body_html"] and "<img" not in frame["body_html"]
    assert 'href="javascript:' not in frame["body_html"]
    await socket.close()


async def test_a_resent_client_id_returns_the_original_and_stores_nothing_new(
    live, member, other_member
):
    sender, _ = await open_socket(member, live.room)
    reader, _ = await open_socket(other_member, live.room)
    client_id = await sender.send_message("Once.")
    original = await sender.receive_until("message")
    await sender.send_message("Once, again.", client_id=client_id)
    again = await sender.receive_until("message")
    assert again == original
    assert await db(Message.objects.filter(client_id=client_id).count)() == 1
    await reader.receive_until("message")
    assert await reader.nothing_more()
    await sender.close()
    await reader.close()


async def test_ids_increase_and_a_content_warning_travels_with_the_message(live, member):
    socket, _ = await open_socket(member, live.room)
    await socket.send_message("First.")
    first = await socket.receive_until("message")
    await socket.send_message("Second.", content_warning="workplace abuse")
    second = await socket.receive_until("message")
    assert second["id"] > first["id"]
    assert second["content_warning"] == "workplace abuse"
    await socket.close()


async def test_a_room_that_is_not_live_is_read_only(upcoming, member):
    socket, hello = await open_socket(member, upcoming.room)
    assert hello["room"]["live"] is False and hello["you"]["can_send"] is False
    client_id = await socket.send_message("Too early.")
    error = await socket.receive_until("error")
    assert error["code"] == "read_only" and error["ref"] == client_id
    assert await db(Message.objects.count)() == 0
    await socket.close()


# Bad frames: each gets an error frame and the socket stays usable


def sending(**fields) -> str:
    return json.dumps({"type": "message.send", "client_id": str(uuid.uuid4())} | fields)


BAD_FRAMES = {
    "not json": ("{nope", "invalid_json"),
    "not an object": ("[1, 2]", "invalid_frame"),
    "a bare string": ('"message.send"', "invalid_frame"),
    "no type": ('{"body": "hi"}', "unknown_type"),
    "unknown type": ('{"type": "message.edit"}', "unknown_type"),
    "type not a string": ('{"type": 5}', "unknown_type"),
    "missing body": (sending(), "invalid_field"),
    "body not a string": (sending(body=5), "invalid_field"),
    "missing client_id": ('{"type": "message.send", "body": "hi"}', "invalid_field"),
    "client_id not a uuid": (sending(body="hi", client_id="x"), "invalid_field"),
    "content warning not a string": (sending(body="hi", content_warning=[]), "invalid_field"),
    "empty body": (sending(body="  "), "validation"),
    "history without before": ('{"type": "history"}', "invalid_field"),
    "history before as text": ('{"type": "history", "before": "12"}', "invalid_field"),
    "history before as bool": ('{"type": "history", "before": true}', "invalid_field"),
    "flag without reason": ('{"type": "flag", "message_id": 1}', "invalid_field"),
    "mute minutes as float": (
        '{"type": "participant.mute", "persona": "x", "minutes": 1.5}',
        "invalid_field",
    ),
}


@pytest.mark.parametrize("name", BAD_FRAMES)
async def test_a_bad_frame_gets_an_error_and_the_socket_stays_usable(live, member, name):
    text, code = BAD_FRAMES[name]
    socket, _ = await open_socket(member, live.room)
    await socket.send(text)
    error = await socket.receive_until("error")
    assert error["code"] == code
    assert error["detail"] and error["detail"][-1] in ".!?"
    await socket.send_message("Still here.")
    assert (await socket.receive_until("message"))["body_html"] == "<p>Still here.</p>\n"
    await socket.close()


async def test_a_body_over_the_limit_is_refused_with_the_limit(live, member, settings):
    settings.CHAT_MAX_MESSAGE_CHARS = 20
    socket, _ = await open_socket(member, live.room)
    client_id = await socket.send_message("x" * 21)
    error = await socket.receive_until("error")
    assert error == {
        "type": "error",
        "code": "too_long",
        "detail": "The message can be at most 20 characters (it has 21).",
        "ref": client_id,
    }
    await socket.close()


async def test_an_oversized_frame_and_a_binary_frame_are_refused(live, member, settings):
    settings.CHAT_MAX_FRAME_BYTES = 100
    socket, _ = await open_socket(member, live.room)
    await socket.send_message("é" * 60)  # 60 characters, 120 bytes
    assert (await socket.receive_until("error"))["code"] == "frame_too_large"
    await socket.send_bytes(b'{"type": "typing"}')
    assert (await socket.receive_until("error"))["code"] == "binary_not_supported"
    await socket.send_message("Short.")
    assert (await socket.receive_until("message"))["type"] == "message"
    await socket.close()


# Rates


async def test_a_socket_sending_too_fast_is_told_and_others_are_untouched(
    live, member, other_member, settings
):
    settings.CHAT_CONNECTION_FRAME_RATE = "3/m"
    flooder, _ = await open_socket(member, live.room)
    calm, _ = await open_socket(other_member, live.room)
    for _ in range(3):
        await flooder.send({"type": "typing"})
    client_id = await flooder.send_message("One too many.")
    error = await flooder.receive_until("error")
    assert error["code"] == "rate_limited" and error["ref"] == client_id
    reply = await calm.receive_reply(await calm.send_message("I can still talk."))
    assert reply["body_html"] == "<p>I can still talk.</p>\n"
    await flooder.close()
    await calm.close()


async def test_a_socket_that_keeps_flooding_is_closed(live, member, settings):
    settings.CHAT_CONNECTION_FRAME_RATE = "2/m"
    settings.CHAT_MAX_REFUSED_FRAMES = 3
    socket, _ = await open_socket(member, live.room)
    for _ in range(6):
        await socket.send({"type": "typing"})
    codes = []
    while (frame := await socket.receive())["type"] != "closed":
        codes.append(frame.get("code"))
    assert "flooding" in codes and socket.close_code == 4009


async def test_messages_are_limited_per_account_across_sockets(live, member, settings):
    settings.CHAT_MESSAGE_RATE = "2/m"
    first, _ = await open_socket(member, live.room)
    second, _ = await open_socket(member, live.room)
    assert (await first.receive_reply(await first.send_message("One.")))["type"] == "message"
    assert (await second.receive_reply(await second.send_message("Two.")))["type"] == "message"
    client_id = await first.send_message("Three.")
    error = await first.receive_reply(client_id)
    assert error["code"] == "rate_limited" and error["ref"] == client_id
    assert "2 per minute" in error["detail"]
    await first.close()
    await second.close()


# Backfill and history


async def test_since_backfills_every_later_message_and_nothing_before(live, member, other_member):
    first = await db(send)(other_member, live.room, "One.")
    later = [await db(send)(other_member, live.room, f"Number {n}.") for n in range(3)]
    socket, hello = await open_socket(member, live.room, since=first.pk)
    assert [frame["id"] for frame in hello["messages"]] == [message.pk for message in later]
    await socket.close()


async def test_history_pages_back_through_older_messages(live, member, other_member, settings):
    settings.CHAT_HISTORY_PAGE_SIZE = 2
    stored = [await db(send)(other_member, live.room, f"Number {n}.") for n in range(5)]
    socket, hello = await open_socket(member, live.room)
    assert [frame["id"] for frame in hello["messages"]] == [m.pk for m in stored[3:]]
    await socket.send({"type": "history", "before": stored[3].pk})
    page = await socket.receive_until("history")
    assert [frame["id"] for frame in page["messages"]] == [m.pk for m in stored[1:3]]
    assert page["more"] is True and page["before"] == stored[3].pk
    await socket.send({"type": "history", "before": stored[1].pk})
    last = await socket.receive_until("history")
    assert [frame["id"] for frame in last["messages"]] == [stored[0].pk]
    assert last["more"] is False
    await socket.close()


# Typing and flags


async def test_typing_reaches_the_others_by_persona_name_only(live, member, other_member):
    typist, _ = await open_socket(member, live.room)
    reader, _ = await open_socket(other_member, live.room)
    await typist.send({"type": "typing"})
    assert await reader.receive_until("typing") == {"type": "typing", "name": "Steady Otter"}
    assert await typist.nothing_more()
    await typist.close()
    await reader.close()


async def test_a_flag_is_recorded_with_its_snapshot(live, member, other_member):
    message = await db(send)(other_member, live.room, "Something hurtful.")
    socket, _ = await open_socket(member, live.room)
    await socket.send(
        {"type": "flag", "message_id": message.pk, "reason": "harassment", "note": "Again."}
    )
    await socket.send({"type": "flag", "message_id": 999999, "reason": "harassment"})
    assert (await socket.receive_until("error"))["code"] == "not_found"
    flag = await db(Flag.objects.get)()
    assert flag.reason == "harassment" and flag.snapshot["body"] == "Something hurtful."
    assert flag.reporter_id == member.persona.account_id
    await socket.send({"type": "flag", "message_id": message.pk, "reason": "no-such-reason"})
    assert (await socket.receive_until("error"))["code"] == "validation"
    await socket.close()


async def test_a_message_of_another_room_cannot_be_flagged_from_here(live, host, member):
    other = await db(schedule)(host, title="Another evening")
    other = await db(services.open_session)(membership=host, session=other)
    elsewhere = await db(send)(host, other.room, "In the other room.")
    socket, _ = await open_socket(member, live.room)
    await socket.send({"type": "flag", "message_id": elsewhere.pk, "reason": "spam"})
    assert (await socket.receive_until("error"))["code"] == "not_found"
    assert await db(Flag.objects.count)() == 0
    await socket.close()


# Host controls


async def test_a_host_removes_a_message_for_everyone(live, host, member, other_member):
    message = await db(send)(member, live.room, "Regrettable.")
    hosting, _ = await open_socket(host, live.room)
    reader, _ = await open_socket(other_member, live.room)
    await hosting.send({"type": "message.remove", "message_id": message.pk})
    assert await reader.receive_until("message.removed") == {
        "type": "message.removed",
        "id": message.pk,
    }
    await message.arefresh_from_db()
    assert message.removed_at is not None and message.body == ""
    await hosting.close()
    await reader.close()


async def test_members_cannot_use_host_controls(live, member, other_member):
    message = await db(send)(other_member, live.room, "Mine.")
    socket, _ = await open_socket(member, live.room)
    for frame in (
        {"type": "message.remove", "message_id": message.pk},
        {"type": "participant.mute", "persona": other_member.persona.public_id, "minutes": 5},
        {"type": "session.end"},
    ):
        await socket.send(frame)
        assert (await socket.receive_until("error"))["code"] == "not_allowed"
    await message.arefresh_from_db()
    await live.arefresh_from_db()
    assert message.removed_at is None and live.ended_at is None
    await socket.close()


async def test_a_muted_member_is_told_cut_off_and_reads_only_until_the_mute_ends(
    live, host, member
):
    hosting, _ = await open_socket(host, live.room)
    muted, _ = await open_socket(member, live.room)
    await hosting.send(
        {"type": "participant.mute", "persona": member.persona.public_id, "minutes": 10}
    )
    told = await muted.receive_until("error")
    assert told["code"] == "muted" and "until" in told["detail"]
    assert (await muted.receive()) == {"type": "closed", "code": 4006}
    again, hello = await open_socket(member, live.room)
    assert hello["you"]["muted_until"] is not None and hello["you"]["can_send"] is False
    client_id = await again.send_message("Let me speak.")
    error = await again.receive_until("error")
    assert error["code"] == "muted" and error["ref"] == client_id
    await hosting.close()
    await again.close()


async def test_muting_a_persona_of_another_group_is_not_found(live, host):
    stranger = await db(MembershipFactory)(group=await db(GroupFactory)())
    socket, _ = await open_socket(host, live.room)
    await socket.send(
        {"type": "participant.mute", "persona": stranger.persona.public_id, "minutes": 5}
    )
    assert (await socket.receive_until("error"))["code"] == "not_allowed"
    await socket.close()


async def test_a_host_ends_the_session_and_the_room_turns_read_only(live, host, member):
    hosting, _ = await open_socket(host, live.room)
    reader, _ = await open_socket(member, live.room)
    await hosting.send({"type": "session.end"})
    assert await reader.receive_until("session.ended") == {"type": "session.ended"}
    await reader.send_message("Wait!")
    assert (await reader.receive_until("error"))["code"] == "read_only"
    await hosting.close()
    await reader.close()


# The socket's headers cannot smuggle another session


async def test_a_forged_session_cookie_is_a_visitor(live):
    headers = [
        (b"origin", b"http://localhost"),
        (b"host", b"localhost"),
        (b"cookie", f"{settings.SESSION_COOKIE_NAME}=forged".encode()),
    ]
    communicator = WebsocketCommunicator(application, live.room.ws_url, headers=headers)
    connected, _ = await communicator.connect(3)
    assert connected
    closed = await communicator.receive_output(3)
    assert closed == {"type": "websocket.close", "code": 4001, "reason": "Please sign in again."}


# Fan-out: built once, forwarded without database work


async def test_forwarding_a_broadcast_takes_no_thread_hop(live, member, monkeypatch):
    """Channels closes old database connections in a thread before every handler; forwarding a
    prepared frame needs no database, so it must not pay for that hop (issue #10, Scale)."""
    import channels.consumer

    hops = []
    original = channels.consumer.aclose_old_connections

    async def counting_hop():
        hops.append(1)
        await original()

    monkeypatch.setattr(channels.consumer, "aclose_old_connections", counting_hop)
    reader, _ = await open_socket(member, live.room)
    hops.clear()
    group = realtime.room_group(live.room.public_id)
    for number in range(5):
        frame = {"type": "message", "id": 10**6 + number}
        event = {"type": "chat.message", "id": 10**6 + number, "author": "x"}
        await get_channel_layer().group_send(group, event | {"text": json.dumps(frame)})
    for _ in range(5):
        await reader.receive_until("message")
    assert hops == []
    await reader.close()


async def test_a_message_is_one_group_send_with_its_frame_serialized_once(
    live, member, other_member, host, monkeypatch
):
    layer = get_channel_layer()
    sent = []
    original = layer.group_send

    async def recording(group, event):
        sent.append((group, event))
        await original(group, event)

    monkeypatch.setattr(layer, "group_send", recording)
    sockets = [(await open_socket(person, live.room))[0] for person in (member, other_member, host)]
    client_id = await sockets[0].send_message("Once for all.")
    for socket in sockets:
        await socket.receive_reply(client_id)
    messages = [event for _group, event in sent if event["type"] == "chat.message"]
    assert len(messages) == 1
    assert isinstance(messages[0]["text"], str) and client_id in messages[0]["text"]
    for socket in sockets:
        await socket.close()


async def test_since_also_brings_removals_of_messages_the_client_already_had(
    live, host, member, other_member
):
    kept = await db(send)(other_member, live.room, "Kept.")
    removed = await db(send)(other_member, live.room, "Regrettable.")
    last_seen = await db(send)(other_member, live.room, "Last one I saw.")
    await db(services.remove_message)(membership=host, message=removed)
    later = await db(send)(other_member, live.room, "While I was away.")
    socket, hello = await open_socket(member, live.room, since=last_seen.pk)
    assert hello["messages"][0] == {"type": "message.removed", "id": removed.pk}
    assert [frame["id"] for frame in hello["messages"]] == [removed.pk, later.pk]
    assert kept.pk not in [frame["id"] for frame in hello["messages"]]
    await socket.close()
