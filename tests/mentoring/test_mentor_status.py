"""Approving, pausing and retiring mentors: coordinators (a host of any group, or staff) do it,
never on their own profile; a mentor pauses and resumes themselves."""

import pytest

from community.errors import NotAllowed
from groups.models import Membership
from mentoring import policies, services
from mentoring.models import MentorProfile, MentorshipRequest, Proposal
from tests.factories import AccountFactory, MembershipFactory
from tests.mentoring.conftest import chosen, make_mentor, make_request, offered, refreshed

pytestmark = pytest.mark.django_db
Status = MentorProfile.Status


def test_staff_and_group_hosts_are_coordinators_and_members_are_not():
    host = MembershipFactory(role=Membership.Role.HOST).persona.account
    former_host = MembershipFactory(
        role=Membership.Role.HOST, status=Membership.Status.REMOVED
    ).persona.account
    member = MembershipFactory().persona.account

    assert policies.is_coordinator(AccountFactory(is_staff=True))
    assert policies.is_coordinator(host)
    assert not policies.is_coordinator(former_host)
    assert not policies.is_coordinator(member)
    assert not policies.is_coordinator(AccountFactory(is_staff=True, is_active=False))


def test_a_group_host_approves_a_pending_mentor(areas, coordinator):
    host = MembershipFactory(role=Membership.Role.HOST).persona.account
    profile = make_mentor(coordinator, areas, approve=False)

    services.approve_mentor(coordinator=host, profile=profile)

    profile.refresh_from_db()
    assert profile.status == Status.APPROVED
    assert profile.approved_by == host and profile.approved_at is not None


def test_a_member_cannot_approve_and_nobody_approves_themselves(areas, coordinator):
    profile = make_mentor(coordinator, areas, approve=False)
    with pytest.raises(NotAllowed):
        services.approve_mentor(coordinator=AccountFactory(), profile=profile)
    own = make_mentor(coordinator, areas, account=AccountFactory(is_staff=True), approve=False)
    with pytest.raises(NotAllowed):
        services.approve_mentor(coordinator=own.account, profile=own)
    assert refreshed(profile).status == refreshed(own).status == Status.PENDING


def test_a_pending_mentor_is_never_proposed(areas, coordinator):
    make_mentor(coordinator, areas, approve=False)
    request = make_request(areas)
    assert offered(request) == []
    assert request.state == MentorshipRequest.State.WAITING


def test_pausing_a_mentor_stops_proposals_and_moves_waiting_mentees_on(areas, coordinator):
    first = make_mentor(coordinator, areas, capacity=1)
    second = make_mentor(coordinator, areas, capacity=1)
    request = make_request(areas)
    [top, backup] = offered(request)
    services.choose_proposal(account=request.mentee, proposal=top)

    paused = top.mentor
    services.pause_mentor(coordinator=coordinator, profile=paused)

    assert refreshed(paused).status == Status.PAUSED and not paused.self_paused
    assert refreshed(top).state == Proposal.State.EXPIRED
    assert chosen(request) == backup
    assert refreshed(request).state == MentorshipRequest.State.CHOSEN
    assert {first.pk, second.pk} == {top.mentor_id, backup.mentor_id}
    # The paused mentor is never proposed; the other's one place waits for their answer.
    assert offered(make_request(areas)) == []


def test_a_paused_mentor_is_approved_again_by_a_coordinator(areas, coordinator):
    profile = make_mentor(coordinator, areas)
    services.pause_mentor(coordinator=coordinator, profile=profile)
    with pytest.raises(NotAllowed):
        services.resume_self(account=profile.account)
    services.approve_mentor(coordinator=coordinator, profile=profile)
    assert refreshed(profile).status == Status.APPROVED


def test_retiring_a_mentor_is_final_for_proposals(areas, coordinator):
    profile = make_mentor(coordinator, areas)
    services.retire_mentor(coordinator=coordinator, profile=profile)
    assert refreshed(profile).status == Status.RETIRED
    with pytest.raises(NotAllowed):
        services.retire_mentor(coordinator=coordinator, profile=profile)
    assert offered(make_request(areas)) == []


def test_a_mentor_pauses_and_resumes_themselves(areas, coordinator):
    profile = make_mentor(coordinator, areas)

    services.pause_self(account=profile.account)
    assert refreshed(profile).status == Status.PAUSED and profile.self_paused
    assert offered(make_request(areas)) == []

    services.resume_self(account=profile.account)
    assert refreshed(profile).status == Status.APPROVED
    assert len(offered(make_request(areas))) == 1


def test_only_an_approved_mentor_can_pause(areas, coordinator):
    profile = make_mentor(coordinator, areas, approve=False)
    with pytest.raises(NotAllowed):
        services.pause_self(account=profile.account)
    with pytest.raises(NotAllowed):
        services.pause_self(account=AccountFactory())
    with pytest.raises(NotAllowed):
        services.pause_mentor(coordinator=coordinator, profile=profile)
