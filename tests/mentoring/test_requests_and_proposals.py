"""A mentee's request through its proposals: proposed at once, chosen, accepted or declined,
expired after MENTOR_RESPONSE_DAYS, each decline or time-out moving on silently."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from community.errors import NotAllowed, RateLimited
from community.models import Notification, Persona
from mentoring import selectors, services, spaces
from mentoring.models import Mentorship, MentorshipRequest, Proposal
from mentoring.notification_kinds import MENTOR_ASKED
from tests.factories import AccountFactory, MembershipFactory
from tests.mentoring.conftest import (
    age_chosen,
    chosen,
    make_mentor,
    make_request,
    offered,
    refreshed,
)

pytestmark = pytest.mark.django_db
State = MentorshipRequest.State


@pytest.fixture
def mentors(areas, coordinator):
    return [make_mentor(coordinator, areas) for _ in range(4)]


def test_a_request_gets_up_to_three_proposals_at_once(areas, mentors):
    request = make_request(areas)

    proposals = offered(request)
    assert refreshed(request).state == State.PROPOSED
    assert [proposal.rank for proposal in proposals] == [1, 2, 3]
    assert len({proposal.mentor_id for proposal in proposals}) == 3
    assert selectors.mentee_status(request) == "choose"


def test_the_number_of_proposals_is_a_setting(areas, mentors, settings):
    settings.MENTOR_PROPOSALS = 2
    assert len(offered(make_request(areas))) == 2


def test_a_request_no_mentor_fits_waits(areas, mentors):
    request = make_request(areas, languages=["ja"])
    assert refreshed(request).state == State.WAITING
    assert offered(request) == []
    assert selectors.mentee_status(request) == "still looking"
    assert [waiting.public_id for waiting in selectors.waiting_requests()] == [request.public_id]


def test_one_open_request_at_a_time(areas, mentors):
    request = make_request(areas)
    with pytest.raises(NotAllowed, match="already asked"):
        make_request(areas, account=request.mentee)


def test_requests_are_rate_limited_per_account(areas, settings):
    settings.MENTOR_REQUEST_RATE = "2/d"
    account = AccountFactory()
    for _ in range(2):
        request = make_request(areas, account=account)
        services.withdraw_request(account=account, request=request)
    with pytest.raises(RateLimited):
        make_request(areas, account=account)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"languages": []}, "languages"),
        ({"time_zone": "Nowhere/Else"}, "time_zone"),
        ({"hopes": "x" * 2001}, "hopes"),
    ],
)
def test_bad_request_input_is_refused_and_nothing_is_stored(areas, changes, field):
    account = AccountFactory()
    fields = {"focus_areas": areas, "languages": ["en"], "time_zone": "", "hopes": "Hi"}
    with pytest.raises(ValidationError) as raised:
        services.request_mentor(account=account, **{**fields, **changes})
    assert field in raised.value.message_dict
    assert not MentorshipRequest.objects.filter(mentee=account).exists()


def test_a_request_may_name_no_focus_area_and_no_time_zone(areas, mentors):
    request = services.request_mentor(account=AccountFactory(), focus_areas=[], languages=["en"])
    assert len(offered(request)) == 3


def test_the_mentee_chooses_and_the_mentor_sees_what_they_asked_for(areas, mentors):
    request = make_request(areas, hopes="I want to talk about going back to work.")
    top = offered(request)[0]

    services.choose_proposal(account=request.mentee, proposal=top, name="Rising Fern")

    assert refreshed(top).state == Proposal.State.CHOSEN and top.chosen_at is not None
    assert refreshed(request).state == State.CHOSEN
    assert request.mentee_name == "Rising Fern"
    assert selectors.mentee_status(request) == "still looking"
    assert selectors.proposals_for(request) == []
    [card] = selectors.requests_waiting_for(top.mentor)
    assert card.proposal_public_id == top.public_id
    assert card.hopes == "I want to talk about going back to work."
    assert card.answer_by == (top.chosen_at + timedelta(days=7)).date()


def test_mentors_see_nothing_of_a_request_before_the_mentee_chooses_them(areas, mentors):
    request = make_request(areas)
    for proposal in offered(request):
        assert selectors.requests_waiting_for(proposal.mentor) == []


def test_only_the_mentee_may_choose_and_only_an_offered_proposal(areas, mentors):
    request = make_request(areas)
    first, second = offered(request)[:2]
    with pytest.raises(NotAllowed):
        services.choose_proposal(account=AccountFactory(), proposal=first)
    services.choose_proposal(account=request.mentee, proposal=first)
    with pytest.raises(NotAllowed):
        services.choose_proposal(account=request.mentee, proposal=second)


def test_a_chosen_name_breaking_a_rule_is_refused_and_nothing_changes(areas, mentors):
    request = make_request(areas)
    top = offered(request)[0]
    with pytest.raises(ValidationError) as raised:
        services.choose_proposal(account=request.mentee, proposal=top, name="Moderator")
    assert "name" in raised.value.message_dict
    assert refreshed(top).state == Proposal.State.OFFERED
    assert refreshed(request).state == State.PROPOSED


def test_accepting_opens_a_mentorship_with_two_fresh_personas(areas, mentors):
    mentee = AccountFactory()
    group = MembershipFactory(persona__account=mentee, persona__name="Steady Otter").group
    request = make_request(areas[:2], account=mentee)
    top = offered(request)[0]
    MembershipFactory(group=group, persona__account=top.mentor.account, persona__name="Tall Pine")
    services.choose_proposal(account=mentee, proposal=top, name="Rising Fern")

    mentorship = services.accept_proposal(
        account=top.mentor.account, proposal=top, name="Open Meadow"
    )

    assert mentorship.space.kind == spaces.MENTORSHIP
    assert (mentorship.mentee.name, mentorship.mentee.account) == ("Rising Fern", mentee)
    assert (mentorship.mentor.name, mentorship.mentor.account) == (
        "Open Meadow",
        top.mentor.account,
    )
    assert Persona.objects.filter(space=mentorship.space).count() == 2
    # Fresh: none of either account's other personas, nor the profile's.
    for persona in (mentorship.mentor, mentorship.mentee):
        others = Persona.objects.filter(account=persona.account).exclude(pk=persona.pk)
        assert persona.space_id not in {other.space_id for other in others}
        assert persona.name not in {other.name for other in others}
    assert set(mentorship.focus_areas.all()) == set(areas[:2])
    assert refreshed(top).state == Proposal.State.ACCEPTED
    assert refreshed(request).state == State.MATCHED
    assert request.proposals.filter(state=Proposal.State.OFFERED).count() == 0
    assert selectors.mentee_status(request) == ""


def test_without_chosen_names_both_sides_get_suggested_ones(areas, mentors):
    request = make_request(areas)
    top = offered(request)[0]
    services.choose_proposal(account=request.mentee, proposal=top)
    mentorship = services.accept_proposal(account=top.mentor.account, proposal=top)
    assert mentorship.mentee.name and mentorship.mentor.name
    assert mentorship.mentor.name != top.mentor.persona.name


def test_the_mentor_cannot_take_the_name_the_mentee_took(areas, mentors):
    request = make_request(areas)
    top = offered(request)[0]
    services.choose_proposal(account=request.mentee, proposal=top, name="Rising Fern")
    with pytest.raises(ValidationError) as raised:
        services.accept_proposal(account=top.mentor.account, proposal=top, name="rising-fern")
    assert "taken" in raised.value.message_dict["name"][0]
    assert not Mentorship.objects.exists()
    assert refreshed(top).state == Proposal.State.CHOSEN


def test_only_the_chosen_mentor_answers(areas, mentors):
    request = make_request(areas)
    top, other = offered(request)[:2]
    with pytest.raises(NotAllowed):
        services.accept_proposal(account=top.mentor.account, proposal=top)  # not chosen yet
    services.choose_proposal(account=request.mentee, proposal=top)
    for account in (other.mentor.account, request.mentee, AccountFactory()):
        with pytest.raises(NotAllowed):
            services.accept_proposal(account=account, proposal=top)
        with pytest.raises(NotAllowed):
            services.decline_proposal(account=account, proposal=top)


def test_a_decline_moves_on_to_the_next_proposal_silently(areas, mentors):
    request = make_request(areas)
    first, second, third = offered(request)
    services.choose_proposal(account=request.mentee, proposal=first)

    services.decline_proposal(account=first.mentor.account, proposal=first)

    assert refreshed(first).state == Proposal.State.DECLINED
    assert chosen(request) == second
    assert refreshed(request).state == State.CHOSEN
    assert selectors.mentee_status(request) == "still looking"
    assert selectors.requests_waiting_for(first.mentor) == []
    assert len(selectors.requests_waiting_for(second.mentor)) == 1


def test_when_every_proposal_is_declined_new_ones_are_made(areas, mentors):
    request = make_request(areas)
    first_round = offered(request)
    services.choose_proposal(account=request.mentee, proposal=first_round[0])
    for proposal in first_round:
        services.decline_proposal(account=proposal.mentor.account, proposal=refreshed(proposal))

    [fresh] = offered(request)
    assert refreshed(request).state == State.PROPOSED
    assert fresh.mentor_id not in {proposal.mentor_id for proposal in first_round}


def test_a_mentor_who_declined_is_never_proposed_for_that_request_again(areas, coordinator):
    only = make_mentor(coordinator, areas)
    request = make_request(areas)
    [proposal] = offered(request)
    services.choose_proposal(account=request.mentee, proposal=proposal)
    services.decline_proposal(account=only.account, proposal=proposal)

    assert refreshed(request).state == State.WAITING
    assert services.make_proposals(request) == []
    assert services.run_batch_assignment(coordinator=coordinator) == []


def test_an_unanswered_proposal_expires_after_the_response_days(areas, mentors):
    request = make_request(areas)
    first, second = offered(request)[:2]
    services.choose_proposal(account=request.mentee, proposal=first)
    age_chosen(first, days=6.9)
    assert services.expire_proposals() == 0

    age_chosen(first, days=7)
    assert services.expire_proposals() == 1

    assert refreshed(first).state == Proposal.State.EXPIRED
    assert chosen(request) == second
    assert services.expire_proposals() == 0  # safe to run again


def test_the_response_days_are_a_setting(areas, mentors, settings):
    settings.MENTOR_RESPONSE_DAYS = 2
    request = make_request(areas)
    first = offered(request)[0]
    services.choose_proposal(account=request.mentee, proposal=first)
    age_chosen(first, days=2)
    assert services.expire_proposals() == 1


def test_expire_proposals_runs_from_the_command_line(areas, mentors):
    request = make_request(areas)
    first = offered(request)[0]
    services.choose_proposal(account=request.mentee, proposal=first)
    age_chosen(first, days=8)
    output = StringIO()

    call_command("expire_proposals", stdout=output)

    assert output.getvalue().strip() == "Expired 1 proposals unanswered for 7 days."
    assert refreshed(first).state == Proposal.State.EXPIRED


def test_the_mentor_asked_after_the_cron_expiry_is_notified(areas, mentors):
    request = make_request(areas)
    first, second = offered(request)[:2]
    services.choose_proposal(account=request.mentee, proposal=first)
    age_chosen(first, days=8)

    call_command("expire_proposals", stdout=StringIO())

    assert chosen(request) == second
    asked = Notification.objects.filter(account=second.mentor.account, kind=MENTOR_ASKED)
    assert asked.count() == 1
    assert not Notification.objects.filter(account=request.mentee).exists()  # silently
    call_command("expire_proposals", stdout=StringIO())
    assert asked.count() == 1


def test_the_mentees_page_expires_an_overdue_proposal_on_the_way(areas, mentors):
    request = make_request(areas)
    first, second = offered(request)[:2]
    services.choose_proposal(account=request.mentee, proposal=first)
    age_chosen(first, days=8)

    assert selectors.open_request_of(request.mentee) == request

    assert refreshed(first).state == Proposal.State.EXPIRED
    assert chosen(request) == second


def test_an_overdue_proposal_cannot_be_accepted(areas, mentors):
    request = make_request(areas)
    first = offered(request)[0]
    services.choose_proposal(account=request.mentee, proposal=first)
    age_chosen(first, days=8)
    with pytest.raises(NotAllowed, match="no longer waiting"):
        services.accept_proposal(account=first.mentor.account, proposal=first)
    assert refreshed(first).state == Proposal.State.EXPIRED
    assert not Mentorship.objects.exists()


def test_a_full_mentor_is_passed_over_when_chosen(areas, coordinator):
    busy = make_mentor(coordinator, areas, capacity=1, time_zone="Europe/Paris")
    make_mentor(coordinator, areas, capacity=1, time_zone="Asia/Tokyo")
    first_request, second_request = make_request(areas), make_request(areas)
    assert offered(first_request)[0].mentor == offered(second_request)[0].mentor == busy
    services.choose_proposal(account=first_request.mentee, proposal=offered(first_request)[0])

    services.choose_proposal(account=second_request.mentee, proposal=offered(second_request)[0])

    assert chosen(second_request).mentor != busy
    assert chosen(first_request).mentor == busy


def test_a_mentor_at_capacity_cannot_accept(areas, coordinator):
    mentor = make_mentor(coordinator, areas, capacity=1)
    first = make_request(areas)
    services.choose_proposal(account=first.mentee, proposal=offered(first)[0])
    services.accept_proposal(account=mentor.account, proposal=chosen(first))

    second = make_request(areas)
    assert offered(second) == []  # full: not proposed


def test_withdrawing_closes_the_proposals(areas, mentors):
    request = make_request(areas)
    first = offered(request)[0]
    services.choose_proposal(account=request.mentee, proposal=first)

    services.withdraw_request(account=request.mentee, request=request)

    assert refreshed(request).state == State.WITHDRAWN
    assert set(request.proposals.values_list("state", flat=True)) == {Proposal.State.EXPIRED}
    assert selectors.requests_waiting_for(first.mentor) == []
    with pytest.raises(NotAllowed):
        services.accept_proposal(account=first.mentor.account, proposal=first)


def test_the_batch_assignment_proposes_the_solvers_matches(areas, coordinator):
    requests = [make_request(areas, languages=["es"]) for _ in range(3)]
    assert all(refreshed(request).state == State.WAITING for request in requests)
    first = make_mentor(coordinator, areas, languages=["es"], capacity=2)
    second = make_mentor(coordinator, areas, languages=["es", "en"], capacity=1)

    proposals = services.run_batch_assignment(coordinator=coordinator)

    assert len(proposals) == 3
    assert sorted(proposal.mentor_id for proposal in proposals) == sorted(
        [first.pk, first.pk, second.pk]
    )
    assert all(refreshed(request).state == State.PROPOSED for request in requests)
    assert selectors.waiting_requests() == []


def test_only_coordinators_run_the_batch(areas, mentors):
    with pytest.raises(NotAllowed):
        services.run_batch_assignment(coordinator=AccountFactory())


def test_a_request_matched_by_the_batch_goes_through_like_any_other(areas, coordinator):
    request = make_request(areas)
    mentor = make_mentor(coordinator, areas)
    [proposal] = services.run_batch_assignment(coordinator=coordinator)
    services.choose_proposal(account=request.mentee, proposal=proposal)
    mentorship = services.accept_proposal(account=mentor.account, proposal=proposal)
    assert mentorship.request == request


def test_chosen_proposals_hold_a_place_so_the_batch_never_overfills(areas, coordinator):
    mentor = make_mentor(coordinator, areas, capacity=1)
    first = make_request(areas)
    services.choose_proposal(account=first.mentee, proposal=offered(first)[0])
    make_request(areas)
    assert services.run_batch_assignment(coordinator=coordinator) == []
    assert mentor.proposals.count() == 1


def test_an_old_request_waits_since_its_last_change(areas):
    request = make_request(areas, languages=["ja"])
    MentorshipRequest.objects.filter(pk=request.pk).update(
        state_changed=timezone.now() - timedelta(days=3)
    )
    [waiting] = selectors.waiting_requests()
    assert waiting.waiting_since == (timezone.now() - timedelta(days=3)).date()
