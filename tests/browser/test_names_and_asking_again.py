"""Choosing a group name in the browser: "Suggest another name" is one click and keeps the
answer typed, Enter in the name field still sends the form, and a name used in another group
is stopped once with a fresh one to use (issue 13)."""

import pytest
from playwright.sync_api import expect

from groups.models import JoinRequest
from tests.factories import AccountFactory, GroupFactory, MembershipFactory
from tests.world import approval_group

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ANSWER = "A manager kept taking credit and then took my projects away."


def test_suggest_another_then_a_name_used_elsewhere_then_enter(page_as, live_server):
    group = approval_group()
    account = AccountFactory()
    elsewhere = GroupFactory(name="Quiet corner", slug="quiet-corner")
    MembershipFactory(
        group=elsewhere,
        persona__account=account,
        persona__space=elsewhere.space,
        persona__name="Brave Finch",
    )
    page = page_as(account)
    page.goto(f"/groups/{group.slug}/join/")
    name = page.get_by_label("Your name in this group")
    page.get_by_label("Your answer").fill(ANSWER)
    first = name.input_value()
    page.get_by_role("button", name="Suggest another name").click()
    expect(name).not_to_have_value(first)
    expect(page.get_by_label("Your answer")).to_have_value(ANSWER)
    assert not JoinRequest.objects.exists()

    # The name of the other group: warned, with a fresh one offered in one click.
    name.fill("brave finch")
    page.get_by_label("I have read the guidelines and will follow them").check()
    page.get_by_role("button", name="Send my request").click()
    expect(page.get_by_text("You already use this name")).to_be_visible()
    assert "Quiet corner" not in page.content()
    assert not JoinRequest.objects.exists()
    page.get_by_role("button", name="instead").click()
    offered = name.input_value()
    assert offered and offered.lower() != "brave finch"
    expect(page.get_by_label("Your answer")).to_have_value(ANSWER)

    # Enter in the name field sends the request (not "Suggest another").
    page.get_by_label("I have read the guidelines and will follow them").check()
    name.press("Enter")
    expect(page.get_by_text("Your request is waiting for one of the hosts")).to_be_visible()
    assert JoinRequest.objects.get().persona.name == offered


def test_the_warning_and_the_wait_pass_axe(page_as, live_server):
    from datetime import timedelta

    from django.utils import timezone

    from tests.browser.test_groups_accessibility import violations_on
    from tests.factories import JoinRequestFactory

    group = approval_group()
    account = AccountFactory()
    other = GroupFactory(name="Quiet corner", slug="quiet-corner")
    MembershipFactory(
        group=other, persona__account=account, persona__space=other.space, persona__name="Calm Fern"
    )
    page = page_as(account)
    page.goto(f"/groups/{group.slug}/join/")
    page.get_by_label("Your name in this group").fill("Calm Fern")
    page.get_by_label("Your answer").fill(ANSWER)
    page.get_by_label("I have read the guidelines and will follow them").check()
    page.get_by_role("button", name="Send my request").click()
    expect(page.get_by_text("You already use this name")).to_be_visible()
    assert violations_on(page) == []

    declined = approval_group(name="Night shift", slug="night-shift")
    JoinRequestFactory(
        group=declined,
        persona__account=account,
        status=JoinRequest.Status.DECLINED,
        decided_at=timezone.now() - timedelta(days=1),
    )
    for path in (f"/groups/{declined.slug}/", f"/groups/{declined.slug}/join/"):
        page.goto(path)
        expect(page.get_by_text("You can ask again from")).to_be_visible()
        expect(page.get_by_label("Your answer")).to_have_count(0)
        assert violations_on(page) == []
