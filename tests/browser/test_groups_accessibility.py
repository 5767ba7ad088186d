"""axe-core on every groups page, as the people who use them: a member, an applicant, someone
outside the group, a host and staff. Forms are audited with their error messages showing too.

Serious and critical violations fail, as on the foundation's pages. So do the moderate rules
this layout once broke (content outside a landmark, aria-label where it means nothing), so
they don't come back.
"""

import os

import pytest
from playwright.sync_api import Page

from groups.app_settings import app_settings
from tests.browser.test_accessibility import BLOCKING_IMPACTS, serious_violations
from tests.browser.test_layout import DESKTOP, PHONE
from tests.world import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Moderate rules held to the same standard as serious ones on these pages.
GUARDED_MODERATE_RULES = {"region", "aria-prohibited-attr", "landmark-unique", "heading-order"}


def violations_on(page: Page) -> list[str]:
    found = serious_violations(page, impacts=frozenset(BLOCKING_IMPACTS | {"moderate"}))
    if os.environ.get("LANTERN_AXE_ALL"):  # while fixing: print minor ones as well
        print(page.url, serious_violations(page, impacts=frozenset({"minor", "moderate"})))
    return [
        line
        for line in found
        if any(f"({impact})" in line for impact in BLOCKING_IMPACTS)
        or line.split(" ", 1)[0] in GUARDED_MODERATE_RULES
    ]


def audit(page: Page, path: str, expected_status: int = 200) -> None:
    response = page.goto(path)
    assert response is not None
    assert response.status == expected_status, f"{path} answered {response.status}"
    assert page.locator("#quick-exit").count() == 1, f"{path} is not in Lantern's layout"
    found = violations_on(page)
    assert not found, f"{path} ({page.url}):\n" + "\n".join(found)


def member_pages(world: World) -> list[str]:
    group, thread = world.open_group.slug, world.thread.public_id
    return [
        "/groups/",
        f"/groups/{group}/",
        f"/groups/{group}/threads/new/",
        f"/groups/{group}/threads/{thread}/",
        f"/groups/{group}/posts/{world.own_post.public_id}/edit/",
        f"/groups/{group}/posts/{world.own_post.public_id}/history/",
        f"/moderation/flag/post/{world.others_post.public_id}/",
        f"/moderation/flag/thread/{thread}/",
        f"/moderation/flag/persona/{world.others_post.author.public_id}/",
        f"/groups/{group}/posts/{world.others_post.public_id}/block/",
        person_path(world),
        "/notifications/",
        "/settings/blocks/",
        "/groups/search/?q=alone",
    ]


def person_path(world: World, post_attribute: str = "others_post") -> str:
    """The page in the open group of the author of one of the world's posts."""
    author = getattr(world, post_attribute).author
    return f"/groups/{world.open_group.slug}/people/{author.public_id}/"


def applicant_pages(world: World) -> list[str]:
    return [f"/groups/{world.approval_group.slug}/"]


def outsider_pages(world: World) -> list[tuple[str, int]]:
    """(path, status): a thread of a group you are not in is a 404 page, audited as such."""
    return [
        # Someone outside a group sees its about page and the way in.
        (f"/groups/{world.approval_group.slug}/", 200),
        (f"/groups/{world.approval_group.slug}/join/", 200),
        (f"/groups/{world.open_group.slug}/", 200),
        (f"/groups/{world.open_group.slug}/threads/{world.thread.public_id}/", 404),
    ]


def host_pages(world: World) -> list[str]:
    return [
        f"/groups/{world.approval_group.slug}/",
        f"/groups/{world.approval_group.slug}/requests/",
        f"/groups/{world.open_group.slug}/threads/{world.thread.public_id}/",
    ]


def staff_pages(world: World) -> list[str]:
    return [
        "/groups/manage/",
        "/groups/manage/new/",
        f"/groups/manage/{world.open_group.slug}/",
        f"/groups/manage/{world.approval_group.slug}/",
        # Not the request queue: staff see it only for a group without hosts (the hosts' audit
        # covers the page).
    ]


HOME = "/home/"


def audited_paths(world: World) -> list[str]:
    """Every path this module audits, for the coverage test."""
    return [
        HOME,
        *member_pages(world),
        *applicant_pages(world),
        *(path for path, _status in outsider_pages(world)),
        *host_pages(world),
        *staff_pages(world),
    ]


