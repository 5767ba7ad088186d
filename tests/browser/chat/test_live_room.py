"""Two members and their host in one live session, each in their own browser context, through
the real daphne server and consumer: messages reach everyone once, a content-warned message
arrives folded, a host's removal takes it away for the others, a refused message stays in the
box with the reason beside it, and a dropped connection comes back and fills the gap without
showing anything twice."""

import re

from playwright.sync_api import Page, expect

from chat.app_settings import app_settings
from community.templatetags.people import avatar_colour
from tests.browser.chat.conftest import ChatWorld, send

# Test-only instrumentation, injected through the DevTools protocol (the page's CSP still holds
# for the page's own scripts): keep every WebSocket the page opens, so a test can close one, and
# point new ones at a path with no consumer while `window.chatHeld` is true, so a reconnect
# fails until the test lets it through.
SOCKET_SPY = """
(() => {
  const Native = window.WebSocket;
  window.chatSockets = [];
  window.chatHeld = false;
  window.WebSocket = class extends Native {
    constructor(url, protocols) {
      super(window.chatHeld ? String(url).replace("/ws/rooms/", "/ws/held/") : url, protocols);
      window.chatSockets.push(this);
    }
  };
})();
"""


def enter_room(page: Page, world: ChatWorld) -> None:
    page.goto(world.room_path())
    expect(page.locator("[data-chat-status]")).to_have_text("Connected.")


def live_room(page: Page):
    """The live section only: the page's hidden read-only transcript holds the same texts."""
    return page.locator("[data-chat-room]")


def messages_in(page: Page):
    return live_room(page).locator("article.chat-message")


def say(page: Page, text: str, content_warning: str = "") -> None:
    if content_warning:
        page.get_by_label("Content warning (optional)").fill(content_warning)
    page.get_by_label("Your message").fill(text)
    page.get_by_label("Your message").press("Enter")


def test_messages_reach_both_members_folded_and_removed_as_the_host_decides(page_as, chat_world):
    send(chat_world.member, chat_world.room, "Said before anyone came.")
    member = page_as(chat_world.member.persona.account)
    other = page_as(chat_world.other_member.persona.account)
    host = page_as(chat_world.host.persona.account)
    for page in (member, other, host):
        enter_room(page, chat_world)
    # Without JavaScript's replacement the transcript would show; with it, the live room does.
    expect(other.get_by_role("heading", name="Transcript")).to_be_hidden()
    expect(other.locator("[data-chat-earlier]")).to_contain_text("Said before anyone came.")
    # The avatar's colour is the server's, from the persona's public id (people.avatar_colour).
    colour = avatar_colour(chat_world.member.persona)
    avatar = other.locator("[data-chat-earlier] .avatar").first
    expect(avatar).to_have_class(re.compile(rf"\bavatar-{colour}\b"))
    expect(other.locator("[data-chat-messages]")).to_have_attribute("aria-live", "polite")
    expect(other.locator("[data-chat-presence]")).to_have_text("3 here")

    member.get_by_label("Your message").fill("Hello")
    expect(other.locator("[data-chat-typing]")).to_have_text("Steady Otter is typing…")
    expect(member.locator("[data-chat-typing]")).to_be_empty()  # never told of one's own
    say(member, "Hello, everyone.")
    for page in (member, other, host):
        expect(page.locator("[data-chat-messages]")).to_contain_text("Hello, everyone.")
    expect(member.get_by_label("Your message")).to_have_value("")

    say(member, "It was **hard** today.", content_warning="panic")
    warned = other.locator("[data-chat-messages] details.content-warning")
    expect(warned).to_have_count(1)
    summary = warned.locator("summary")
    expect(summary).to_have_text("Content warning: panic (open to read)", use_inner_text=True)
    expect(warned).not_to_have_attribute("open", "")
    expect(live_room(other).get_by_text("It was hard today.")).to_be_hidden()
    summary.click()
    expect(other.locator("strong", has_text="hard")).to_be_visible()
    expect(summary).to_have_text("Content warning: panic (close)", use_inner_text=True)

    removable = host.locator("article.chat-message", has_text="Hello, everyone.")
    removable.get_by_role("button", name="Remove message by Steady Otter").click()
    for page in (other, member, host):
        expect(live_room(page).get_by_text("Hello, everyone.")).to_have_count(0)
    expect(messages_in(other)).to_have_count(2)


