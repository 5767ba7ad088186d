"""No page that shows member text scrolls sideways, on a phone (390 px) or a desktop (1280 px):
a 300-letter word, a long URL, a long code line (its block scrolls inside itself, the page
does not) and a title and content warning as long as allowed, on every such page."""

import pytest
from playwright.sync_api import Page, expect

from groups.app_settings import app_settings
from groups.services import posts as post_services
from tests.browser.test_layout import DESKTOP, PHONE
from tests.browser.threads import in_thread
from tests.world import World, reply, start_thread

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORD = "a" * 300
URL = "https://example.com/" + "/".join(["path-segment-without-any-break"] * 12) + "?q=" + "x" * 80
CODE = "    " + "const value = " + "someFunctionName(" * 20 + ")" * 20 + ";"
BODY = f"{WORD}\n\n{URL}\n\n[{WORD}]({URL})\n\n> {WORD}\n\n{CODE}\n\nInline `{WORD}` code."


def build(world: World) -> dict[str, str]:
    member = world.member_membership
    title = "T" * app_settings.MAX_TITLE_CHARS
    warning = "W" * app_settings.MAX_CONTENT_WARNING_CHARS
    thread = start_thread(member, title, BODY, content_warning=warning)
    post = reply(member, thread, BODY + "\n\nA reply.")
    post_services.edit_post(membership=member, post=post, body=BODY + "\n\nEdited.")
    # A reply by someone else notifies the member, naming the long title.
    reply(world.others_post.author.membership, thread, WORD)
    group = world.open_group.slug
    return {
        "thread": thread.get_absolute_url().split("?")[0] + "?page=1",
        "group": f"/groups/{group}/",
        "person": f"/groups/{group}/people/{member.persona.public_id}/",
        "notifications": "/notifications/",
        "edit": f"/groups/{group}/posts/{post.public_id}/edit/",
        "history": f"/groups/{group}/posts/{post.public_id}/history/",
    }


def assert_no_sideways_scroll(page: Page, name: str) -> None:
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"{name} scrolls sideways: {widths}"


def open_everything(page: Page) -> None:
    """Content warnings and folds open, so the long text inside counts too."""
    page.evaluate("() => document.querySelectorAll('details').forEach((d) => { d.open = true; })")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
def test_no_page_with_member_text_scrolls_sideways(page_as, live_server, world, viewport):
    paths = in_thread(build, world)
    page = page_as(world.member, viewport=viewport)
    page.on("dialog", lambda dialog: dialog.accept())
    for name, path in paths.items():
        page.goto(path)
        open_everything(page)
        assert_no_sideways_scroll(page, name)

    # The code block scrolls inside itself.
    page.goto(paths["thread"])
    open_everything(page)
    code_block = page.locator(".post-body pre").first
    sizes = code_block.evaluate("(pre) => [pre.scrollWidth, pre.clientWidth]")
    assert sizes[0] > sizes[1]
    assert code_block.evaluate("(pre) => getComputedStyle(pre).overflowX") == "auto"

    # A preview of the same text.
    page.locator("#reply textarea[name='body']").fill(BODY)
    page.locator("#reply").get_by_role("button", name="Preview").click()
    expect(page.locator("#reply .preview pre")).to_be_visible()
    assert_no_sideways_scroll(page, "preview")


def test_quotes_and_code_are_styled_in_both_schemes(page_as, live_server, world):
    in_thread(reply, world.member_membership, world.thread, "> quoted\n\n    code line")
    page = page_as(world.member)
    styles = {}
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.goto(f"/groups/{world.open_group.slug}/threads/{world.thread.public_id}/?page=last")
        quote = page.locator(".post-body blockquote").last
        code = page.locator(".post-body pre").last
        styles[scheme] = (
            quote.evaluate("(q) => getComputedStyle(q).borderLeftStyle"),
            quote.evaluate("(q) => getComputedStyle(q).backgroundColor"),
            code.evaluate("(c) => getComputedStyle(c).backgroundColor"),
        )
    assert styles["light"][0] == styles["dark"][0] == "solid"
    assert styles["light"][1] != styles["dark"][1]
    assert styles["light"][2] != styles["dark"][2]
