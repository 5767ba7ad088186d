"""Who reaches which mentoring page: coordinators' pages and other people's mentorships,
proposals and answers are 404 (their existence does not leak); a visitor is sent to log in."""

import pytest
from django.urls import reverse

from mentoring.models import MentorProfile
from tests.factories import AccountFactory
from tests.mentoring.pages.world import mentorship_between, proposal_of, request_for
from tests.pages import page_text

pytestmark = pytest.mark.django_db

COORDINATOR_PAGES = [
    "mentoring:coordinate_mentors",
    "mentoring:coordinate_waiting",
    "mentoring:coordinate_batch",
    "mentoring:coordinate_feedback",
]


@pytest.mark.parametrize("name", COORDINATOR_PAGES)
def test_coordinator_pages_are_404_to_members_and_open_to_coordinators(mworld, client_of, name):
    url = reverse(name)
    for member in (mworld.mentee, mworld.mentor, mworld.outsider):
        assert client_of(member).get(url).status_code == 404
    assert client_of(mworld.coordinator).get(url).status_code == 200
    staff = AccountFactory(is_staff=True)
    assert client_of(staff).get(url).status_code == 200


def test_a_member_cannot_approve_a_mentor_nor_run_the_batch(mworld, client_of):
    member = client_of(mworld.outsider)
    profile = mworld.pending_profile
    url = reverse("mentoring:coordinate_mentor_action", args=[profile.public_id, "approve"])
    assert member.post(url).status_code == 404
    assert member.post(reverse("mentoring:coordinate_batch")).status_code == 404
    profile.refresh_from_db()
    assert profile.status == MentorProfile.Status.PENDING


def test_a_coordinator_approves_pauses_and_retires_a_mentor(mworld, client_of):
    coordinator = client_of(mworld.coordinator)
    profile = mworld.pending_profile
    for action, status in (("approve", "approved"), ("pause", "paused"), ("retire", "retired")):
        url = reverse("mentoring:coordinate_mentor_action", args=[profile.public_id, action])
        response = coordinator.post(url, follow=True)
        assert response.status_code == 200
        profile.refresh_from_db()
        assert profile.status == status


def test_a_coordinator_cannot_approve_their_own_profile(mworld, client_of):
    from tests.mentoring.pages.world import volunteer

    own = volunteer(mworld.coordinator, "Evening Juniper", [mworld.hr])
    coordinator = client_of(mworld.coordinator)
    page = page_text(coordinator.get(reverse("mentoring:coordinate_mentors")))
    assert (
        reverse("mentoring:coordinate_mentor_action", args=[own.public_id, "approve"]) not in page
    )
    url = reverse("mentoring:coordinate_mentor_action", args=[own.public_id, "approve"])
    response = coordinator.post(url, follow=True)
    assert "You can&#x27;t approve this mentor." in response.content.decode()
    own.refresh_from_db()
    assert own.status == MentorProfile.Status.PENDING


def test_another_members_mentorship_is_404_on_every_page(mworld, client_of):
    mentorship = mentorship_between(mworld)
    for name in ("mentoring:mentorship", "mentoring:end", "mentoring:block"):
        url = reverse(name, args=[mentorship.public_id])
        for stranger in (mworld.outsider, mworld.other_mentor, mworld.coordinator):
            assert client_of(stranger).get(url).status_code == 404, (name, stranger)
            assert client_of(stranger).post(url).status_code == 404, (name, stranger)
    url = reverse("mentoring:ask_again", args=[mentorship.public_id])
    assert client_of(mworld.outsider).post(url).status_code == 404
    mentorship.refresh_from_db()
    assert mentorship.is_active


def test_a_proposal_is_404_to_everyone_but_its_mentee_and_then_its_chosen_mentor(mworld, client_of):
    request = request_for(mworld)
    proposal = proposal_of(request, mworld.profile)
    choose = reverse("mentoring:choose", args=[proposal.public_id])
    accept = reverse("mentoring:accept", args=[proposal.public_id])
    for stranger in (mworld.outsider, mworld.mentor, mworld.coordinator):
        assert client_of(stranger).get(choose).status_code == 404
    # Not chosen yet: the mentor has nothing to answer.
    assert client_of(mworld.mentor).get(accept).status_code == 404
    mentee = client_of(mworld.mentee)
    assert mentee.post(choose, {"name": "Brave Sparrow"}).status_code == 302
    assert client_of(mworld.mentor).get(accept).status_code == 200
    for stranger in (mworld.outsider, mworld.other_mentor, mworld.mentee):
        assert client_of(stranger).get(accept).status_code == 404
    # Once one is chosen, the other proposals are not to be opened meanwhile.
    other = request.proposals.exclude(pk=proposal.pk).first()
    assert other is not None
    assert mentee.get(reverse("mentoring:choose", args=[other.public_id])).status_code == 404


def test_a_visitor_reads_the_mentoring_page_and_is_sent_to_log_in_elsewhere(client):
    assert client.get(reverse("mentoring:home")).status_code == 200
    for name in ("mentoring:ask", "mentoring:volunteer", "mentoring:employers", "mentoring:asked"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert reverse("account_login") in response.url
