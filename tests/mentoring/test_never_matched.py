"""Pairs never matched, through the services and the real database: blocks made anywhere, the
retaliation guard (moderation, through community.pairs), a shared employer, the same account,
a mentor who mentored this mentee before, mentors paused, hidden or switched off. And what
happens, silently, when such a pair appears after a proposal was made."""

import pytest

from community import pairs
from community.models import Block
from community.selectors import blocked_pairs_among
from community.services.blocks import block_persona
from mentoring import matching, pools, selectors, services
from mentoring.models import Mentorship, MentorshipRequest, Proposal
from moderation import guard
from moderation.models import RetaliationGuard
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
def mentor(areas, coordinator):
    return make_mentor(coordinator, areas)


def in_one_group(first, second):
    """A group persona for each account, in one group: where a block is usually made."""
    membership = MembershipFactory(persona__account=first)
    other = MembershipFactory(group=membership.group, persona__account=second)
    return membership.persona, other.persona


def test_a_block_made_in_a_group_keeps_the_two_from_being_matched(areas, mentor):
    mentee = AccountFactory()
    _, mentor_in_group = in_one_group(mentee, mentor.account)
    block_persona(blocker=mentee, persona=mentor_in_group)

    request = make_request(areas, account=mentee)

    assert offered(request) == []
    assert refreshed(request).state == State.WAITING


def test_a_block_either_way_round_counts(areas, mentor):
    mentee = AccountFactory()
    mentee_in_group, _ = in_one_group(mentee, mentor.account)
    block_persona(blocker=mentor.account, persona=mentee_in_group)
    assert offered(make_request(areas, account=mentee)) == []


def test_the_retaliation_guard_keeps_the_two_from_being_matched_either_way(areas, mentor):
    flagger, sanctioned = AccountFactory(), AccountFactory()
    RetaliationGuard.objects.create(flagger=flagger, sanctioned=mentor.account)
    RetaliationGuard.objects.create(flagger=mentor.account, sanctioned=sanctioned)

    assert offered(make_request(areas, account=flagger)) == []
    assert offered(make_request(areas, account=sanctioned)) == []
    assert len(offered(make_request(areas))) == 1


def test_moderation_fills_the_never_pair_registry_with_the_guard():
    assert guard.forbidden_pairs in pairs.registered_providers()


def test_the_guard_and_block_queries_answer_pairs_among_the_accounts_given(db):
    first, second, third = AccountFactory(), AccountFactory(), AccountFactory()
    RetaliationGuard.objects.create(flagger=first, sanctioned=second)
    RetaliationGuard.objects.create(flagger=third, sanctioned=first)
    persona = MembershipFactory(persona__account=third).persona
    Block.objects.create(blocker=second, persona=persona, blocked_account=third)

    assert pairs.forbidden_pairs([first.pk, second.pk]) == {frozenset({first.pk, second.pk})}
    assert pairs.is_forbidden(second.pk, first.pk)
    assert not pairs.is_forbidden(second.pk, third.pk)
    assert blocked_pairs_among([second.pk, third.pk]) == {frozenset({second.pk, third.pk})}
    assert blocked_pairs_among([first.pk, third.pk]) == set()


def test_the_loader_asks_one_query_per_pair_source_whatever_the_pool(
    areas, coordinator, django_assert_num_queries
):
    mentors = [make_mentor(coordinator, areas) for _ in range(3)]
    with django_assert_num_queries(2):
        pools.load_pairs({mentor.account_id for mentor in mentors} | {1, 2, 3})


def test_two_people_who_named_the_same_employer_are_never_matched(areas, mentor):
    mentee = AccountFactory()
    services.add_employer(account=mentee, name="ACME Inc.")
    services.add_employer(account=mentor.account, name="acme")
    assert offered(make_request(areas, account=mentee)) == []

    services.remove_employer(account=mentor.account, name="Acme, Inc")
    assert len(offered(make_request(areas))) == 1


def test_a_mentor_is_never_proposed_to_themselves(areas, mentor):
    request = make_request(areas, account=mentor.account)
    assert offered(request) == []


def test_hidden_paused_and_switched_off_mentors_are_never_proposed(areas, coordinator):
    hidden, paused, inactive = (make_mentor(coordinator, areas) for _ in range(3))
    from mentoring.flagging import hide_profile

    hide_profile(hidden)
    services.pause_self(account=paused.account)
    inactive.account.is_active = False
    inactive.account.save()

    assert offered(make_request(areas)) == []


