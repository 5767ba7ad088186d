"""Search in the browser: from the navigation's box to the exact post, on a phone and a
desktop, and axe on the search page in each of its states (empty, results, a group's scope,
no results, a refused query)."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_groups_accessibility import audit
from tests.browser.test_layout import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1280px"])
def test_a_member_searches_from_the_navigation_and_lands_on_the_post(
    page_as, live_server, world, viewport
):
    page = page_as(world.member, viewport)
    page.goto("/groups/")
    page.get_by_role("searchbox", name="Search your groups").fill("alone")
    page.get_by_role("searchbox", name="Search your groups").press("Enter")

    expect(page.get_by_role("heading", name="1 result")).to_be_visible()
    result = page.locator(".search-result")
    expect(result).to_contain_text("Steady Lark")
    expect(result.locator("mark")).to_have_text("alone")
    assert (
        page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        <= 0
    )
    result.get_by_role("link").click()

    expect(page).to_have_url(re.compile(rf"#post-{world.others_post.public_id}$"))
    expect(page.locator(f"#post-{world.others_post.public_id}")).to_be_visible()


def test_the_blocked_persona_is_not_found(page_as, live_server, world):
    page = page_as(world.member)
    page.goto("/groups/search/?q=getting+over")
    expect(page.get_by_role("heading", name="No results")).to_be_visible()


def test_a_group_page_searches_that_group(page_as, live_server, world):
    page = page_as(world.member)
    page.goto(f"/groups/{world.open_group.slug}/")
    page.get_by_role("searchbox", name="Search this group").fill("alone")
    page.get_by_role("searchbox", name="Search this group").press("Enter")
    expect(page.get_by_role("heading", name=world.open_group.name)).to_be_visible()
    expect(page.get_by_role("radio", name=f"Only {world.open_group.name}")).to_be_checked()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1280px"])
def test_every_state_of_the_search_page_passes_the_audit(page_as, live_server, world, viewport):
    page = page_as(world.member, viewport)
    slug = world.open_group.slug
    for path in (
        "/groups/search/",
        "/groups/search/?q=alone",
        f"/groups/search/?q=alone&group={slug}",
        f"/groups/search/?q=nothing+like+this&group={slug}",
        "/groups/search/?q=%22",
    ):
        audit(page, path)
