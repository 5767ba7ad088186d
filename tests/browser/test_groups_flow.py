"""Member A joins a group and posts behind a content warning; member B reacts and finds the
post collapsed until they open it. Uses the shared session browser and live server."""

import pytest
from playwright.sync_api import expect

from community.models import Persona
from groups.models import Membership
from tests.factories import AccountFactory, MembershipFactory
from tests.world import open_group

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_posts_with_a_warning_and_another_reacts_behind_it(page_as, live_server):
    group = open_group()
    member_a = AccountFactory()
    member_b = MembershipFactory(group=group, persona__name="Steady Lark").persona.account

    # A joins through the real join form, then starts a thread with a content warning.
    page_a = page_as(member_a)
    page_a.goto("/groups/retaliation/")
    page_a.get_by_role("link", name="Join this group").click()
    page_a.get_by_label("Your name in this group").fill("Quiet Otter")
    page_a.get_by_label("I have read the guidelines and will follow them").check()
    page_a.get_by_role("button", name="Join").click()
    page_a.get_by_role("link", name="Start a thread").click()
    page_a.get_by_label("Title").fill("After I reported my manager")
    page_a.get_by_label("Content warning (optional)").fill("retaliation at work")
    page_a.get_by_label("Your post").fill("My reviews changed the week after I went to HR.")
    page_a.get_by_role("button", name="Post").click()
    expect(page_a.get_by_role("heading", name="After I reported my manager")).to_be_visible()
    assert Membership.objects.filter(group=group, persona__name="Quiet Otter").exists()
    assert Persona.objects.get(name="Quiet Otter").account == member_a

    # B opens the thread: the post is collapsed behind its warning.
    page_b = page_as(member_b)
    page_b.goto("/groups/retaliation/")
    page_b.get_by_role("link", name="After I reported my manager").click()
    warning = page_b.locator("details.content-warning").first
    expect(warning).to_contain_text("retaliation at work")
    expect(warning).not_to_have_attribute("open", "")
    body = page_b.get_by_text("My reviews changed the week after I went to HR.")
    expect(body).to_be_hidden()

    # B reacts: the count shows it, and the post is still collapsed after the page reloads.
    support = page_b.get_by_role("button", name="Support", exact=True)
    support.click()
    expect(page_b.get_by_role("button", name="Support 1")).to_have_attribute("aria-pressed", "true")
    expect(page_b.locator("details.content-warning").first).not_to_have_attribute("open", "")
    expect(body).to_be_hidden()

    # Only when B opens the warning does the text show.
    page_b.locator("details.content-warning summary").first.click()
    expect(page_b.get_by_text("My reviews changed the week after I went to HR.")).to_be_visible()

    # A is told someone reacted, without a name.
    page_a.goto("/notifications/")
    expect(
        page_a.get_by_text(
            "Someone reacted to your post in “After I reported my manager” "
            "(Retaliation after reporting)."
        )
    ).to_be_visible()
    assert "Steady Lark" not in page_a.content()
