"""Mentoring's part of *Export my data* and of deleting an account."""

import json

import pytest
from django.urls import reverse

from community.models import Notification
from community.services.accounts import delete_account, export_account_data
from mentoring import selectors, services
from mentoring.flows import ENDED_TEXT
from mentoring.models import (
    EmployerEntry,
    Feedback,
    MentorProfile,
    Mentorship,
    MentorshipRequest,
    Proposal,
)
from mentoring.notification_kinds import MENTORSHIP_ENDED
from tests.mentoring.conftest import chosen, make_mentor, make_request, offered, refreshed

pytestmark = pytest.mark.django_db


@pytest.fixture
def mentorship(areas, coordinator):
    mentor = make_mentor(coordinator, areas, name="Gentle Harbor", bio="My story.")
    request = make_request(areas, hopes="Help me prepare.")
    services.choose_proposal(account=request.mentee, proposal=offered(request)[0], name="Fern")
    return services.accept_proposal(
        account=mentor.account, proposal=chosen(request), name="Open Meadow"
    )


def test_the_mentee_exports_their_request_and_their_own_side_only(mentorship):
    mentee = mentorship.mentee.account
    services.add_employer(account=mentee, name="Acme")
    services.end_mentorship(account=mentee, mentorship=mentorship, feedback="Thank you.")

    data = export_account_data(mentee)

    assert data["mentor_profile"] is None
    [request] = data["mentorship_requests"]
    assert (request["hopes"], request["state"]) == ("Help me prepare.", "matched")
    assert data["mentorships"] == [
        {
            "as": "Fern",
            "side": "mentee",
            "started": mentorship.started.strftime("%Y-%m"),
            "ended": refreshed(mentorship).ended_at.strftime("%Y-%m"),
        }
    ]
    assert data["mentoring_feedback"][0]["text"] == "Thank you."
    assert data["employers_named"] == 1
    text = json.dumps(data, default=str)
    assert "Open Meadow" not in text and "Gentle Harbor" not in text
    assert "acme" not in text.lower()


def test_the_mentor_exports_their_profile(mentorship):
    data = export_account_data(mentorship.mentor.account)
    assert data["mentor_profile"]["as"] == "Gentle Harbor"
    assert data["mentor_profile"]["bio"] == "My story."
    assert data["mentorships"][0]["as"] == "Open Meadow"
    assert "Fern" not in json.dumps(data, default=str)


def test_the_settings_page_download_carries_the_mentoring_part(client, mentorship):
    client.force_login(mentorship.mentee.account)
    response = client.post(reverse("settings_export"))
    data = json.loads(
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    assert data["mentorships"][0]["as"] == "Fern"


def test_a_leaving_mentee_ends_the_mentorship_and_the_mentor_sees_it_ended(mentorship):
    delete_account(account=mentorship.mentee.account, keep_content=False)

    mentorship.refresh_from_db()
    assert mentorship.end_reason == Mentorship.EndReason.LEFT
    view = selectors.mentorship_view(mentorship, mentorship.mentor)
    assert view.ended and view.other_name == "former member"
    assert not MentorshipRequest.objects.exists()
    assert not EmployerEntry.objects.exists()


def test_the_other_side_is_notified_that_it_ended_in_the_words_of_a_click(mentorship):
    mentor = mentorship.mentor.account
    delete_account(account=mentorship.mentee.account, keep_content=False)

    [told] = Notification.objects.filter(account=mentor, kind=MENTORSHIP_ENDED)
    assert told.text == ENDED_TEXT and told.actor_persona is None
    assert "Fern" not in told.text


def test_a_leaving_mentor_retires_and_their_waiting_mentees_move_on(areas, coordinator):
    leaving = make_mentor(coordinator, areas, time_zone="Europe/Paris")
    staying = make_mentor(coordinator, areas, time_zone="Asia/Tokyo")
    request = make_request(areas)
    top = offered(request)[0]
    assert top.mentor == leaving
    services.choose_proposal(account=request.mentee, proposal=top)

    delete_account(account=leaving.account, keep_content=True)

    assert not MentorProfile.objects.filter(pk=leaving.pk).exists()
    assert chosen(request).mentor == staying
    assert not Proposal.objects.filter(mentor_id=leaving.pk).exists()


def test_feedback_goes_when_the_member_takes_their_writing_with_them(mentorship):
    mentee = mentorship.mentee.account
    services.end_mentorship(account=mentee, mentorship=mentorship, feedback="Private words.")
    services.leave_feedback(
        account=mentorship.mentor.account, mentorship=mentorship, text="Mentor's words."
    )

    delete_account(account=mentee, keep_content=False)

    assert list(Feedback.objects.values_list("text", flat=True)) == ["Mentor's words."]
