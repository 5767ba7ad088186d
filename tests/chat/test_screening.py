"""Chat messages through the automatic filters, over the real WebSocket (issue #11).

A message the identity filter holds is not stored and not broadcast: the sender gets an
`error` frame with code `held` and the reason (their client keeps the text in the composer);
others see nothing, now or in history, until a moderator releases it, when it arrives as a
new message. A word list block answers `blocked`; publish-and-flag sends it as usual.
"""

import pytest
from channels.db import database_sync_to_async

from chat.models import Message
from community.models import Account, Notification
from moderation.filters.services import release_held
from moderation.filters.wordlist_services import add_word
from moderation.models import Flag, HeldContent
from tests.chat.sockets import open_socket
from tests.factories import AccountFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]

db = database_sync_to_async

EXPOSING = "His number is +1 415 555 2671, call him at night."


async def test_a_message_with_a_phone_number_is_held_and_only_its_sender_is_told(
    live, member, other_member
):
    sender, _ = await open_socket(member, live.room)
    reader, _ = await open_socket(other_member, live.room)
    client_id = await sender.send_message(EXPOSING)
    reply = await sender.receive_reply(client_id)
    assert reply["type"] == "error"
    assert reply["code"] == "held"
    assert reply["ref"] == client_id
    assert "a phone number" in reply["detail"]
    assert await reader.nothing_more()
    assert not await db(Message.objects.exists)()
    held = await db(HeldContent.objects.get)()
    assert held.kind == "message"
    assert held.content["body"] == EXPOSING
    assert held.content["client_id"] == client_id
    assert held.target is None
    await sender.close()
    await reader.close()


async def test_a_held_message_is_not_in_anyones_history(live, member, other_member):
    sender, _ = await open_socket(member, live.room)
    client_id = await sender.send_message(EXPOSING)
    await sender.receive_reply(client_id)
    await sender.close()
    for person in (member, other_member):
        socket, hello = await open_socket(person, live.room)
        assert hello["messages"] == []
        await socket.close()


async def test_the_socket_stays_usable_and_a_resend_is_one_held_message(live, member):
    sender, _ = await open_socket(member, live.room)
    client_id = await sender.send_message(EXPOSING)
    await sender.receive_reply(client_id)
    await sender.send_message(EXPOSING, client_id=client_id)
    again = await sender.receive_reply(client_id)
    assert again["code"] == "held"
    assert await db(HeldContent.objects.count)() == 1
    await sender.send_message("Sorry, I'll leave it out.")
    assert (await sender.receive_until("message"))["type"] == "message"
    await sender.close()


async def test_a_released_message_reaches_the_room_as_a_new_message(live, member, other_member):
    sender, _ = await open_socket(member, live.room)
    reader, _ = await open_socket(other_member, live.room)
    await sender.send_message("Hello first.")
    first = await reader.receive_until("message")
    client_id = await sender.send_message(EXPOSING)
    await sender.receive_reply(client_id)
    moderator = await db(AccountFactory)(role=Account.Role.MODERATOR)
    held = await db(HeldContent.objects.get)()
    await db(release_held)(moderator=moderator, held=held)
    released = await reader.receive_until("message")
    assert released["client_id"] == client_id
    assert released["id"] > first["id"]
    assert "555" in released["body_html"]
    assert released["author"]["persona"] == member.persona.public_id
    told = await db(
        lambda: list(Notification.objects.filter(account=member.persona.account).values("text"))
    )()
    assert len(told) == 1 and "published your chat message" in told[0]["text"]
    await sender.close()
    await reader.close()


async def test_a_blocked_word_answers_blocked_with_the_lists_message(
    live, host, member, other_member
):
    await db(add_word)(
        actor=host.persona.account,
        space=await db(lambda: live.room.group.space)(),
        pattern="scab",
        action="block",
        message="Not that word, please.",
    )
    sender, _ = await open_socket(member, live.room)
    reader, _ = await open_socket(other_member, live.room)
    client_id = await sender.send_message("what a SCAB")
    reply = await sender.receive_reply(client_id)
    assert (reply["code"], reply["detail"]) == ("blocked", "Not that word, please.")
    assert await reader.nothing_more()
    assert not await db(Message.objects.exists)()
    await sender.close()
    await reader.close()


async def test_a_flagging_word_is_sent_as_usual_and_flagged(live, host, member, other_member):
    await db(add_word)(
        actor=host.persona.account,
        space=await db(lambda: live.room.group.space)(),
        pattern="lawyer",
        action="flag",
    )
    sender, _ = await open_socket(member, live.room)
    reader, _ = await open_socket(other_member, live.room)
    await sender.send_message("I saw a lawyer.")
    received = await reader.receive_until("message")
    flag = await db(Flag.objects.get)()
    assert flag.object_id == received["id"]
    assert flag.reporter_id is None
    await sender.close()
    await reader.close()
