"""axe-core on every mentoring page, as the people who use them, and on the forms with their
error messages showing. Serious and critical violations fail, and so do the moderate rules
the groups' pages hold (tests/browser/test_groups_accessibility.py)."""

import pytest
from django.urls import resolve
from playwright.sync_api import Page

from tests.browser.mentoring.pages import pages_to_check
from tests.browser.test_groups_accessibility import audit, violations_on

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Named mentoring pages this module audits (tests/community/test_accessibility_coverage.py).
AUDITED_URL_NAMES = {
    "mentoring:home",
    "mentoring:ask",
    "mentoring:choose",
    "mentoring:volunteer",
    "mentoring:profile",
    "mentoring:employers",
    "mentoring:asked",
    "mentoring:accept",
    "mentoring:mentorship",
    "mentoring:end",
    "mentoring:block",
    "mentoring:coordinate_mentors",
    "mentoring:coordinate_waiting",
    "mentoring:coordinate_batch",
    "mentoring:coordinate_feedback",
}


def test_every_mentoring_page_passes_the_audit(page_as, browser_world):
    checked = pages_to_check(browser_world)
    names = {resolve(path.split("?")[0]).view_name for _name, _account, path in checked}
    assert names - {"moderation:flag"} == AUDITED_URL_NAMES
    pages: dict[object, Page] = {}
    for _name, account, path in checked:
        key = account.pk if account else None
        if key not in pages:
            pages[key] = page_as(account)
        audit(pages[key], path)


def test_forms_pass_the_audit_with_their_errors_showing(page_as, browser_world):
    outsider = page_as(browser_world.world.outsider)
    outsider.goto("/mentoring/volunteer/")
    outsider.get_by_label("Your name as a mentor").fill("")
    outsider.get_by_role("button", name="Volunteer").click()
    assert outsider.locator(".errorlist").count() >= 2
    assert not violations_on(outsider)
    outsider.goto("/mentoring/ask/")
    outsider.get_by_label("English", exact=True).uncheck()
    outsider.get_by_role("button", name="Ask for a mentor").click()
    assert outsider.locator(".errorlist").count() >= 1
    assert not violations_on(outsider)
    # A name used elsewhere: the warning and the "use it anyway" box.
    mentee = page_as(browser_world.world.mentee)
    mentee.goto("/mentoring/volunteer/")
    mentee.get_by_label("Your name as a mentor").fill("Groupname Willowbank")
    mentee.get_by_role("button", name="Volunteer").click()
    assert mentee.get_by_label("Use my own name anyway, knowing it links the two places").count()
    assert not violations_on(mentee)
