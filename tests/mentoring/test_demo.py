"""seed_demo's mentoring part: approved mentors and one open request, listed in --json by
persona name and focus areas, and by public id; idempotent."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from community.models import Account
from mentoring import selectors
from mentoring.models import FocusArea, MentorProfile, MentorshipRequest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("debug_on")]


def seed_demo() -> dict:
    output = StringIO()
    call_command("seed_demo", "--json", stdout=output)
    return json.loads(output.getvalue())


def test_the_demo_has_approved_mentors_and_an_open_request_with_proposals():
    data = seed_demo()

    assert [mentor["name"] for mentor in data["mentors"]] == [
        "Gentle Harbor",
        "Calm Cedar",
        "Bright Meadow",
    ]
    assert data["mentors"][0] == {
        "name": "Gentle Harbor",
        "focus_areas": ["Reporting to HR", "Retaliation"],
    }
    assert MentorProfile.objects.filter(status=MentorProfile.Status.APPROVED).count() == 3
    [entry] = data["requests"]
    request = MentorshipRequest.objects.get(public_id=entry["public_id"])
    assert request.mentee == Account.objects.get(email="member@demo.lantern.test")
    assert request.is_open
    assert len(selectors.proposals_for(request)) == 3


def test_the_demo_lists_no_account_of_a_mentor():
    text = json.dumps({key: seed_demo()[key] for key in ("mentors", "requests")})
    assert "@" not in text
    for profile in MentorProfile.objects.all():
        assert profile.persona.public_id not in text


def test_running_the_demo_again_changes_nothing():
    first = seed_demo()
    counts = (
        FocusArea.objects.count(),
        MentorProfile.objects.count(),
        MentorshipRequest.objects.count(),
    )

    again = seed_demo()

    assert (again["mentors"], again["requests"]) == (first["mentors"], first["requests"])
    assert counts == (
        FocusArea.objects.count(),
        MentorProfile.objects.count(),
        MentorshipRequest.objects.count(),
    )


def test_the_demo_moderator_curates_the_focus_areas_in_the_admin(client):
    seed_demo()
    client.force_login(Account.objects.get(email="moderator@demo.lantern.test"))
    assert client.get("/staff/admin/mentoring/focusarea/").status_code == 200
    client.force_login(Account.objects.get(email="advocate@demo.lantern.test"))
    assert client.get("/staff/admin/mentoring/focusarea/").status_code != 200
