"""When access ends anywhere, the sockets it opened close at once (DESIGN.md §5, §6), and blocks
fold messages live, in their own group only (§2).

Here one process serves every socket, through the in-memory channel layer; the two-worker
Redis test (tests/scale) proves the same across processes.
"""

import pytest
from channels.db import database_sync_to_async
from django.conf import settings
from django.urls import reverse

from community.services.accounts import delete_account
from community.services.blocks import block_persona, unblock
from groups.services.membership import leave_group
from tests.chat.conftest import schedule, send
from tests.chat.sockets import open_socket
from tests.community.sessions_helpers import SAFARI_ON_IPHONE, logged_in_client
from tests.factories import DEMO_PASSWORD, GroupFactory, MembershipFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]

db = database_sync_to_async
NEW_PASSWORD = "a-new-lantern-password-9"


def cookie_of(client) -> str:
    return client.cookies[settings.SESSION_COOKIE_NAME].value


async def closed_with(socket) -> tuple[str, int]:
    """The error code the socket was told, and the code it was closed with."""
    told = await socket.receive_until("error")
    closed = await socket.receive()
    assert closed["type"] == "closed"
    return told["code"], closed["code"]


async def test_leaving_the_group_closes_the_members_sockets_in_its_rooms_only(live, host, member):
    elsewhere = await db(GroupFactory)(name="Elsewhere", slug="elsewhere")
    other_persona = await db(MembershipFactory)(
        group=elsewhere, persona__account=member.persona.account
    )
    other_session = await db(schedule)(
        await db(MembershipFactory)(group=elsewhere, role="host"), title="Elsewhere tonight"
    )
    other_session.opened_at = other_session.starts_at
    await other_session.asave()
    here, _ = await open_socket(member, live.room)
    there, _ = await open_socket(other_persona, other_session.room)
    await db(leave_group)(membership=member)
    assert await closed_with(here) == ("membership_ended", 4005)
    assert await there.nothing_more()
    await there.close()


async def test_logging_out_closes_that_sessions_sockets(live, member):
    client = await db(logged_in_client)(member.persona.account)
    socket, _ = await open_socket(member, live.room, cookie=cookie_of(client))
    other_browser, _ = await open_socket(member, live.room)
    response = await db(client.post)(reverse("account_logout"))
    assert response.status_code == 302
    assert await closed_with(socket) == ("signed_out", 4001)
    assert await other_browser.nothing_more()
    await other_browser.close()


