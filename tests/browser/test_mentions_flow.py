"""A member mentions another through the "@" autocomplete; the other opens the notification and
lands on the post. A persona the mentioned member blocked in that group mentions them too, and
nothing reaches them. The autocomplete and the follow/mute header pass axe."""

import re

import pytest
from playwright.sync_api import expect

from community.models import Notification
from community.services.blocks import block_persona
from tests.browser.test_groups_accessibility import violations_on
from tests.browser.threads import in_thread
from tests.factories import MembershipFactory
from tests.world import open_group, reply, start_thread

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_mention_picked_from_the_list_notifies_and_opens_on_the_post(page_as, live_server):
    group = open_group()
    otter = MembershipFactory(group=group, persona__name="Quiet Otter")
    lark = MembershipFactory(group=group, persona__name="Steady Lark")
    MembershipFactory(group=group, persona__name="Steady Stone")
    thread = start_thread(lark, title="After I reported my manager")
    for number in range(3):  # enough posts that the mention lands on a later page
        reply(lark, thread, f"Earlier thought {number}")

    # Otter types "@ste": the list offers both Steadys; ArrowDown then Enter picks the second.
    page_otter = page_as(otter.persona.account)
    page_otter.goto(thread.get_absolute_url() + "?page=last")
    box = page_otter.get_by_label("Your post")
    box.click()
    box.press_sequentially("Thank you @ste")
    listbox = page_otter.get_by_role("listbox", name="People in this group")
    expect(listbox.get_by_role("option")).to_have_count(2)
    expect(listbox.get_by_role("option").first).to_have_attribute("aria-selected", "true")
    found = violations_on(page_otter)  # the open list, labelled, in its landmark
    assert not found, "\n".join(found)
    box.press("ArrowDown")
    box.press("ArrowUp")  # back to the first: Steady Lark
    box.press("Enter")
    expect(listbox).to_be_hidden()
    expect(box).to_have_value("Thank you @Steady Lark ")
    # Escape closes the list without inserting anything.
    box.press_sequentially("and @sto")
    expect(listbox.get_by_role("option")).to_have_count(1)
    box.press("Escape")
    expect(listbox).to_be_hidden()
    box.press_sequentially("ne, for listening.")
    page_otter.get_by_role("button", name="Post reply").click()
    mention = page_otter.locator("a.mention", has_text="@Steady Lark")
    expect(mention).to_have_attribute("href", re.compile(r"/groups/retaliation/people/"))
    # "@stone" is not a name: only a whole name after "@" is a mention.
    expect(page_otter.locator("a.mention", has_text="@Steady Stone")).to_have_count(0)

    # Lark's bell counts it; the notification names the thread and opens on the post.
    page_lark = page_as(lark.persona.account)
    page_lark.goto("/notifications/")
    link = page_lark.get_by_role(
        "link", name="Quiet Otter mentioned you in “After I reported my manager”"
    )
    expect(link).to_be_visible()
    link.click()
    post = Notification.objects.get(account=lark.persona.account, kind="mention").subject
    expect(page_lark).to_have_url(re.compile(rf"\?page=\d+#post-{post.public_id}$"))
    expect(page_lark.locator(f"#post-{post.public_id}")).to_be_in_viewport()
    expect(page_lark.locator(f"#post-{post.public_id}")).to_contain_text("for listening")
    page_lark.goto("/notifications/")
    expect(page_lark.locator(".notification.unread")).to_have_count(0)

    # Lark blocks Crow in this group; Crow picks Lark with the mouse and posts; nothing arrives.
    crow = MembershipFactory(group=group, persona__name="Sharp Crow")
    in_thread(lambda: block_persona(blocker=lark.persona.account, persona=crow.persona))
    page_crow = page_as(crow.persona.account)
    page_crow.goto(thread.get_absolute_url() + "?page=last")
    crow_box = page_crow.get_by_label("Your post")
    crow_box.click()
    crow_box.press_sequentially("@lar")
    page_crow.get_by_role("option", name="Steady Lark").click()
    expect(crow_box).to_have_value("@Steady Lark ")
    crow_box.press_sequentially("answer me")
    page_crow.get_by_role("button", name="Post reply").click()
    expect(page_crow.get_by_text("answer me")).to_be_visible()
    crows_post = thread.posts.filter(author=crow.persona).get()
    assert 'class="mention"' in crows_post.body_html  # a mention, all the same

    assert not Notification.objects.filter(
        account=lark.persona.account, actor_persona=crow.persona
    ).exists()
    page_lark.goto("/notifications/")
    expect(page_lark.locator(".notification.unread")).to_have_count(0)
    expect(page_lark.locator("main")).not_to_contain_text("Sharp Crow")


def test_follow_and_mute_are_one_click_each_and_say_so(page_as, live_server):
    group = open_group()
    reader = MembershipFactory(group=group, persona__name="Quiet Otter")
    starter = MembershipFactory(group=group, persona__name="Steady Lark")
    thread = start_thread(starter, title="After I reported my manager")

    page = page_as(reader.persona.account)
    page.goto(thread.get_absolute_url())
    follow = page.get_by_role("button", name="Follow")
    expect(follow).to_have_attribute("aria-pressed", "false")
    follow.click()
    expect(page.get_by_role("button", name="Follow")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("main")).to_contain_text("every reply notifies you")
    found = violations_on(page)
    assert not found, "\n".join(found)

    page.get_by_role("button", name="Mute").click()
    expect(page.get_by_role("button", name="Mute")).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_role("button", name="Follow")).to_have_attribute("aria-pressed", "false")
