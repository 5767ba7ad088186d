"""Messages as §5 frames: persona-only, removed ones as removal frames, blocked authors marked
for the blocker only, paging by id."""

import pytest

from chat import selectors, services
from community.services.blocks import block_persona
from tests.chat.conftest import send

pytestmark = pytest.mark.django_db


def test_a_frame_is_exactly_the_protocol_message(member, live):
    message = send(member, live.room, body="Hi", content_warning="work")
    frame = selectors.recent_messages(live.room)[0]
    assert frame == {
        "type": "message",
        "id": message.pk,
        "client_id": str(message.client_id),
        "author": {"persona": member.persona.public_id, "name": "Steady Otter"},
        "body_html": "<p>Hi</p>\n",
        "content_warning": "work",
        "created": message.created.isoformat(),
    }


def test_a_removed_message_is_a_removal_frame(host, member, live):
    message = send(member, live.room)
    services.remove_message(membership=host, message=message)
    assert selectors.recent_messages(live.room) == [{"type": "message.removed", "id": message.pk}]


def test_messages_of_a_blocked_persona_are_marked_for_the_blocker_only(member, other_member, live):
    send(other_member, live.room, body="From Amber")
    block_persona(blocker=member.persona.account, persona=other_member.persona)
    [for_blocker] = selectors.recent_messages(live.room, member.persona.account)
    [for_others] = selectors.recent_messages(live.room, other_member.persona.account)
    assert for_blocker["hidden_by_block"] is True
    assert "hidden_by_block" not in for_others


def test_since_and_before_page_by_id(member, live, settings):
    ids = [send(member, live.room, body=f"m{n}").pk for n in range(5)]
    assert [f["id"] for f in selectors.messages_since(live.room, ids[2])] == ids[3:]
    assert [f["id"] for f in selectors.messages_before(live.room, ids[3], limit=2)] == ids[1:3]
    assert [f["id"] for f in selectors.recent_messages(live.room, limit=2)] == ids[3:]