async def test_a_password_change_closes_the_other_sessions_sockets_not_this_browsers(live, member):
    """Django gives the changing browser a new session key, so its socket (opened with the old
    one) closes too; reconnecting with its cookie works, while the other browser's is refused."""
    laptop = await db(logged_in_client)(member.persona.account)
    phone = await db(logged_in_client)(member.persona.account, user_agent=SAFARI_ON_IPHONE)
    await open_socket(member, live.room, cookie=cookie_of(laptop))
    on_phone, _ = await open_socket(member, live.room, cookie=cookie_of(phone))
    response = await db(laptop.post)(
        reverse("account_change_password"),
        {"oldpassword": DEMO_PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert await closed_with(on_phone) == ("signed_out", 4001)
    laptop_again, hello = await open_socket(member, live.room, cookie=cookie_of(laptop))
    assert hello["type"] == "hello"
    phone_again, refused = await open_socket(member, live.room, cookie=cookie_of(phone))
    assert refused is None and phone_again.close_code == 4001
    await laptop_again.close()


async def test_ending_the_other_sessions_from_settings_closes_their_sockets(live, member):
    laptop = await db(logged_in_client)(member.persona.account)
    phone = await db(logged_in_client)(member.persona.account, user_agent=SAFARI_ON_IPHONE)
    on_laptop, _ = await open_socket(member, live.room, cookie=cookie_of(laptop))
    on_phone, _ = await open_socket(member, live.room, cookie=cookie_of(phone))
    response = await db(laptop.post)(reverse("usersessions_list"))
    assert response.status_code == 302
    assert await closed_with(on_phone) == ("signed_out", 4001)
    assert await on_laptop.nothing_more()
    await on_laptop.close()


async def test_deleting_the_account_closes_every_socket_it_has(live, member):
    first, _ = await open_socket(member, live.room)
    second, _ = await open_socket(member, live.room)
    await db(delete_account)(account=member.persona.account, keep_content=True)
    assert await closed_with(first) == ("signed_out", 4001)
    assert await closed_with(second) == ("signed_out", 4001)


async def test_someone_elses_access_ending_closes_nothing_of_mine(live, member, other_member):
    mine, _ = await open_socket(member, live.room)
    theirs, _ = await open_socket(other_member, live.room)
    await db(leave_group)(membership=other_member)
    assert await closed_with(theirs) == ("membership_ended", 4005)
    assert await mine.nothing_more()
    await mine.close()


# Blocks: folded for the blocker, live, in this group only


async def test_a_blocked_personas_messages_arrive_folded_for_the_blocker_only(
    live, member, other_member, host
):
    blocker, _ = await open_socket(member, live.room)
    bystander, _ = await open_socket(host, live.room)
    sender, _ = await open_socket(other_member, live.room)
    await db(block_persona)(blocker=member.persona.account, persona=other_member.persona)
    client_id = await sender.send_message("You again.")
    folded = await blocker.receive_reply(client_id)
    plain = await bystander.receive_reply(client_id)
    assert folded == {**plain, "hidden_by_block": True}
    assert "hidden_by_block" not in plain
    await db(unblock)(
        blocker=member.persona.account, persona_public_id=other_member.persona.public_id
    )
    client_id = await sender.send_message("And again.")
    assert "hidden_by_block" not in await blocker.receive_reply(client_id)
    for socket in (blocker, bystander, sender):
        await socket.close()


async def test_a_block_in_one_group_changes_nothing_in_another_groups_room(live, member):
    elsewhere = await db(GroupFactory)(name="Elsewhere", slug="elsewhere")
    # The blocked account has a second persona in another group, where both are members.
    blocked_here = await db(MembershipFactory)(group=live.room.group, persona__name="Loud Magpie")
    blocked_account = blocked_here.persona.account
    blocked_there = await db(MembershipFactory)(
        group=elsewhere, persona__account=blocked_account, persona__name="Gentle Wren"
    )
    blocker_there = await db(MembershipFactory)(
        group=elsewhere, persona__account=member.persona.account, persona__name="Shy Otter"
    )
    elsewhere_host = await db(MembershipFactory)(group=elsewhere, role="host")
    session = await db(schedule)(elsewhere_host, title="Elsewhere tonight")
    session.opened_at = session.starts_at
    await session.asave()
    await db(block_persona)(blocker=member.persona.account, persona=blocked_here.persona)
    watching, hello = await open_socket(blocker_there, session.room)
    speaking, _ = await open_socket(blocked_there, session.room)
    client_id = await speaking.send_message("Hello from the other group.")
    frame = await watching.receive_reply(client_id)
    assert "hidden_by_block" not in frame
    assert frame["author"]["name"] == "Gentle Wren"
    assert "Loud Magpie" not in str(frame) and blocked_here.persona.public_id not in str(frame)
    await watching.close()
    await speaking.close()


async def test_frames_name_only_the_persona_of_this_group(live, member, other_member):
    """Two accounts with personas in two groups: nothing in this room's frames leads to the
    other persona, the account or its email."""
    elsewhere = await db(GroupFactory)(name="Elsewhere", slug="elsewhere")
    await db(MembershipFactory)(
        group=elsewhere, persona__account=other_member.persona.account, persona__name="Hidden Wren"
    )
    reader, hello = await open_socket(member, live.room)
    sender, sender_hello = await open_socket(other_member, live.room)
    client_id = await sender.send_message("Hi.")
    await sender.send({"type": "typing"})
    frames = [hello, sender_hello, await reader.receive_reply(client_id)]
    frames.append(await reader.receive_until("typing"))
    text = str(frames)
    account = other_member.persona.account
    for secret in (account.email, "Hidden Wren", f"'id': {account.pk},"):
        assert secret not in text
    await reader.close()
    await sender.close()


async def test_a_deactivated_account_is_told_and_closed_and_cannot_come_back(live, member):
    socket, _ = await open_socket(member, live.room)
    account = member.persona.account
    account.is_active = False
    await account.asave(update_fields=["is_active"])
    assert await closed_with(socket) == ("account_suspended", 4007)
    again, refused = await open_socket(member, live.room, cookie=socket.cookie)
    assert refused is None and again.close_code == 4001


async def test_a_socket_whose_membership_ended_unheard_reads_no_more_history(
    live, member, other_member, settings
):
    """If the close never arrived (the layer was down), the next frame still finds out."""
    stored = [await db(send)(other_member, live.room, f"Number {n}.") for n in range(3)]
    socket, _ = await open_socket(member, live.room)
    member.status = "left"
    await member.asave(update_fields=["status"])  # no signal: as if the close were lost
    await socket.send({"type": "history", "before": stored[-1].pk})
    assert await closed_with(socket) == ("membership_ended", 4005)
