"""Every mentoring page at 390 px and at 1280 px: Quick exit stays on screen and hides no
control or text, and nothing spills sideways. LANTERN_SCREENSHOTS=<folder> saves each page."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.mentoring.pages import pages_to_check
from tests.browser.test_layout import (
    HIDDEN_CONTROLS_SCRIPT,
    TEXT_UNDER_EXIT_SCRIPT,
    WIDTHS,
    save_screenshot,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width_name", WIDTHS)
def test_quick_exit_hides_nothing_and_no_mentoring_page_spills_sideways(
    page_as, browser_world, width_name
):
    pages: dict[object, Page] = {}
    problems = []
    for name, account, path in pages_to_check(browser_world):
        key = account.pk if account else None
        if key not in pages:
            pages[key] = page_as(account, WIDTHS[width_name])
        page = pages[key]
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        if page.locator("[data-chat-room]").count():
            # The live room replaces the transcript once connected: measure the page as read.
            expect(page.locator("[data-chat-status]")).to_have_text("Connected.")
        save_screenshot(page, f"mentoring-{width_name}-{name}")
        expect(page.locator("#quick-exit")).to_be_in_viewport()
        if covered := page.evaluate(TEXT_UNDER_EXIT_SCRIPT):
            problems.append(f"{path}: text under Quick exit: {covered}")
        if hidden := page.evaluate(HIDDEN_CONTROLS_SCRIPT):
            problems.append(f"{path}: controls under Quick exit: {hidden}")
        spill = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if spill > 0:
            problems.append(f"{path}: the page is {spill}px wider than the screen")
    assert not problems, "\n".join(problems)
