"""The whole path in real Chromium, through daphne: a mentee asks for a mentor and picks one
of the proposals, the mentor accepts, the two talk in their private room, and the mentee ends
the mentorship. Each person in their own browser context; neither page ever shows the names
the two have in the group they share, nor an email."""

from playwright.sync_api import Page, expect

from tests.mentoring.pages.world import (
    MENTEE_EMAIL,
    MENTEE_GROUP_NAME,
    MENTOR_EMAIL,
    MENTOR_GROUP_NAME,
)

LEAKS = [MENTOR_GROUP_NAME, MENTEE_GROUP_NAME, MENTOR_EMAIL, MENTEE_EMAIL]


def assert_no_leak(page: Page) -> None:
    html = page.content()
    for leak in LEAKS:
        assert leak not in html, f"{leak} on {page.url}"


def live(page: Page):
    return page.locator("[data-chat-room]")


def test_request_pick_accept_talk_and_end(page_as, mentoring_world):
    world = mentoring_world
    mentee = page_as(world.mentee)
    mentee.goto("/")
    mentee.get_by_role("navigation", name="Main").get_by_role("link", name="Mentoring").click()
    mentee.get_by_role("link", name="Ask for a mentor").click()
    mentee.get_by_label("Reporting to HR").check()
    expect(mentee.get_by_label("English", exact=True)).to_be_checked()
    mentee.get_by_label("What you hope for (optional)").fill("Someone who has been through HR.")
    mentee.get_by_role("button", name="Ask for a mentor").click()

    # Up to three proposals: the mentor's profile name, focus areas, band, bio.
    card = mentee.locator("article.proposal").filter(has_text="Steady Lighthouse")
    expect(card).to_contain_text("Reporting to HR")
    expect(card).to_contain_text("UTC+0 to UTC+3")
    expect(card).to_contain_text("I reported to HR and survived it.")
    assert_no_leak(mentee)
    card.get_by_role("link", name="Choose Steady Lighthouse").click()
    name = mentee.get_by_label("Your name in this mentorship")
    expect(name).not_to_have_value("")  # a fresh suggestion
    name.fill("Brave Sparrow")
    mentee.get_by_role("button", name="Choose Steady Lighthouse").click()
    expect(mentee.get_by_text("Still looking.")).to_be_visible()
    expect(mentee.locator("main")).not_to_contain_text("Steady Lighthouse")

    mentor = page_as(world.mentor)
    mentor.goto("/notifications/")
    mentor.get_by_role("link", name="A mentee chose you as their mentor").first.click()
    expect(mentor.locator("main")).to_contain_text("Someone who has been through HR.")
    assert_no_leak(mentor)
    mentor.get_by_role("link", name="Accept…").click()
    mentor.get_by_label("Your name in this mentorship").fill("Calm Harbour")
    mentor.get_by_role("button", name="Accept and begin").click()
    expect(mentor.get_by_role("heading", level=1)).to_contain_text("Brave Sparrow")
    expect(mentor.locator("[data-chat-status]")).to_have_text("Connected.")

    mentee.goto("/notifications/")
    mentee.get_by_role("link", name="Your mentor accepted").first.click()
    expect(mentee.get_by_role("heading", level=1)).to_contain_text("Calm Harbour")
    expect(mentee.locator("main")).to_contain_text("Reporting to HR")
    expect(mentee.locator("[data-chat-status]")).to_have_text("Connected.")

    mentee.get_by_label("Your message").fill("Thank you for taking me on.")
    mentee.get_by_label("Your message").press("Enter")
    expect(live(mentor)).to_contain_text("Thank you for taking me on.")
    expect(live(mentor).locator("article.chat-message").last).to_contain_text("Brave Sparrow")
    mentor.get_by_label("Your message").fill("Glad to. Where would you like to start?")
    mentor.get_by_label("Your message").press("Enter")
    expect(live(mentee)).to_contain_text("Where would you like to start?")
    # The other's message carries the chat's flag control.
    expect(
        live(mentee).locator("article.chat-message").last.get_by_role("link", name="Flag")
    ).to_be_visible()
    assert_no_leak(mentee)
    assert_no_leak(mentor)

    # One click ends it; the private feedback rides along when given.
    mentee.get_by_text("Leave private feedback for the coordinators (optional)").click()
    mentee.get_by_label("Feedback for the coordinators (optional)").fill("Helpful from the start.")
    mentee.get_by_role("button", name="End mentorship").click()
    expect(mentee.get_by_role("heading", name="This mentorship has ended")).to_be_visible()
    expect(mentee.get_by_role("button", name="Ask for a new match")).to_be_visible()
    # The mentor's open room is closed, and says only that it ended.
    expect(mentor.locator("[data-chat-status]")).to_contain_text("ended")
    mentor.reload()
    expect(mentor.get_by_role("heading", name="This mentorship has ended")).to_be_visible()
    expect(mentor.locator("main")).not_to_contain_text("Helpful from the start.")
    expect(mentor.locator("main")).to_contain_text("Where would you like to start?")
