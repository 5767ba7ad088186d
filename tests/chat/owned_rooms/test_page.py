"""What another app's page shows of its room (chat.selectors.room_on_page, chat/_room.html),
and the member's export of what they wrote there."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone

from chat import exports, selectors
from chat.access import access_room
from community.services.blocks import block_persona
from tests.chat.owned_rooms.conftest import ENDED, send

pytestmark = pytest.mark.django_db


def rendered(account, room) -> tuple[dict, str]:
    found, participant = access_room(account, room.public_id)
    context = selectors.room_on_page(account, found, participant, timezone.now())
    request = RequestFactory().get("/")
    request.user = account
    return context, render_to_string("chat/_room.html", context, request=request)


def test_the_live_room_and_its_transcript_for_one_of_the_pair(
    room, mentor, mentee, django_assert_num_queries
):
    send(mentee, room, body="First message.")
    send(mentor, room, body="A reply.")
    found, participant = access_room(mentor.account, room.public_id)
    with django_assert_num_queries(2):  # blocks, transcript
        context = selectors.room_on_page(mentor.account, found, participant, timezone.now())
    assert context["is_live"] and context["viewer"] == mentor
    _context, html = rendered(mentor.account, room)
    assert f'data-ws-url="/ws/rooms/{room.public_id}/"' in html
    assert "Calm Lighthouse" in html and "Brave Sparrow" in html
    assert html.count('class="flag-link"') == 1  # the other's message only
    assert "Remove" not in html and "Mute" not in html and "End the session" not in html
    for other in ("Group Heron", "Group Finch", "mentor@example.test", "mentee@example.test"):
        assert other not in html
    # Names link to a member's page in a group's rooms only: a room like this has none.
    assert "/people/" not in html and 'class="persona-name" href' not in html


def test_an_ended_room_shows_its_transcript_read_only(room, mentor, mentee):
    send(mentee, room, body="Thank you for everything.")
    ENDED[room.space_id] = timezone.now()
    context, html = rendered(mentor.account, room)
    assert not context["is_live"]
    assert "data-chat-room" not in html and "Thank you for everything." in html


def test_a_blocked_personas_messages_are_folded_for_the_blocker(room, mentor, mentee):
    send(mentor, room, body="Something unwelcome.")
    block_persona(blocker=mentee.account, persona=mentor)
    _context, html = rendered(mentee.account, room)
    assert "Hidden: you blocked this person" in html
    _context, html = rendered(mentor.account, room)
    assert "Hidden: you blocked this person" not in html


def test_the_export_lists_the_members_messages_under_the_kinds_label(room, mentor, mentee):
    send(mentor, room, body="Mine.")
    send(mentee, room, body="Theirs.")
    part = exports.export_for(mentor.account)
    assert part["chat_messages"] == [
        {
            "space": "Pair room",
            "as": "Calm Lighthouse",
            "body": "Mine.",
            "content_warning": "",
            "created": part["chat_messages"][0]["created"],
            "removed_by_host": False,
        }
    ]
    assert "Brave Sparrow" not in str(part)
