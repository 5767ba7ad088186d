"""The layout on a phone (390 px wide) and on a desktop: Quick exit stays on screen, first in
tab order after the skip link, and never hides a control or the text around it; nothing spills
sideways. Set LANTERN_SCREENSHOTS=<folder> to save a full-page screenshot of each page checked.
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.world import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
WIDTHS = {"phone": PHONE, "desktop": DESKTOP}

# Every focusable control the page shows, each focused from the bottom of the page up (as
# Shift+Tab does, which scrolls each one in at the top edge, where Quick exit sits); the ones
# Quick exit hides, as selectors. The button itself, and a copy inside a dialog, don't count.
HIDDEN_CONTROLS_SCRIPT = """
() => {
  const exit = document.getElementById('quick-exit');
  const controls = [...document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), textarea, select, summary'
  )].filter(element => !element.closest('.quick-exit') && element.getClientRects().length
    && getComputedStyle(element).visibility !== 'hidden'
    && element.closest('.skip-link') === null);
  window.scrollTo(0, document.documentElement.scrollHeight);
  const hidden = [];
  for (const control of controls.reverse()) {
    control.focus();
    const box = control.getBoundingClientRect();
    const exitBox = exit.getBoundingClientRect();
    const overlaps = box.left < exitBox.right && box.right > exitBox.left
      && box.top < exitBox.bottom && box.bottom > exitBox.top;
    if (overlaps) hidden.push(control.outerHTML.slice(0, 120));
  }
  window.scrollTo(0, 0);
  return hidden;
}
"""

# Text in the page (not the button) that sits under Quick exit with the page scrolled to the top.
TEXT_UNDER_EXIT_SCRIPT = """
() => {
  const exit = document.getElementById('quick-exit').getBoundingClientRect();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const covered = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.textContent.trim() || node.parentElement.closest('.quick-exit, .skip-link')) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const box of range.getClientRects()) {
      if (box.left < exit.right && box.right > exit.left
          && box.top < exit.bottom && box.bottom > exit.top) {
        covered.push(node.textContent.trim().slice(0, 60));
        break;
      }
    }
  }
  return covered;
}
"""


def pages_to_check(world: World) -> list[tuple[str, object, str]]:
    group, thread = world.open_group.slug, world.thread.public_id
    return [
        ("home", None, "/"),
        ("directory", world.member, "/groups/"),
        ("group", world.member, f"/groups/{group}/"),
        ("thread", world.member, f"/groups/{group}/threads/{thread}/"),
        ("person", world.member, f"/groups/{group}/people/{world.others_post.author.public_id}/"),
        ("new-thread", world.member, f"/groups/{group}/threads/new/"),
        ("join", world.outsider, f"/groups/{world.approval_group.slug}/join/"),
        ("pending", world.applicant, f"/groups/{world.approval_group.slug}/"),
        ("requests", world.host, f"/groups/{world.approval_group.slug}/requests/"),
        ("notifications", world.member, "/notifications/"),
        ("blocks", world.member, "/settings/blocks/"),
        ("search", world.member, f"/groups/search/?q=alone&group={group}"),
        ("manage", world.staff, "/groups/manage/"),
        ("manage-edit", world.staff, f"/groups/manage/{group}/"),
    ]


def save_screenshot(page: Page, name: str) -> None:
    folder = os.environ.get("LANTERN_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("width_name", WIDTHS)
def test_quick_exit_hides_no_control_and_nothing_spills_sideways(
    page_as, live_server, world, width_name
):
    pages: dict[object, Page] = {}
    problems = []
    for name, account, path in pages_to_check(world):
        key = account.pk if account else None
        if key not in pages:
            pages[key] = page_as(account, WIDTHS[width_name])
        page = pages[key]
        page.goto(path)
        save_screenshot(page, f"{width_name}-{name}")
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


@pytest.mark.parametrize("width_name", WIDTHS)
def test_quick_exit_stays_on_screen_while_scrolling(page_as, live_server, world, width_name):
    page = page_as(world.member, WIDTHS[width_name])
    page.goto(f"/groups/{world.open_group.slug}/threads/{world.thread.public_id}/")
    page.evaluate("() => window.scrollTo(0, document.documentElement.scrollHeight)")
    expect(page.locator("#quick-exit")).to_be_in_viewport()
    box = page.locator("#quick-exit").bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 100


def test_quick_exit_comes_right_after_the_skip_link_in_tab_order(page: Page):
    page.goto("/")
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator("#quick-exit")).to_be_focused()
    assert page.evaluate("() => document.activeElement.closest('header') !== null")
