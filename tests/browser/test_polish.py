"""Issue 13, polish seen in a browser: toggles that say what they will do, logging out from
the navigation in one click, and dark mode (following the device) that keeps axe clean."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_groups_accessibility import violations_on
from tests.world import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def thread_path(world: World) -> str:
    return f"/groups/{world.open_group.slug}/threads/{world.thread.public_id}/"


def test_the_content_warning_toggle_says_what_it_will_do(page_as, live_server, world):
    page = page_as(world.other_member)
    page.goto(thread_path(world))
    warning = page.locator("details.content-warning").first
    summary = warning.locator("summary")
    expect(summary).to_have_text(
        "Content warning: retaliation at work (open to read)", use_inner_text=True
    )
    summary.click()
    expect(warning).to_have_attribute("open", "")
    expect(summary).to_have_text(
        "Content warning: retaliation at work (close)", use_inner_text=True
    )
    summary.click()
    expect(summary).to_have_text(
        "Content warning: retaliation at work (open to read)", use_inner_text=True
    )


def test_a_folded_blocked_post_says_show_then_hide(page_as, live_server, world):
    page = page_as(world.member)
    page.goto(thread_path(world))
    summary = page.locator("details.blocked-content > summary").first
    expect(summary).to_have_text("Hidden: you blocked this person (show)", use_inner_text=True)
    summary.click()
    expect(summary).to_have_text("Hidden: you blocked this person (hide)", use_inner_text=True)


def test_log_out_in_the_navigation_logs_out_at_once(page_as, live_server, world):
    page = page_as(world.member)
    page.goto("/settings/")
    navigation = page.get_by_role("navigation", name="Main")
    navigation.get_by_role("button", name="Log out").click()
    page.wait_for_url(lambda url: "/accounts/logout/" not in url)
    expect(navigation.get_by_role("link", name="Log in")).to_be_visible()
    # Really out: a member's page sends to the login form.
    page.goto("/settings/")
    assert "/accounts/login/" in page.url


def dark_page(page_as, account) -> Page:
    page = page_as(account)
    page.emulate_media(color_scheme="dark")
    return page


def test_dark_mode_follows_the_device(page_as, live_server, world):
    light = page_as(None)
    light.goto("/")
    dark = dark_page(page_as, None)
    dark.goto("/")
    background = "() => getComputedStyle(document.body).backgroundColor"
    assert light.evaluate(background) == "rgb(251, 250, 247)"
    assert dark.evaluate(background) == "rgb(18, 19, 22)"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_pages_pass_axe_in_both_colour_schemes(page_as, live_server, world, scheme):
    visitor = page_as(None)
    member = page_as(world.member)
    for page in (visitor, member):
        page.emulate_media(color_scheme=scheme)
    audited = [
        (visitor, "/", 200),
        (visitor, "/accounts/login/", 200),
        (visitor, "/no-such-page/", 404),
        (member, f"/groups/{world.open_group.slug}/", 200),
        (member, "/settings/", 200),
        (member, f"/groups/{world.open_group.slug}/threads/new/", 200),
    ]
    for page, path, status in audited:
        response = page.goto(path)
        assert response is not None and response.status == status, path
        found = violations_on(page)
        assert not found, f"{path} ({scheme}):\n" + "\n".join(found)
    # The thread page with a warning and a folded post opened.
    member.goto(thread_path(world))
    member.locator("details.content-warning summary").first.click()
    member.locator("details.blocked-content summary").first.click()
    found = violations_on(member)
    assert not found, f"thread ({scheme}):\n" + "\n".join(found)