def test_a_refused_message_stays_in_the_box_with_the_reason_beside_it(page_as, chat_world):
    page = page_as(chat_world.member.persona.account)
    enter_room(page, chat_world)
    too_long = "x" * (app_settings.MAX_MESSAGE_CHARS + 1)
    say(page, too_long)
    alert = page.get_by_role("alert")
    expect(alert).not_to_be_empty()
    expect(page.get_by_label("Your message")).to_have_value(too_long)
    expect(messages_in(page)).to_have_count(0)

    say(page, "A shorter one.")
    expect(page.locator("[data-chat-messages]")).to_contain_text("A shorter one.")
    expect(page.get_by_label("Your message")).to_have_value("")
    expect(alert).to_be_empty()


def test_a_dropped_connection_backfills_what_was_missed_without_duplicates(page_as, chat_world):
    member = page_as(chat_world.member.persona.account)
    member.add_init_script(SOCKET_SPY)
    other = page_as(chat_world.other_member.persona.account)
    enter_room(member, chat_world)
    enter_room(other, chat_world)
    say(other, "Before the drop.")
    expect(member.locator("[data-chat-messages]")).to_contain_text("Before the drop.")

    member.evaluate("() => { window.chatHeld = true; window.chatSockets.at(-1).close(); }")
    expect(member.locator("[data-chat-status]")).to_have_text("Reconnecting…")
    expect(member.get_by_role("button", name="Send")).to_be_disabled()
    say(other, "While you were away, one.")
    say(other, "While you were away, two.")
    expect(messages_in(other)).to_have_count(3)

    member.evaluate("() => { window.chatHeld = false; }")
    # The next try comes after the backoff, which grew with each failed one (30 s at most).
    expect(member.locator("[data-chat-status]")).to_have_text("Connected.", timeout=40_000)
    expect(live_room(member).get_by_text("While you were away, two.")).to_have_count(1)
    expect(messages_in(member)).to_have_count(3)
    for text in ("Before the drop.", "While you were away, one."):
        expect(live_room(member).get_by_text(text)).to_have_count(1)
    last = member.evaluate("() => window.chatSockets.at(-1).url")
    assert "?since=" in last, last


def test_the_live_room_fits_a_phone_and_works_from_the_keyboard(page_as, chat_world):
    send(chat_world.member, chat_world.room, "A long " + "word" * 60 + " in the room.")
    host = page_as(chat_world.host.persona.account, viewport={"width": 390, "height": 800})
    enter_room(host, chat_world)
    overflow = host.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the page scrolls sideways by {overflow} px at 390 px"
    host.get_by_label("Your message").focus()
    host.keyboard.type("First line")
    host.keyboard.press("Shift+Enter")
    host.keyboard.type("second line")
    expect(host.get_by_label("Your message")).to_have_value("First line\nsecond line")
    host.keyboard.press("Enter")
    expect(host.locator("[data-chat-messages]")).to_contain_text("second line")
    expect(host.get_by_label("Your message")).to_be_focused()


def test_the_host_ends_the_session_and_the_room_turns_read_only(page_as, chat_world):
    member = page_as(chat_world.member.persona.account)
    host = page_as(chat_world.host.persona.account)
    enter_room(member, chat_world)
    enter_room(host, chat_world)
    member.get_by_label("Your message").fill("Not sent in time.")
    host.get_by_role("button", name="End the session").click()
    for page in (member, host):
        expect(page.locator("[data-chat-status]")).to_have_text("The session has ended.")
    expect(member.get_by_role("button", name="Send")).to_be_disabled()
    expect(member.get_by_label("Your message")).to_be_disabled()
    expect(member.get_by_label("Your message")).to_have_value("Not sent in time.")
    expect(host.get_by_role("button", name="End the session")).to_be_hidden()


