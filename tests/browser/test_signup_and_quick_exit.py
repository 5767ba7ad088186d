"""A newcomer signs up through the real pages, confirms their email, logs in, and leaves fast."""

import re

import pytest
from django.conf import settings
from django.core import mail
from playwright.sync_api import BrowserContext, Page, expect

from tests.factories import DEMO_PASSWORD, AccountFactory

pytestmark = pytest.mark.browser

CONFIRMATION_LINK = re.compile(r"https?://[^\s]+/accounts/confirm-email/[^\s/]+/")


def submit_form_of(page: Page, field_selector: str) -> None:
    """Submit the form holding `field_selector` the way a keyboard user does: Enter in a field."""
    page.locator(field_selector).press("Enter")


def sign_up(page: Page, email: str) -> None:
    page.goto("/accounts/signup/")
    page.locator('input[name="email"]').fill(email)
    page.locator('input[name="password1"]').fill(DEMO_PASSWORD)
    page.locator('input[name="password2"]').fill(DEMO_PASSWORD)
    submit_form_of(page, 'input[name="password2"]')
    page.wait_for_load_state()


def confirmation_link_sent_to(email: str) -> str:
    messages = [message for message in mail.outbox if email in message.to]
    assert messages, f"No email was sent to {email}; outbox holds {len(mail.outbox)} messages"
    match = CONFIRMATION_LINK.search(messages[-1].body)
    assert match, f"No confirmation link in: {messages[-1].body}"
    return match.group(0)


def log_in_through_the_form(page: Page, email: str) -> None:
    page.goto("/accounts/login/")
    page.locator('input[name="login"]').fill(email)
    page.locator('input[name="password"]').fill(DEMO_PASSWORD)
    submit_form_of(page, 'input[name="password"]')
    page.wait_for_load_state()


def expect_logged_in(page: Page) -> None:
    expect(page.locator('form[action="/accounts/logout/"] button').first).to_be_visible()


def expect_on_neutral_site(page: Page) -> None:
    page.wait_for_url(settings.QUICK_EXIT_URL)
    expect(page).to_have_url(settings.QUICK_EXIT_URL)
    expect(page.locator("h1")).to_have_text("Weather")


def expect_not_on_lantern(page: Page, live_server) -> None:
    assert not page.url.startswith(live_server.url), f"Back returned to Lantern: {page.url}"


def test_a_newcomer_signs_up_confirms_their_email_and_logs_in(page: Page, open_context):
    email = "newcomer.browser@example.test"
    sign_up(page, email)
    expect(page.locator("body")).to_contain_text(re.compile("verif|confirm", re.IGNORECASE))

    page.goto(confirmation_link_sent_to(email))
    page.locator('form[action*="confirm-email"] [type="submit"]').click()
    page.wait_for_load_state()

    # Another browser, with no session from the sign-up, logs in through the login page.
    other_page = open_context().new_page()
    log_in_through_the_form(other_page, email)
    expect_logged_in(other_page)
    expect(other_page).not_to_have_url(re.compile("/accounts/login/"))

    other_page.locator("#quick-exit").click()
    expect_on_neutral_site(other_page)


def test_logging_in_with_an_unconfirmed_email_does_not_open_a_session(page: Page):
    email = "unconfirmed.browser@example.test"
    sign_up(page, email)
    page.context.clear_cookies()
    log_in_through_the_form(page, email)
    expect(page.locator('form[action="/accounts/logout/"] button')).to_have_count(0)


def test_quick_exit_link_leaves_for_the_neutral_site_with_no_way_back(
    context: BrowserContext, log_in, live_server
):
    log_in(AccountFactory())
    page = context.new_page()
    page.goto("/")
    expect_logged_in(page)

    page.locator("#quick-exit").click()
    expect_on_neutral_site(page)

    # The Lantern page was replaced, not left behind: Back has nowhere on Lantern to go.
    page.go_back()
    expect_not_on_lantern(page, live_server)


def test_quick_exit_replaces_the_page_being_read_in_the_history(page: Page, live_server):
    page.goto("/accounts/login/")
    page.goto("/")
    page.locator("#quick-exit").click()
    expect_on_neutral_site(page)

    page.go_back()
    # location.replace() cannot erase earlier entries, but the page being read is gone.
    assert page.url != f"{live_server.url}/"


def test_pressing_shift_three_times_leaves_for_the_neutral_site(page: Page, live_server):
    page.goto("/")
    for _ in range(3):
        page.keyboard.press("Shift")
    expect_on_neutral_site(page)

    page.go_back()
    expect_not_on_lantern(page, live_server)


def test_pressing_shift_twice_stays_on_lantern(page: Page):
    page.goto("/")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_timeout(300)
    expect(page.locator("#quick-exit")).to_be_visible()
    assert page.url.endswith("/")


def test_quick_exit_blanks_the_page_before_the_neutral_site_answers(page: Page):
    """If the neutral site is slow, nothing of Lantern stays on screen meanwhile."""
    page.goto("/")
    # A 204 answer cancels the navigation, leaving the page as Quick exit left it.
    page.route(f"{settings.QUICK_EXIT_URL}**", lambda route: route.fulfill(status=204))
    page.locator("#quick-exit").click()
    page.wait_for_timeout(300)
    assert page.evaluate("getComputedStyle(document.documentElement).display") == "none"
    assert page.evaluate("document.title") == ""