def test_asking_again_never_proposes_a_former_mentor(areas, coordinator):
    first = make_mentor(coordinator, areas)
    request = make_request(areas)
    services.choose_proposal(account=request.mentee, proposal=offered(request)[0])
    mentorship = services.accept_proposal(account=first.account, proposal=chosen(request))
    services.end_mentorship(account=request.mentee, mentorship=mentorship)
    second = make_mentor(coordinator, areas)

    again = services.ask_again(account=request.mentee, request=request)

    assert [proposal.mentor for proposal in offered(again)] == [second]
    assert again.hopes == request.hopes and set(again.focus_areas.all()) == set(areas)


def test_a_block_after_the_proposals_withholds_the_choice_without_a_sign(areas, coordinator):
    # The mentee blocks, in a group, the very person behind a proposal, then picks it.
    # Refusing at once would tell them who that mentor is: the choice is withheld instead.
    mentor = make_mentor(coordinator, areas, time_zone="Europe/Paris")
    make_mentor(coordinator, areas, time_zone="Asia/Tokyo")
    mentee = AccountFactory()
    request = make_request(areas, account=mentee)
    top, backup = offered(request)
    assert top.mentor == mentor
    _, mentor_in_group = in_one_group(mentee, mentor.account)
    block_persona(blocker=mentee, persona=mentor_in_group)

    services.choose_proposal(account=mentee, proposal=top)

    top.refresh_from_db()
    assert (top.state, top.withheld) == (Proposal.State.CHOSEN, True)
    assert selectors.mentee_status(refreshed(request)) == "still looking"
    assert selectors.requests_waiting_for(mentor) == []
    assert refreshed(backup).state == Proposal.State.OFFERED

    # It ends as an unanswered proposal ends, and the mentee moves on.
    age_chosen(top, days=7)
    assert services.expire_proposals() == 1
    assert chosen(request) == backup


def test_a_withheld_proposal_holds_no_place_and_cannot_be_accepted(areas, coordinator):
    mentor = make_mentor(coordinator, areas, capacity=1)
    mentee = AccountFactory()
    request = make_request(areas, account=mentee)
    RetaliationGuard.objects.create(flagger=mentee, sanctioned=mentor.account)
    services.choose_proposal(account=mentee, proposal=offered(request)[0])
    withheld = chosen(request)
    assert withheld.withheld

    with pytest.raises(Exception, match="no longer waiting"):
        services.accept_proposal(account=mentor.account, proposal=withheld)
    assert len(offered(make_request(areas))) == 1  # its place is free for others


def test_a_block_after_the_choice_withholds_the_acceptance(areas, coordinator):
    mentor = make_mentor(coordinator, areas)
    mentee = AccountFactory()
    request = make_request(areas, account=mentee)
    services.choose_proposal(account=mentee, proposal=offered(request)[0])
    mentee_in_group, _ = in_one_group(mentee, mentor.account)
    block_persona(blocker=mentor.account, persona=mentee_in_group)

    with pytest.raises(Exception, match="no longer waiting"):
        services.accept_proposal(account=mentor.account, proposal=chosen(request))

    assert chosen(request).withheld
    assert not Mentorship.objects.exists()
    assert selectors.requests_waiting_for(mentor) == []
    assert selectors.mentee_status(refreshed(request)) == "still looking"


def test_the_loader_reads_what_the_database_holds(areas, coordinator):
    mentor = make_mentor(coordinator, areas, capacity=3, time_zone="Asia/Kolkata")
    services.add_employer(account=mentor.account, name="Initech LLC")
    request = make_request(areas[:1], time_zone="")

    [loaded] = pools.load_mentors()
    [asked] = pools.load_requests(MentorshipRequest.objects.filter(pk=request.pk))

    assert (loaded.id, loaded.account, loaded.capacity, loaded.load) == (
        mentor.pk,
        mentor.account_id,
        3,
        0,
    )
    assert loaded.utc_offset == 330
    assert loaded.focus_areas == frozenset(area.pk for area in areas)
    assert loaded.employers == {services.employer_digest("initech")}
    assert (asked.account, asked.utc_offset, asked.languages) == (
        request.mentee_id,
        None,
        frozenset({"en"}),
    )
    assert asked.excluded_mentors == {mentor.pk}  # already proposed for it
    assert matching.refusal(asked, loaded) == matching.EXCLUDED
