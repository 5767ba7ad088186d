"""A mentorship's private room, over the live protocol (chat's consumer): its two fresh
personas talk, anyone else is refused as an unknown room is, and ending the mentorship, by a
click or by a block, closes both sockets with the same words and leaves the room read-only."""

import json

import pytest
from channels.db import database_sync_to_async

from chat.models import Room
from community.services.blocks import block_persona
from mentoring import rooms, services
from tests.chat.sockets import open_socket
from tests.factories import AccountFactory, MembershipFactory
from tests.mentoring.conftest import chosen, make_mentor, make_request, offered

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]

db = database_sync_to_async
ENDED_WORDS = "This mentorship has ended. You can no longer write here."


@pytest.fixture
def mentorship(areas, coordinator):
    mentor_account = AccountFactory(email="alex.north@example.test")
    mentee_account = AccountFactory(email="sam.rivera@example.test")
    group = MembershipFactory(persona__account=mentee_account, persona__name="Steady Otter").group
    MembershipFactory(group=group, persona__account=mentor_account, persona__name="Tall Pine")
    make_mentor(coordinator, areas, account=mentor_account, name="Gentle Harbor")
    request = make_request(areas, account=mentee_account)
    services.choose_proposal(account=mentee_account, proposal=offered(request)[0], name="Fern")
    return services.accept_proposal(
        account=mentor_account, proposal=chosen(request), name="Open Meadow"
    )


@pytest.fixture
def room(mentorship) -> Room:
    return Room.objects.get(space=mentorship.space)


async def closed_with(socket) -> tuple[dict, int]:
    told = await socket.receive_until("error")
    closed = await socket.receive()
    assert closed["type"] == "closed"
    return told, closed["code"]


async def test_accepting_opens_a_room_where_the_two_fresh_personas_talk(mentorship, room):
    assert room.kind == rooms.ROOM_KIND
    mentor, mentee = mentorship.mentor, mentorship.mentee
    first, hello = await open_socket(mentor.account, room)
    assert hello["you"]["name"] == "Open Meadow" and hello["room"]["live"] is True
    second, other_hello = await open_socket(mentee.account, room)
    client_id = await first.send_message("How are you holding up?")
    sent = await first.receive_reply(client_id)
    received = await second.receive_until("message")
    assert received == sent
    assert received["author"] == {"persona": mentor.public_id, "name": "Open Meadow"}

    seen = json.dumps([hello, other_hello, sent])
    for elsewhere in ("Tall Pine", "Steady Otter", "Gentle Harbor", "alex.north", "sam.rivera"):
        assert elsewhere not in seen
    await first.close()
    await second.close()


async def test_nobody_else_gets_in_not_even_the_same_group(mentorship, room):
    group_member = await db(
        lambda: (
            MembershipFactory(
                group=mentorship.mentee.account.personas.first().membership.group
            ).persona.account
        )
    )()
    for account in (group_member, await db(AccountFactory)()):
        socket, hello = await open_socket(account, room)
        assert hello is None and socket.close_code == 4003


async def test_ending_closes_both_sockets_with_the_same_words_and_keeps_the_history(
    mentorship, room
):
    mentor, mentee = mentorship.mentor, mentorship.mentee
    first, _ = await open_socket(mentor.account, room)
    second, _ = await open_socket(mentee.account, room)
    client_id = await second.send_message("Thank you for everything.")
    await second.receive_reply(client_id)
    await first.receive_until("message")

    await db(services.end_mentorship)(account=mentee.account, mentorship=mentorship)

    for socket in (first, second):
        told, code = await closed_with(socket)
        assert (told["code"], told["detail"], code) == ("room_ended", ENDED_WORDS, 4011)
    again, hello = await open_socket(mentor.account, room)
    assert hello["room"]["live"] is False and hello["you"]["can_send"] is False
    assert [frame["body_html"].strip() for frame in hello["messages"]] == [
        "<p>Thank you for everything.</p>"
    ]
    await again.close()


async def test_a_block_ends_it_at_once_and_the_blocked_side_reads_what_a_click_reads(
    mentorship, room
):
    mentor, mentee = mentorship.mentor, mentorship.mentee
    blocked, _ = await open_socket(mentor.account, room)

    await db(block_persona)(blocker=mentee.account, persona=mentor)

    told, code = await closed_with(blocked)
    assert (told["detail"], code) == (ENDED_WORDS, 4011)
    assert "block" not in json.dumps(told).lower()
