"""Issue 13's "Done when", walked as a member would, on a phone (390 px) and a desktop (1280 px).

Amber logs in through the real login page and lands on her home; her group shows a thread with
new posts; the bell leads to a notification that opens on the exact post (the right page, the
`#post-…` anchor, the post on screen). She quotes a selection of that post, mentions Steady
Lark through the "@" list, previews (the quote and the mention link rendered), posts, and finds
her post by searching for one of its words. Lark (another browser) gets the mention. Loud
Magpie, whom Amber blocked in that group, mentions her: nothing reaches her, and her bell does
not move.

Every page of the walk passes axe at its width and does not scroll sideways. Both members share
two groups under other names: no page either of them sees shows the other's email or the
other's name in the second group.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from community.models import Notification
from community.services.blocks import block_persona
from groups.models import Post
from tests.browser.test_groups_accessibility import violations_on
from tests.browser.test_layout import DESKTOP, PHONE
from tests.browser.test_signup_and_quick_exit import log_in_through_the_form
from tests.browser.test_wrapping import assert_no_sideways_scroll
from tests.browser.threads import in_thread
from tests.factories import AccountFactory, GroupFactory, MembershipFactory
from tests.world import open_group, reply, start_thread

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Back at work after leave"
# The text Amber selects in Lark's post, and a word only her new post holds.
SELECTED = "calmer than I feared"
SEARCH_WORD = "lighthouse"

# Selects `text` inside one element, wherever it sits among the element's text nodes (the
# mention link comes first in the paragraph, so it is not the first child).
SELECT_TEXT_SCRIPT = """
(element, text) => {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const start = node.textContent.indexOf(text);
    if (start === -1) continue;
    const range = document.createRange();
    range.setStart(node, start);
    range.setEnd(node, start + text.length);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    return true;
  }
  return false;
}
"""


def member(group, account, name):
    return MembershipFactory(group=group, persona__account=account, persona__name=name)


def build():
    """Amber and Lark share two groups, each under another name in the second; Magpie is in the
    first, blocked there by Amber. Lark's thread has five posts, the last one mentioning Amber,
    so (three posts a page) the mention is on page 2."""
    group = open_group()
    second = GroupFactory(name="Night shift", slug="night-shift")
    amber_account = AccountFactory(email="amber.walker@example.test")
    lark_account = AccountFactory(email="lark.other@example.test")
    amber = member(group, amber_account, "Amber Finch")
    member(second, amber_account, "Quiet Heron")
    lark = member(group, lark_account, "Steady Lark")
    member(second, lark_account, "Bright Cedar")
    magpie = MembershipFactory(group=group, persona__name="Loud Magpie")
    block_persona(blocker=amber_account, persona=magpie.persona)

    thread = start_thread(lark, title=TITLE, body="First day tomorrow.")
    reply(lark, thread, "Update: the badge still worked.")
    reply(lark, thread, "Update: my desk was moved, but it's fine.")
    reply(lark, thread, "Lunch alone, which I wanted.")
    mention = reply(lark, thread, f"@Amber Finch thank you for asking. The meeting was {SELECTED}.")
    return amber, lark, magpie, thread, mention


def check_page(page: Page, name: str, never: tuple[str, ...]) -> None:
    """What every page of the walk must hold to: axe-clean, no sideways scroll, and nothing of
    the other account (its email, its name in the other group)."""
    found = violations_on(page)
    assert not found, f"{name} ({page.url}):\n" + "\n".join(found)
    assert_no_sideways_scroll(page, name)
    html = page.content()
    for text in never:
        assert text not in html, f"{name} ({page.url}) shows {text!r}"


def bell(page: Page):
    return page.locator("a.bell")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
def test_a_member_walks_the_forum_from_logging_in_to_finding_her_post(
    page_as, live_server, settings, viewport
):
    settings.GROUPS_POSTS_PER_PAGE = 3
    settings.GROUPS_POST_RATE = "1000/m"
    amber, lark, magpie, thread, mention = in_thread(build)
    not_for_amber = ("lark.other@example.test", "Bright Cedar")
    not_for_lark = ("amber.walker@example.test", "Quiet Heron", "Loud Magpie")

    # Log in through the real form: the home, with the group's unread thread and the bell.
    page = page_as(None, viewport)
    log_in_through_the_form(page, "amber.walker@example.test")
    expect(page).to_have_url(re.compile(r"/home/$"))
    expect(page.get_by_role("heading", name="Your home")).to_be_visible()
    row = page.locator("li.group-row", has_text="Retaliation after reporting")
    expect(row).to_contain_text("1 thread with new posts")
    expect(row).to_contain_text("Amber Finch")
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    expect(bell(page).locator(".badge")).to_have_text("1")
    check_page(page, "home", not_for_amber)

    # The bell, then the notification: the exact post, on its page, on screen.
    bell(page).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Notifications")
    check_page(page, "notifications", not_for_amber)
    page.get_by_role("link", name=f"Steady Lark mentioned you in “{TITLE}”").click()
    expect(page).to_have_url(re.compile(rf"\?page=2#post-{mention.public_id}$"))
    article = page.locator(f"#post-{mention.public_id}")
    expect(article).to_be_in_viewport()
    expect(article).to_contain_text(SELECTED)
    expect(bell(page).locator(".badge")).to_have_count(0)
    check_page(page, "thread", not_for_amber)

    # Quote the selected words of Lark's post into the reply box.
    assert article.locator(".post-body").evaluate(SELECT_TEXT_SCRIPT, SELECTED)
    article.locator("a.quote-link").click()
    box = page.locator("#reply").get_by_label("Your post")
    expect(box).to_have_value(f"Steady Lark wrote:\n\n> {SELECTED}\n\n")
    expect(box).to_be_focused()

    # Mention Lark through the "@" list, then finish the sentence.
    box.press("End")
    box.press_sequentially("So glad, @ste")
    people = page.get_by_role("listbox", name="People in this group")
    expect(people.get_by_role("option")).to_have_count(1)
    expect(people.get_by_role("option", name="Steady Lark")).to_have_attribute(
        "aria-selected", "true"
    )
    check_page(page, "thread with the @ list open", not_for_amber)
    box.press("Enter")
    expect(people).to_be_hidden()
    box.press_sequentially(f"the {SEARCH_WORD} walk helps me too.")
    written = (
        f"Steady Lark wrote:\n\n> {SELECTED}\n\n"
        f"So glad, @Steady Lark the {SEARCH_WORD} walk helps me too."
    )
    expect(box).to_have_value(written)

    # Preview: the quote and the mention rendered by the server, the text untouched.
    page.locator("#reply").get_by_role("button", name="Preview").click()
    preview = page.locator("#reply [data-preview-region]")
    expect(preview.locator("blockquote")).to_contain_text(SELECTED)
    preview_mention = preview.locator("a.mention", has_text="@Steady Lark")
    expect(preview_mention).to_have_attribute(
        "href", f"/groups/retaliation/people/{lark.persona.public_id}/"
    )
    expect(box).to_have_value(written)
    check_page(page, "thread with a preview", not_for_amber)

    # Post: the reply shows, with its quote and mention.
    page.locator("#reply").get_by_role("button", name="Post reply").click()
    new_post = in_thread(
        lambda: Post.objects.get(thread=thread, author=amber.persona, body__contains=SEARCH_WORD)
    )
    posted = page.locator(f"#post-{new_post.public_id}")
    expect(posted).to_be_visible()
    expect(posted.locator(".post-body blockquote")).to_contain_text(SELECTED)
    expect(posted.locator("a.mention", has_text="@Steady Lark")).to_be_visible()
    check_page(page, "thread after posting", not_for_amber)

    # Search for a word of it, from the navigation, and land on it.
    searchbox = page.get_by_role("searchbox", name="Search your groups")
    searchbox.fill(SEARCH_WORD)
    searchbox.press("Enter")
    expect(page.get_by_role("heading", name="1 result")).to_be_visible()
    result = page.locator(".search-result")
    expect(result).to_contain_text("Amber Finch")
    expect(result.locator("mark")).to_have_text(SEARCH_WORD)
    check_page(page, "search", not_for_amber)
    result.get_by_role("link").first.click()
    expect(page).to_have_url(re.compile(rf"#post-{new_post.public_id}$"))
    expect(page.locator(f"#post-{new_post.public_id}")).to_be_in_viewport()

    # Lark, in another browser, gets the mention and opens it on the post.
    page_lark = page_as(lark.persona.account, viewport)
    page_lark.goto("/notifications/")
    link = page_lark.get_by_role("link", name=f"Amber Finch mentioned you in “{TITLE}”")
    expect(link).to_be_visible()
    check_page(page_lark, "Lark's notifications", not_for_lark)
    link.click()
    expect(page_lark).to_have_url(re.compile(rf"\?page=2#post-{new_post.public_id}$"))
    expect(page_lark.locator(f"#post-{new_post.public_id}")).to_be_in_viewport()
    check_page(page_lark, "Lark's thread", not_for_lark)

    # Magpie, blocked by Amber in this group, mentions her through the same list: nothing
    # reaches Amber, and her bell stays as it was.
    page.goto("/home/")
    bell_before = bell(page).inner_text()
    page_magpie = page_as(magpie.persona.account, viewport)
    page_magpie.goto(thread.get_absolute_url() + "?page=last")
    magpie_box = page_magpie.locator("#reply").get_by_label("Your post")
    magpie_box.click()
    magpie_box.press_sequentially("@amb")
    page_magpie.get_by_role("option", name="Amber Finch").click()
    magpie_box.press_sequentially("why won't you answer me")
    page_magpie.locator("#reply").get_by_role("button", name="Post reply").click()
    expect(page_magpie.get_by_text("why won't you answer me")).to_be_visible()
    magpies_post = in_thread(lambda: Post.objects.get(thread=thread, author=magpie.persona))
    assert 'class="mention"' in magpies_post.body_html  # a mention, all the same

    assert not in_thread(
        lambda: Notification.objects.filter(
            account=amber.persona.account, actor_persona=magpie.persona
        ).exists()
    )
    page.reload()
    expect(bell(page)).to_have_text(bell_before)
    page.goto("/notifications/")
    expect(page.locator(".notification.unread")).to_have_count(0)
    expect(page.locator("main")).not_to_contain_text("Loud Magpie")
    check_page(page, "notifications after the blocked mention", not_for_amber)
