"""Asking to join a group with the approval policy, from the browser, end to end: the applicant
answers the question, the host decides from a queue that shows the persona and the answer only,
and the applicant is told and can post."""

import pytest
from playwright.sync_api import expect

from groups.models import Membership
from tests.factories import AccountFactory
from tests.world import add_host, approval_group

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ANSWER = "A client stopped paying after I complained about a manager."


def test_an_applicant_asks_the_host_approves_and_the_applicant_posts(page_as, live_server):
    host = add_host(approval_group(), "Kind Heron").persona.account
    applicant = AccountFactory(email="brave.finch.owner@example.org")

    # The applicant asks, answering the hosts' question.
    applicant_page = page_as(applicant)
    applicant_page.goto("/groups/founders/")
    applicant_page.get_by_role("link", name="Ask to join").click()
    expect(applicant_page.get_by_text("What brings you here?")).to_be_visible()
    applicant_page.get_by_label("Your name in this group").fill("Brave Finch")
    applicant_page.get_by_label("Your answer").fill(ANSWER)
    applicant_page.get_by_label("I have read the guidelines and will follow them").check()
    applicant_page.get_by_role("button", name="Send my request").click()
    expect(
        applicant_page.get_by_text("Your request is waiting for one of the hosts")
    ).to_be_visible()
    expect(applicant_page.get_by_role("link", name="Start a thread")).to_have_count(0)

    # The host is told, and the queue shows the persona and the answer, never the account.
    host_page = page_as(host)
    host_page.goto("/notifications/")
    host_page.get_by_role("link", name="Someone asked to join Founders and contractors").click()
    request_card = host_page.locator("article.join-request")
    expect(request_card).to_have_count(1)
    expect(request_card).to_contain_text("Brave Finch")
    expect(request_card).to_contain_text(ANSWER)
    queue = host_page.content()
    assert applicant.email not in queue
    assert "brave.finch.owner" not in queue
    request_card.get_by_role("button", name="Approve").click()
    expect(host_page.get_by_text("Brave Finch's request was approved.")).to_be_visible()
    expect(host_page.get_by_text("No one is waiting.")).to_be_visible()

    # The applicant finds the outcome in their notifications and posts as a member.
    applicant_page.goto("/")
    expect(applicant_page.locator(".bell .badge")).to_have_text("1")
    applicant_page.get_by_role("link", name="Notifications").click()
    applicant_page.get_by_role(
        "link", name="Welcome: your request to join Founders and contractors was approved."
    ).click()
    expect(applicant_page.get_by_text("You are here as")).to_contain_text("Brave Finch")
    applicant_page.get_by_role("link", name="Start a thread").click()
    applicant_page.get_by_label("Title").fill("Unpaid invoices after a complaint")
    applicant_page.get_by_label("Your post").fill("Has anyone had a client do this?")
    applicant_page.get_by_role("button", name="Post").click()
    expect(
        applicant_page.get_by_role("heading", name="Unpaid invoices after a complaint")
    ).to_be_visible()
    expect(applicant_page.locator("article.post")).to_contain_text("Brave Finch")
    assert Membership.objects.get(persona__account=applicant).status == Membership.Status.ACTIVE


def test_an_applicant_withdraws_and_the_host_no_longer_sees_the_request(page_as, live_server):
    host = add_host(approval_group(join_question=""), "Kind Heron").persona.account
    applicant_page = page_as(AccountFactory())
    applicant_page.goto("/groups/founders/join/")
    applicant_page.get_by_label("Your name in this group").fill("Brave Finch")
    applicant_page.get_by_label("I have read the guidelines and will follow them").check()
    applicant_page.get_by_role("button", name="Send my request").click()
    applicant_page.get_by_role("button", name="Withdraw my request").click()
    expect(applicant_page.get_by_text("Your request was withdrawn.")).to_be_visible()
    expect(applicant_page.get_by_role("link", name="Ask to join")).to_be_visible()

    host_page = page_as(host)
    host_page.goto("/groups/founders/requests/")
    expect(host_page.get_by_text("No one is waiting.")).to_be_visible()
    expect(host_page.get_by_text("Brave Finch")).to_have_count(0)
