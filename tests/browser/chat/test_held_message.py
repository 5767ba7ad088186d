"""A chat message the identity filter holds, in the real browser client: the reason shows
beside the box, the text stays there to be edited, and the other member sees nothing."""

import pytest
from playwright.sync_api import expect

from tests.browser.chat.test_live_room import enter_room, messages_in, say

pytestmark = pytest.mark.browser


def test_a_held_message_stays_in_the_box_with_the_reason_and_reaches_nobody(page_as, chat_world):
    member = page_as(chat_world.member.persona.account)
    other = page_as(chat_world.other_member.persona.account)
    for page in (member, other):
        enter_room(page, chat_world)
    exposing = "His number is +1 415 555 2671."
    say(member, exposing)
    expect(member.get_by_role("alert")).to_contain_text("a phone number")
    expect(member.get_by_label("Your message")).to_have_value(exposing)
    expect(messages_in(member)).to_have_count(0)

    say(member, "I'll leave his number out.")
    expect(messages_in(other)).to_have_count(1)
    expect(messages_in(other)).to_contain_text("I'll leave his number out.")
    expect(messages_in(other)).not_to_contain_text("415")