def test_every_groups_page_a_member_sees_passes_the_audit(page_as, live_server, world):
    page = page_as(world.member)
    for path in member_pages(world):
        audit(page, path)


def test_the_thread_page_passes_with_a_content_warning_opened(page_as, live_server, world):
    page = page_as(world.other_member)
    audit(page, f"/groups/{world.open_group.slug}/threads/{world.thread.public_id}/")
    page.locator("details.content-warning summary").first.click()
    found = violations_on(page)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1280px"])
def test_a_members_page_passes_on_a_phone_and_a_desktop(page_as, live_server, world, viewport):
    page = page_as(world.member, viewport)
    for path in (person_path(world), person_path(world, "own_post")):
        audit(page, path)
    # A host's page, with its badge.
    audit(page, f"/groups/{world.open_group.slug}/people/{_host_persona_in_open_group(world)}/")
    # Someone the member blocked: their posts folded, then one opened.
    audit(page, person_path(world, "blocked_post"))
    page.locator("details.blocked-content summary").first.click()
    page.locator("details.content-warning summary").first.click()
    found = violations_on(page)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1280px"])
def test_the_member_home_passes_on_a_phone_and_a_desktop(page_as, live_server, world, viewport):
    # The member: their groups, a thread with new posts (the other member replied).
    page = page_as(world.member, viewport)
    audit(page, HOME)
    assert page.get_by_role("heading", name="New in your groups").count() == 1
    # A host, with join requests waiting; someone in no group, with the welcome.
    audit(page_as(world.host, viewport), HOME)
    outsider = page_as(world.outsider, viewport)
    audit(outsider, HOME)
    assert outsider.get_by_text("You haven't joined a group yet.").count() == 1


def _host_persona_in_open_group(world: World) -> str:
    return world.host.personas.get(space=world.open_group.space).public_id


def test_the_join_form_passes_with_its_errors_showing(page_as, live_server, world):
    page = page_as(world.outsider)
    page.goto(f"/groups/{world.approval_group.slug}/join/")
    page.get_by_label("Your name in this group").fill("Al")
    page.get_by_label("I have read the guidelines and will follow them").check()
    page.get_by_label("Your answer").fill("I was pushed out after a complaint.")
    page.get_by_role("button", name="Send my request").click()
    assert page.get_by_text("characters long").count() >= 1
    found = violations_on(page)
    assert not found, "\n".join(found)


def test_the_flag_and_new_thread_forms_pass_with_their_errors_showing(page_as, live_server, world):
    page = page_as(world.member)
    page.goto(f"/moderation/flag/post/{world.others_post.public_id}/")
    page.get_by_role("button", name="Send to moderators").click()
    assert page.get_by_text("Please choose a reason.").count() == 1
    found = violations_on(page)
    assert not found, "\n".join(found)

    page.goto(f"/groups/{world.open_group.slug}/threads/new/")
    page.get_by_label("Title").fill("A title")
    page.get_by_label("Your post").fill("x" * (app_settings.MAX_POST_CHARS + 1))
    page.get_by_role("button", name="Post").click()
    assert page.get_by_text("at most").count() >= 1
    found = violations_on(page)
    assert not found, "\n".join(found)


def test_the_applicant_and_non_member_views_pass_the_audit(page_as, live_server, world):
    applicant = page_as(world.applicant)
    for path in applicant_pages(world):
        audit(applicant, path)
    assert applicant.get_by_role("button", name="Withdraw my request").count() == 1
    outsider = page_as(world.outsider)
    for path, status in outsider_pages(world):
        audit(outsider, path, status)


def test_the_hosts_pages_pass_the_audit(page_as, live_server, world):
    page = page_as(world.host)
    for path in host_pages(world):
        audit(page, path)
        if path.endswith("/requests/"):
            assert page.get_by_text("I ran a small studio").count() == 1


def test_the_staff_management_pages_pass_the_audit(page_as, live_server, world):
    page = page_as(world.staff)
    for path in staff_pages(world):
        audit(page, path)
    # The create form with its errors: a slug that is already taken.
    page.goto("/groups/manage/new/")
    page.get_by_label("Name").fill("Another")
    page.get_by_label("Slug").fill(world.open_group.slug)
    page.get_by_label("Description").fill("Somewhere to talk.")
    page.get_by_role("button", name="Create group").click()
    assert page.locator(".errorlist").count() >= 1
    found = violations_on(page)
    assert not found, "\n".join(found)
