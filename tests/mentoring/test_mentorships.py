"""A mentorship's life: either side ends it with optional private feedback, the other never
learns who; blocking the other side ends it at once, silently, and for good."""

import dataclasses

import pytest
from django.core.exceptions import ValidationError

from community.errors import NotAllowed
from community.services.blocks import block_persona
from mentoring import selectors, services
from mentoring.models import Feedback, Mentorship, MentorshipRequest, Proposal
from tests.factories import AccountFactory, MembershipFactory
from tests.mentoring.conftest import chosen, make_mentor, make_request, offered, refreshed

pytestmark = pytest.mark.django_db


@pytest.fixture
def mentorship(areas, coordinator) -> Mentorship:
    mentor = make_mentor(coordinator, areas)
    request = make_request(areas)
    services.choose_proposal(account=request.mentee, proposal=offered(request)[0])
    return services.accept_proposal(account=mentor.account, proposal=chosen(request))


def mentee_of(mentorship):
    return mentorship.mentee.account


def mentor_of(mentorship):
    return mentorship.mentor.account


@pytest.mark.parametrize("side", ["mentor", "mentee"])
def test_either_side_ends_it_and_the_other_never_learns_who(mentorship, side):
    ender = mentor_of(mentorship) if side == "mentor" else mentee_of(mentorship)
    other_persona = mentorship.mentee if side == "mentor" else mentorship.mentor

    services.end_mentorship(account=ender, mentorship=mentorship, feedback="It helped a lot.")

    mentorship.refresh_from_db()
    assert mentorship.ended_at is not None
    assert mentorship.end_reason == Mentorship.EndReason.ENDED
    seen = selectors.mentorship_view(mentorship, other_persona)
    assert seen.ended
    assert "ended_by" not in {field.name for field in dataclasses.fields(seen)}
    [feedback] = Feedback.objects.all()
    assert (feedback.side, feedback.text) == (side, "It helped a lot.")
    [entry] = selectors.feedback_for_coordinators()
    assert entry.mentorship_public_id == mentorship.public_id
    assert entry.name in (mentorship.mentor.name, mentorship.mentee.name)


def test_ending_without_feedback_stores_none(mentorship):
    services.end_mentorship(account=mentee_of(mentorship), mentorship=mentorship)
    assert not Feedback.objects.exists()


def test_feedback_too_long_is_refused_and_the_mentorship_goes_on(mentorship, settings):
    settings.MENTOR_MAX_FEEDBACK_CHARS = 10
    with pytest.raises(ValidationError) as raised:
        services.end_mentorship(
            account=mentee_of(mentorship), mentorship=mentorship, feedback="x" * 11
        )
    assert "at most 10 characters" in raised.value.message_dict["feedback"][0]
    assert refreshed(mentorship).is_active


def test_only_the_two_may_end_it_and_only_once(mentorship):
    with pytest.raises(NotAllowed):
        services.end_mentorship(account=AccountFactory(), mentorship=mentorship)
    services.end_mentorship(account=mentor_of(mentorship), mentorship=mentorship)
    with pytest.raises(NotAllowed, match="already ended"):
        services.end_mentorship(account=mentee_of(mentorship), mentorship=mentorship)


def test_the_other_side_may_still_leave_feedback_after_it_ended(mentorship):
    services.end_mentorship(account=mentor_of(mentorship), mentorship=mentorship)
    services.leave_feedback(account=mentee_of(mentorship), mentorship=mentorship, text="Thanks.")
    assert Feedback.objects.get().side == Feedback.Side.MENTEE
    with pytest.raises(NotAllowed):
        services.leave_feedback(account=AccountFactory(), mentorship=mentorship, text="Hi")


def test_a_mentee_with_a_mentor_cannot_ask_for_another_until_it_ends(mentorship, areas):
    with pytest.raises(NotAllowed, match="have a mentor"):
        make_request(areas, account=mentee_of(mentorship))
    services.end_mentorship(account=mentee_of(mentorship), mentorship=mentorship)
    again = services.ask_again(account=mentee_of(mentorship), request=mentorship.request)
    assert again.state in MentorshipRequest.OPEN_STATES


def test_an_ended_mentorship_frees_the_mentors_place(areas, coordinator):
    mentor = make_mentor(coordinator, areas, capacity=1)
    request = make_request(areas)
    services.choose_proposal(account=request.mentee, proposal=offered(request)[0])
    mentorship = services.accept_proposal(account=mentor.account, proposal=chosen(request))
    assert offered(make_request(areas)) == []

    services.end_mentorship(account=mentor.account, mentorship=mentorship)

    assert len(offered(make_request(areas))) == 1


@pytest.mark.parametrize("blocker_side", ["mentor", "mentee"])
def test_blocking_the_other_side_ends_it_at_once_and_silently(
    mentorship, blocker_side, django_capture_on_commit_callbacks
):
    blocker = mentor_of(mentorship) if blocker_side == "mentor" else mentee_of(mentorship)
    blocked = mentorship.mentee if blocker_side == "mentor" else mentorship.mentor

    with django_capture_on_commit_callbacks(execute=True):
        block_persona(blocker=blocker, persona=blocked)

    mentorship.refresh_from_db()
    assert mentorship.end_reason == Mentorship.EndReason.BLOCKED
    view = selectors.mentorship_view(mentorship, blocked)
    assert view.ended
    assert "block" not in repr(view).lower()


def test_after_a_block_the_pair_is_never_matched_again(
    mentorship, areas, django_capture_on_commit_callbacks
):
    mentee, mentor = mentee_of(mentorship), mentor_of(mentorship)
    with django_capture_on_commit_callbacks(execute=True):
        block_persona(blocker=mentee, persona=mentorship.mentor)

    again = services.ask_again(account=mentee, request=mentorship.request)
    stranger = make_request(areas)

    assert all(proposal.mentor.account != mentor for proposal in offered(again))
    assert [proposal.mentor.account for proposal in offered(stranger)] == [mentor]


def test_a_block_made_in_a_group_does_not_end_the_mentorship(
    mentorship, django_capture_on_commit_callbacks
):
    # Ending it would tell the blocker that the mentor is the person they blocked there.
    membership = MembershipFactory(persona__account=mentee_of(mentorship))
    mentor_in_group = MembershipFactory(
        group=membership.group, persona__account=mentor_of(mentorship)
    ).persona

    with django_capture_on_commit_callbacks(execute=True):
        block_persona(blocker=mentee_of(mentorship), persona=mentor_in_group)

    assert refreshed(mentorship).is_active


def test_blocking_a_proposed_mentor_from_the_proposal_closes_it(
    areas, coordinator, django_capture_on_commit_callbacks
):
    first = make_mentor(coordinator, areas, time_zone="Europe/Paris")
    make_mentor(coordinator, areas, time_zone="Asia/Tokyo")
    request = make_request(areas)
    top, other = offered(request)
    assert top.mentor == first

    with django_capture_on_commit_callbacks(execute=True):
        block_persona(blocker=request.mentee, persona=first.persona)

    assert refreshed(top).state == Proposal.State.EXPIRED
    assert offered(request) == [other]


def test_a_failure_after_a_block_is_logged_and_the_block_stands(
    mentorship, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    def broken(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(services, "end_mentorships_after_blocks", broken)

    with django_capture_on_commit_callbacks(execute=True):
        block = block_persona(blocker=mentee_of(mentorship), persona=mentorship.mentor)

    assert block.pk is not None
    assert "could not be ended after a block" in caplog.text
