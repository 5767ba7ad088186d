"""The whole path through the pages, with the test client: ask, choose, accept, end, ask again."""

import pytest
from django.urls import reverse

from community.models import Notification
from mentoring import notification_kinds as kinds
from mentoring.models import Feedback, Mentorship, MentorshipRequest, Proposal
from tests.mentoring.pages.world import MENTOR_PROFILE_NAME
from tests.pages import page_text

pytestmark = pytest.mark.django_db


def test_a_mentee_asks_chooses_and_a_mentor_accepts_then_either_ends(mworld, client_of):
    mentee, mentor = client_of(mworld.mentee), client_of(mworld.mentor)

    response = mentee.post(
        reverse("mentoring:ask"),
        {"focus_areas": [mworld.hr.pk], "languages": ["en"], "time_zone": "", "hopes": "Help"},
    )
    assert response.status_code == 302
    home = page_text(mentee.get(reverse("mentoring:home")))
    assert MENTOR_PROFILE_NAME in home
    proposal = Proposal.objects.get(request__mentee=mworld.mentee, mentor=mworld.profile)

    response = mentee.post(
        reverse("mentoring:choose", args=[proposal.public_id]), {"name": "Brave Sparrow"}
    )
    assert response.status_code == 302
    home = page_text(mentee.get(reverse("mentoring:home")))
    assert "Still looking" in home
    assert MENTOR_PROFILE_NAME not in home  # which mentor is asked stays unsaid
    asked_notice = Notification.objects.get(account=mworld.mentor, kind=kinds.MENTOR_ASKED)
    assert "Brave Sparrow" not in asked_notice.text

    asked = page_text(mentor.get(reverse("mentoring:asked")))
    assert "Help" in asked
    response = mentor.post(
        reverse("mentoring:accept", args=[proposal.public_id]), {"name": "Calm Harbour"}
    )
    mentorship = Mentorship.objects.get()
    assert response.url == reverse("mentoring:mentorship", args=[mentorship.public_id])
    assert Notification.objects.filter(account=mworld.mentee, kind=kinds.MENTOR_ACCEPTED).exists()

    page = page_text(mentee.get(response.url))
    assert "Brave Sparrow" in page and "Calm Harbour" in page
    assert "Reporting to HR" in page

    response = mentor.post(
        reverse("mentoring:end", args=[mentorship.public_id]), {"feedback": "It went well."}
    )
    assert response.status_code == 302
    mentorship.refresh_from_db()
    assert not mentorship.is_active
    assert Feedback.objects.get().text == "It went well."
    ended = Notification.objects.get(account=mworld.mentee, kind=kinds.MENTORSHIP_ENDED)
    assert "Calm Harbour" not in ended.text
    page = page_text(mentee.get(reverse("mentoring:mentorship", args=[mentorship.public_id])))
    assert "It went well." not in page
    assert "Ask for a new match" in page

    response = mentee.post(reverse("mentoring:ask_again", args=[mentorship.public_id]))
    assert response.status_code == 302
    again = MentorshipRequest.objects.get(mentee=mworld.mentee, state__in=["waiting", "proposed"])
    # The mentor of the ended mentorship is not proposed again.
    assert not again.proposals.filter(mentor=mworld.profile).exists()
