"""Mentoring's notifications: who hears of what, by whichever path it happened, in words
that name nobody; and nobody hears of a match a block quietly stopped."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from community.models import Notification
from community.services.blocks import block_persona
from mentoring import flows
from mentoring import notification_kinds as kinds
from mentoring.app_settings import app_settings
from mentoring.models import MentorshipRequest, Proposal
from tests.mentoring.pages.world import (
    MENTEE_MENTORSHIP_NAME,
    MENTOR_MENTORSHIP_NAME,
    MENTOR_PROFILE_NAME,
    mentorship_between,
    proposal_of,
    request_for,
)
from tests.pages import page_text

pytestmark = pytest.mark.django_db

NAMES = [MENTOR_PROFILE_NAME, MENTEE_MENTORSHIP_NAME, MENTOR_MENTORSHIP_NAME, "Patient Cedar"]


def notices(account, kind=None):
    found = Notification.objects.filter(account=account)
    return found.filter(kind=kind) if kind else found


def assert_names_nobody(account):
    for notification in notices(account):
        for name in NAMES:
            assert name not in notification.text


def test_a_decline_asks_the_next_mentor_who_alone_is_told(mworld, client_of):
    request = request_for(mworld)
    first = proposal_of(request, mworld.profile)
    flows.choose_proposal(account=mworld.mentee, proposal=first, name="Brave Sparrow")
    assert notices(mworld.mentor, kinds.MENTOR_ASKED).count() == 1
    assert not notices(mworld.other_mentor).exists()
    assert not notices(mworld.mentee).exists()  # their own step

    client_of(mworld.mentor).post(reverse("mentoring:decline", args=[first.public_id]))
    second = proposal_of(request, mworld.other_profile)
    second.refresh_from_db()
    assert second.state == Proposal.State.CHOSEN
    assert notices(mworld.other_mentor, kinds.MENTOR_ASKED).count() == 1
    assert not notices(mworld.mentee).exists()  # silently: "still looking"
    assert notices(mworld.mentor).count() == 1
    assert_names_nobody(mworld.mentor)
    assert_names_nobody(mworld.other_mentor)


def test_a_batch_assignment_tells_each_matched_mentee(mworld, client_of):
    # No mentor speaks Portuguese yet: the request waits.
    request = request_for(mworld, languages=["pt"])
    assert request.state == MentorshipRequest.State.WAITING
    profile = mworld.profile
    profile.languages = ["en", "pt"]
    profile.save()
    coordinator = client_of(mworld.coordinator)
    assert (
        "1 request is waiting"
        in coordinator.get(reverse("mentoring:coordinate_batch")).content.decode()
    )
    request.refresh_from_db()
    assert request.state == MentorshipRequest.State.WAITING  # asking first changed nothing
    response = coordinator.post(reverse("mentoring:coordinate_batch"), follow=True)
    assert "1 proposal was made" in response.content.decode()
    request.refresh_from_db()
    assert request.state == MentorshipRequest.State.PROPOSED
    told = notices(mworld.mentee, kinds.MENTORS_PROPOSED).get()
    assert told.url == reverse("mentoring:home")
    assert not notices(mworld.coordinator).exists()


def test_an_overdue_choice_moves_on_when_the_mentee_looks(mworld, client_of):
    request = request_for(mworld)
    first = proposal_of(request, mworld.profile)
    flows.choose_proposal(account=mworld.mentee, proposal=first, name="")
    overdue = timezone.now() - timedelta(days=app_settings.RESPONSE_DAYS, minutes=1)
    Proposal.objects.filter(pk=first.pk).update(chosen_at=overdue)
    # The mentor's list no longer offers it.
    asked = page_text(client_of(mworld.mentor).get(reverse("mentoring:asked")))
    assert first.public_id not in asked
    page = page_text(client_of(mworld.mentee).get(reverse("mentoring:home")))
    assert "Still looking" in page
    first.refresh_from_db()
    assert first.state == Proposal.State.EXPIRED
    assert notices(mworld.other_mentor, kinds.MENTOR_ASKED).count() == 1


def test_acceptance_and_an_end_tell_the_other_side_only(mworld, client_of):
    mentorship = mentorship_between(mworld)
    accepted = notices(mworld.mentee, kinds.MENTOR_ACCEPTED).get()
    assert accepted.url == reverse("mentoring:mentorship", args=[mentorship.public_id])
    client_of(mworld.mentee).post(reverse("mentoring:end", args=[mentorship.public_id]), {})
    assert notices(mworld.mentor, kinds.MENTORSHIP_ENDED).count() == 1
    assert not notices(mworld.mentee, kinds.MENTORSHIP_ENDED).exists()
    assert_names_nobody(mworld.mentee)
    assert_names_nobody(mworld.mentor)


def test_a_block_ends_the_mentorship_with_the_same_notice_as_a_click(
    mworld, client_of, django_capture_on_commit_callbacks
):
    clicked = mentorship_between(mworld)
    client_of(mworld.mentee).post(reverse("mentoring:end", args=[clicked.public_id]), {})
    by_click = notices(mworld.mentor, kinds.MENTORSHIP_ENDED).get()

    # A second mentorship between the same two, ended by the mentee's block this time.
    client_of(mworld.mentee).post(reverse("mentoring:ask_again", args=[clicked.public_id]))
    request = MentorshipRequest.objects.get(mentee=mworld.mentee, state="proposed")
    # The mentor of the ended mentorship is never proposed again: the other mentor this time.
    third = mworld.other_mentor
    proposal = proposal_of(request, mworld.other_profile)
    flows.choose_proposal(account=mworld.mentee, proposal=proposal, name="Brave Sparrow")
    proposal.refresh_from_db()
    blocked = flows.accept_proposal(account=third, proposal=proposal)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_of(mworld.mentee).post(
            reverse("mentoring:block", args=[blocked.public_id])
        )
    assert response.status_code == 302
    blocked.refresh_from_db()
    assert not blocked.is_active
    by_block = notices(third, kinds.MENTORSHIP_ENDED).get()
    assert by_block.text == by_click.text
    assert by_block.url == reverse("mentoring:mentorship", args=[blocked.public_id])
    # And the blocked side's page says only that it ended.
    page = page_text(client_of(third).get(by_block.url))
    assert "has ended" in page
    assert "block" not in page.lower().replace("block-link", "")


def test_a_choice_withheld_after_a_block_tells_the_mentor_nothing(
    mworld, django_capture_on_commit_callbacks
):
    request = request_for(mworld)
    proposal = proposal_of(request, mworld.profile)
    # The mentee blocks the mentor's group persona in the group, knowing nothing of the link.
    with django_capture_on_commit_callbacks(execute=True):
        block_persona(blocker=mworld.mentee, persona=mworld.mentor_membership.persona)
    flows.choose_proposal(account=mworld.mentee, proposal=proposal, name="")
    proposal.refresh_from_db()
    assert proposal.withheld
    assert not notices(mworld.mentor).exists()