def test_a_muted_member_is_told_comes_back_read_only_and_keeps_reading(page_as, chat_world):
    member = page_as(chat_world.member.persona.account)
    host = page_as(chat_world.host.persona.account)
    enter_room(member, chat_world)
    enter_room(host, chat_world)
    say(member, "Something the host objects to.")
    expect(host.locator("[data-chat-messages]")).to_contain_text("Something the host")
    host.get_by_label("Mute for (minutes)").fill("10")
    host.get_by_role("button", name="Mute Steady Otter").click()
    # Closed with 4006, then back after the pause, read-only until the mute ends.
    status = member.locator("[data-chat-status]")
    expect(status).to_contain_text("You are muted until", timeout=20_000)
    expect(member.get_by_role("button", name="Send")).to_be_disabled()
    say(host, "Still here for everyone.")
    expect(member.locator("[data-chat-messages]")).to_contain_text("Still here for everyone.")


def test_leaving_the_group_closes_the_room_for_good_with_the_reason(page_as, chat_world):
    member = page_as(chat_world.member.persona.account)
    enter_room(member, chat_world)
    elsewhere = member.context.new_page()
    elsewhere.goto(f"/groups/{chat_world.host.group.slug}/leave/")
    elsewhere.get_by_role("button", name="Leave the group").click()
    expect(member.locator("[data-chat-status]")).to_have_text(
        "You are no longer a member of this group, so the room is closed to you."
    )
    expect(member.get_by_role("button", name="Send")).to_be_disabled()


def test_earlier_messages_load_a_page_at_a_time_above_the_rest(page_as, chat_world):
    page_size = app_settings.HISTORY_PAGE_SIZE
    # Several authors, so the per-account message rate is never the limit here.
    authors = [chat_world.member, chat_world.other_member, chat_world.host, chat_world.blocked]
    for number in range(1, page_size + 4):
        send(authors[number % len(authors)], chat_world.room, f"Message number {number}.")
    page = page_as(chat_world.member.persona.account)
    enter_room(page, chat_world)
    expect(messages_in(page)).to_have_count(page_size)
    expect(live_room(page).get_by_text("Message number 1.", exact=True)).to_have_count(0)

    page.get_by_role("button", name="Load earlier messages").click()
    expect(messages_in(page)).to_have_count(page_size + 3)
    expect(live_room(page).get_by_text("Message number 1.", exact=True)).to_have_count(1)
    expect(messages_in(page).first).to_contain_text("Message number 1.")
    expect(page.get_by_role("button", name="Load earlier messages")).to_be_hidden()


def test_a_message_written_while_disconnected_is_kept_and_sent_once_back(page_as, chat_world):
    member = page_as(chat_world.member.persona.account)
    member.add_init_script(SOCKET_SPY)
    other = page_as(chat_world.other_member.persona.account)
    enter_room(member, chat_world)
    enter_room(other, chat_world)
    member.evaluate("() => { window.chatHeld = true; window.chatSockets.at(-1).close(); }")
    expect(member.locator("[data-chat-status]")).to_have_text("Reconnecting…")
    say(member, "Written in a tunnel.")
    expect(member.locator("[data-chat-status]")).to_contain_text("Your message is kept")
    expect(member.get_by_label("Your message")).to_have_value("Written in a tunnel.")

    member.evaluate("() => { window.chatHeld = false; }")
    expect(member.get_by_label("Your message")).to_have_value("", timeout=40_000)
    for page in (member, other):
        expect(live_room(page).get_by_text("Written in a tunnel.")).to_have_count(1)
