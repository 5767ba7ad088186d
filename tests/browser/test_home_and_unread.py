"""Issue 13's walk through the member home and unread: logging in lands on the home, a group
shows its unread thread, opening it lands at the first unread post (the right page, at the
"New since your last visit" divider), and "Mark all as read" clears the group. axe checks the
pages with the unread marks showing."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_groups_accessibility import violations_on
from tests.browser.test_signup_and_quick_exit import log_in_through_the_form
from tests.factories import AccountFactory, MembershipFactory
from tests.world import open_group, reply, start_thread

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_lands_home_sees_what_is_new_and_reads_it(page_as, live_server, settings):
    settings.GROUPS_POSTS_PER_PAGE = 3
    settings.GROUPS_POST_RATE = "1000/m"
    group = open_group()
    member = AccountFactory(email="reader@example.test")
    MembershipFactory(group=group, persona__account=member, persona__name="Amber Finch")
    other = MembershipFactory(group=group, persona__name="Steady Lark")
    thread = start_thread(other, title="Back at work after leave", body="First day tomorrow.")
    for number in range(2):
        reply(other, thread, body=f"Update {number}: it went fine.")

    page = page_as(None)
    log_in_through_the_form(page, member.email)
    expect(page).to_have_url(re.compile(r"/home/$"))
    expect(page.get_by_role("heading", name="Your home")).to_be_visible()
    home_groups = page.locator("li.group-row", has_text="Retaliation after reporting")
    expect(home_groups).to_contain_text("1 thread with new posts")
    expect(home_groups).to_contain_text("Amber Finch")

    # Opened once (3 posts seen), then three more replies: page 2 holds the first unread.
    page.get_by_role("link", name="Back at work after leave").click()
    expect(page.get_by_role("heading", name="Back at work after leave")).to_be_visible()
    later = [reply(other, thread, body=f"Later news {number}.") for number in range(3)]

    page.goto("/groups/retaliation/")
    row = page.locator("li.thread-row", has_text="Back at work after leave")
    expect(row).to_contain_text("3 new")
    found = violations_on(page)
    assert not found, "\n".join(found)

    row.get_by_role("link", name="Back at work after leave").click()
    expect(page).to_have_url(re.compile(r"\?page=2#unread$"))
    divider = page.locator("#unread")
    expect(divider).to_have_text("New since your last visit")
    expect(divider).to_be_in_viewport()
    expect(page.locator(f"#post-{later[0].public_id}")).to_be_visible()
    found = violations_on(page)
    assert not found, "\n".join(found)

    # Another reply, then the whole group marked read from its page.
    reply(other, thread, body="One more thing.")
    page.goto("/groups/retaliation/")
    expect(row).to_contain_text("1 new")
    page.get_by_role("button", name="Mark all as read").click()
    expect(page.get_by_text("Everything here is marked as read.")).to_be_visible()
    expect(page.locator("li.thread-row .tag-new")).to_have_count(0)
    page.goto("/home/")
    expect(page.get_by_text("You're all caught up")).to_be_visible()
