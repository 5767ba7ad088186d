"""An applicant takes back a join request that still waits for a host."""

import pytest
from django.test import Client

from community.errors import NotAllowed
from groups.models import Group, JoinRequest, Membership
from groups.services.membership import join_group, withdraw_request
from tests.clients import client_for
from tests.factories import (
    AccountFactory,
    GroupFactory,
    JoinRequestFactory,
    MembershipFactory,
)
from tests.pages import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def approval_group():
    return GroupFactory(
        name="Retaliation after reporting",
        slug="retaliation",
        join_policy=Group.JoinPolicy.APPROVAL,
        join_question="What brings you here?",
    )


@pytest.fixture
def applicant():
    return AccountFactory()


@pytest.fixture
def pending(approval_group, applicant):
    return JoinRequestFactory(
        group=approval_group,
        persona__account=applicant,
        persona__name="Quiet Wren",
        answer="I reported my lead.",
    )


def test_the_applicant_withdraws_a_waiting_request(applicant, pending):
    withdrawn = withdraw_request(account=applicant, request=pending)
    assert withdrawn.status == JoinRequest.Status.WITHDRAWN
    pending.refresh_from_db()
    assert pending.status == JoinRequest.Status.WITHDRAWN
    assert pending.decided_by is None


def test_someone_else_cannot_withdraw_the_request(pending):
    with pytest.raises(NotAllowed):
        withdraw_request(account=AccountFactory(), request=pending)
    pending.refresh_from_db()
    assert pending.status == JoinRequest.Status.PENDING


def test_a_decided_request_cannot_be_withdrawn(applicant, pending):
    pending.status = JoinRequest.Status.APPROVED
    pending.save()
    with pytest.raises(NotAllowed):
        withdraw_request(account=applicant, request=pending)
    pending.refresh_from_db()
    assert pending.status == JoinRequest.Status.APPROVED


def test_after_withdrawing_the_applicant_may_ask_again_at_once_under_the_same_name(
    approval_group, applicant, pending
):
    withdraw_request(account=applicant, request=pending)
    again = join_group(
        account=applicant,
        group=approval_group,
        name="Ignored Name",
        accepted_guidelines=True,
        answer="Still here.",
    )
    assert again.status == JoinRequest.Status.PENDING
    assert again.persona.name == "Quiet Wren"


def test_the_group_page_offers_the_applicant_a_withdraw_button(applicant, pending):
    page = client_for(applicant).get("/groups/retaliation/").content.decode()
    assert "Withdraw my request" in page
    assert 'action="/groups/retaliation/withdraw/"' in page


def test_the_withdraw_button_is_not_shown_to_others(approval_group, pending):
    member = MembershipFactory(group=approval_group).persona.account
    for account in (AccountFactory(), member):
        page = page_text(client_for(account).get("/groups/retaliation/"))
        assert "Withdraw my request" not in page


def test_withdrawing_from_the_page_says_so_and_empties_the_hosts_queue(
    approval_group, applicant, pending
):
    response = client_for(applicant).post("/groups/retaliation/withdraw/", follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Your request was withdrawn." in page
    assert "Ask to join" in page
    assert "Withdraw my request" not in page
    host = MembershipFactory(group=approval_group, role=Membership.Role.HOST).persona.account
    queue = client_for(host).get("/groups/retaliation/requests/").content.decode()
    assert "Quiet Wren" not in queue
    assert "No one is waiting." in queue


def test_withdrawing_from_an_unlisted_group_leads_back_to_the_directory(applicant):
    hidden = GroupFactory(
        slug="hidden", visibility=Group.Visibility.UNLISTED, join_policy=Group.JoinPolicy.APPROVAL
    )
    JoinRequestFactory(group=hidden, persona__account=applicant)
    response = client_for(applicant).post("/groups/hidden/withdraw/")
    assert response.status_code == 302
    assert response["Location"] == "/groups/"
    assert client_for(applicant).get("/groups/hidden/").status_code == 404


@pytest.mark.parametrize("role", ["non_member", "member", "host", "staff"])
def test_only_the_applicant_can_withdraw_everyone_else_gets_404(approval_group, pending, role):
    accounts = {
        "non_member": AccountFactory(),
        "member": MembershipFactory(group=approval_group).persona.account,
        "host": MembershipFactory(group=approval_group, role=Membership.Role.HOST).persona.account,
        "staff": AccountFactory(is_staff=True),
    }
    response = client_for(accounts[role]).post("/groups/retaliation/withdraw/")
    assert response.status_code == 404
    pending.refresh_from_db()
    assert pending.status == JoinRequest.Status.PENDING


def test_anonymous_visitors_cannot_withdraw(pending):
    response = Client().post("/groups/retaliation/withdraw/")
    assert response.status_code == 404
    pending.refresh_from_db()
    assert pending.status == JoinRequest.Status.PENDING


def test_withdrawing_twice_gets_404_the_second_time(applicant, pending):
    client = client_for(applicant)
    assert client.post("/groups/retaliation/withdraw/").status_code == 302
    assert client.post("/groups/retaliation/withdraw/").status_code == 404


def test_withdraw_refuses_get(applicant, pending):
    response = client_for(applicant).get("/groups/retaliation/withdraw/")
    assert response.status_code == 405
    pending.refresh_from_db()
    assert pending.status == JoinRequest.Status.PENDING
