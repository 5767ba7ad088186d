"""The guards every browser test relies on: nothing leaves the machine, the CSP holds."""

import pytest
from django.conf import settings
from playwright.sync_api import Error, Page

pytestmark = pytest.mark.browser


def test_a_request_to_another_site_is_stopped_and_reported(page: Page, leaks):
    with pytest.raises(Error):
        page.goto("https://third-party.example/tracker.js")
    assert leaks.outside_requests == ["https://third-party.example/tracker.js"]
    leaks.outside_requests.clear()  # seen; the fixture would otherwise fail this test


def test_the_quick_exit_site_is_answered_locally(page: Page, leaks):
    response = page.goto(settings.QUICK_EXIT_URL)
    assert response is not None and response.ok
    assert leaks.outside_requests == []


def test_an_inline_script_is_refused_by_the_content_security_policy_and_reported(page: Page, leaks):
    page.goto("/")
    page.evaluate(
        "() => { const script = document.createElement('script');"
        " script.textContent = 'window.inlineRan = true'; document.body.append(script); }"
    )
    assert page.evaluate("() => window.inlineRan === undefined")
    page.wait_for_timeout(100)
    assert leaks.csp_violations, "the blocked inline script was not reported"
    leaks.csp_violations.clear()


def test_lantern_pages_make_no_request_to_another_site(page: Page, leaks):
    for path in ("/", "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"):
        page.goto(path)
        page.wait_for_load_state("networkidle")
    assert leaks.outside_requests == []
