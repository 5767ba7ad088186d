"""The session page as the live room's client finds it: while live, a hidden live section that
static/js/chat.js shows (with the room's WebSocket path and limits) beside the read-only
transcript and forms that it hides; without JavaScript, those stay. Not live: no client."""

import re

import pytest

from chat.app_settings import app_settings
from tests.chat.conftest import send
from tests.pages import page_text

pytestmark = pytest.mark.django_db


def live_section(text: str) -> str:
    match = re.search(r"<section class=\"chat-room\"(.*?)</section>", text, re.S)
    assert match, "no live section on the page"
    return match.group(0)


def test_a_live_room_page_carries_the_client_and_keeps_the_transcript(client, member, live):
    send(member, live.room, body="Said before the page loaded")
    client.force_login(member.persona.account)
    text = page_text(client.get(live.get_absolute_url()))
    section = live_section(text)
    assert f'data-ws-url="{live.room.ws_url}"' in section
    assert re.search(r"<section class=\"chat-room\"[^>]*\bhidden\b", section)
    assert 'aria-live="polite"' in section and 'role="status"' in section
    assert 'role="alert"' in section
    assert f"Up to {app_settings.MAX_MESSAGE_CHARS} characters" in section
    assert re.search(r'<script src="[^"]*js/chat\.js" defer></script>', text)
    # Without JavaScript: the transcript, marked for the client to replace.
    assert re.search(r"<section aria-labelledby=\"transcript-heading\" data-chat-replaced>", text)
    assert "Said before the page loaded" in text
    assert "The live room needs JavaScript" in text


def test_the_hosts_end_button_moves_into_the_live_room(client, host, live):
    client.force_login(host.persona.account)
    text = page_text(client.get(live.get_absolute_url()))
    assert "data-chat-end" in live_section(text)
    assert re.search(r"<div data-chat-replaced>\s*<form[^>]*/end/", text)


def test_a_room_that_is_not_live_has_no_client(client, member, upcoming):
    client.force_login(member.persona.account)
    text = page_text(client.get(upcoming.get_absolute_url()))
    assert "chat-room" not in text and "chat.js" not in text
    assert "Read-only until the session starts." in text
