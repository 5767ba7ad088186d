"""A hidden chat message shown again (an appeal overturned the hide) reaches the open rooms at
once, as its ordinary `message` frame sent again (DESIGN.md §5 is unchanged): to every socket
once, to those that had it before it was hidden too, folded for a member who blocked its
author, and in the history of sockets opened afterwards. Through the real ASGI app."""

import pytest
from channels.db import database_sync_to_async

from community.models import Account
from community.services.blocks import block_persona
from moderation.appeals import decide_appeal, submit_appeal
from moderation.decisions import take_action
from moderation.models import Action
from moderation.selectors import hosted_space_ids
from moderation.services import flag_content
from tests.chat.conftest import send
from tests.chat.sockets import open_socket
from tests.factories import AccountFactory, MembershipFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]

db = database_sync_to_async
WORDS = "I was quoting what was said to me."


def hide_on_a_flag(message, reporter) -> Action:
    item = flag_content(reporter=reporter.persona.account, target=message, reason="harassment").item
    moderator = AccountFactory(role=Account.Role.MODERATOR)
    return take_action(
        moderator=moderator,
        item=item,
        kind="hide",
        rule="harassment",
        hosted=hosted_space_ids(moderator),
    )


def overturn(action: Action) -> None:
    reviewer = AccountFactory(role=Account.Role.MODERATOR)
    appeal = submit_appeal(account=action.account, action=action, text="Read it again, please.")
    decide_appeal(reviewer=reviewer, appeal=appeal, outcome="overturned", reason="Quoting.")


@pytest.fixture
def author(group):
    membership = MembershipFactory(group=group, persona__name="Quiet Heron")
    # The author elsewhere: nothing of this persona may travel with the restored frame.
    MembershipFactory(persona__account=membership.persona.account, persona__name="Bold Lark")
    return membership


async def test_an_overturned_hide_sends_the_message_again_to_open_rooms_once(
    live, author, member, other_member
):
    before = await db(send)(member, live.room, body="Before it.")
    message = await db(send)(author, live.room, body=WORDS)
    after = await db(send)(member, live.room, body="After it.")
    await db(block_persona)(blocker=other_member.persona.account, persona=author.persona)
    watcher, hello = await open_socket(member, live.room)
    original = next(frame for frame in hello["messages"] if frame["id"] == message.pk)
    blocker, _ = await open_socket(other_member, live.room)
    own, _ = await open_socket(author, live.room)

    action = await db(hide_on_a_flag)(message, member)
    for socket in (watcher, blocker, own):
        assert await socket.receive_until("message.removed") == {
            "type": "message.removed",
            "id": message.pk,
        }
    # Opened while it was hidden: its hello has the message as removed.
    late, late_hello = await open_socket(member, live.room)
    assert {"type": "message.removed", "id": message.pk} in late_hello["messages"]

    await db(overturn)(action)
    for socket in (watcher, own, late):
        assert await socket.receive_until("message") == original
    folded = await blocker.receive_until("message")
    assert folded == {**original, "hidden_by_block": True}
    for socket in (watcher, blocker, own, late):
        assert await socket.nothing_more()  # once
        await socket.close()

    # The frame is the ordinary one: the persona of this group, nothing else of the author.
    assert set(original) == {"type", "id", "client_id", "author", "body_html"} | {
        "content_warning",
        "created",
    }
    assert "Bold Lark" not in str(original)
    assert author.persona.account.email not in str(original)

    # And it is back in the history, between its neighbours.
    fresh, hello = await open_socket(member, live.room)
    ids = [frame["id"] for frame in hello["messages"] if frame["type"] == "message"]
    assert ids == [before.pk, message.pk, after.pk]
    await fresh.close()


async def test_a_message_deleted_meanwhile_is_not_sent_again(live, author, member):
    message = await db(send)(author, live.room, body=WORDS)
    action = await db(hide_on_a_flag)(message, member)
    watcher, _ = await open_socket(member, live.room)

    def delete_then_overturn():
        from chat.flagging import delete_message

        message.refresh_from_db()
        delete_message(message)
        overturn(action)

    await db(delete_then_overturn)()
    assert await watcher.receive_until("message.removed") == {
        "type": "message.removed",
        "id": message.pk,
    }
    assert await watcher.nothing_more()
    await watcher.close()
