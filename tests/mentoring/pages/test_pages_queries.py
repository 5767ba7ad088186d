"""Each mentoring page costs a fixed number of SQL queries, whatever the number of rows it
lists: measured with few and with many (mentors, requests, mentorships, feedback). The numbers
are pinned: a query per row (an N+1) breaks the test with many rows, and any other new query
is a choice to make on purpose."""

import pytest
from django.urls import reverse

from mentoring import flows, services
from mentoring.models import Feedback
from tests.factories import AccountFactory
from tests.mentoring.pages.world import (
    mentorship_between,
    proposal_of,
    request_for,
    volunteer,
)

pytestmark = pytest.mark.django_db

# session, account, then per page (the bell's count is the last query everywhere).
HOME_QUERIES = 11
COORDINATOR_MENTORS_QUERIES = 11
COORDINATOR_LIST_QUERIES = 7
# The mentorship with its personas, the viewer's persona, its room (ours, then chat's door),
# who may enter (the mentorship), blocks, the transcript, whether it is live, focus areas.
MENTORSHIP_QUERIES = 12
ASKED_QUERIES = 7
SMALL_PAGE_QUERIES = 6


def many_mentors(world, count: int) -> None:
    for number in range(count):
        profile = volunteer(
            AccountFactory(), f"Mentor Number {number}", [world.hr, world.retaliation]
        )
        if number % 2:
            services.approve_mentor(coordinator=world.coordinator, profile=profile)


def many_waiting_requests(world, count: int) -> None:
    for _ in range(count):
        # Nobody mentors in Finnish: each request waits.
        services.request_mentor(
            account=AccountFactory(), focus_areas=[world.hr, world.leaving], languages=["fi"]
        )


@pytest.mark.parametrize("rows", [2, 25])
def test_coordinator_pages_do_not_grow_with_their_rows(
    mworld, client_of, rows, django_assert_max_num_queries
):
    many_mentors(mworld, rows)
    many_waiting_requests(mworld, rows)
    mentorship = mentorship_between(mworld)
    Feedback.objects.bulk_create(
        Feedback(mentorship=mentorship, author=mentorship.mentee, side="mentee", text="Good")
        for _ in range(rows)
    )
    client = client_of(mworld.coordinator)
    for status in ("pending", "approved"):
        with django_assert_max_num_queries(COORDINATOR_MENTORS_QUERIES):
            assert (
                client.get(reverse("mentoring:coordinate_mentors"), {"status": status}).status_code
                == 200
            )
    for name in ("coordinate_waiting", "coordinate_feedback", "coordinate_batch"):
        with django_assert_max_num_queries(COORDINATOR_LIST_QUERIES):
            assert client.get(reverse(f"mentoring:{name}")).status_code == 200


@pytest.mark.parametrize("mentees", [1, 6])
def test_a_mentors_home_and_mentorship_pages_do_not_grow_with_mentorships(
    mworld, client_of, settings, mentees, django_assert_max_num_queries
):
    settings.MENTOR_MAX_CAPACITY = 10
    profile = mworld.profile
    profile.capacity = 10
    profile.save()
    services.pause_mentor(coordinator=mworld.coordinator, profile=mworld.other_profile)
    mentorship = None
    for number in range(mentees):
        mentee = AccountFactory()
        request = services.request_mentor(account=mentee, focus_areas=[mworld.hr], languages=["en"])
        proposal = proposal_of(request, profile)
        flows.choose_proposal(account=mentee, proposal=proposal, name=f"Mentee Name {number}")
        proposal.refresh_from_db()
        mentorship = flows.accept_proposal(account=mworld.mentor, proposal=proposal)
    # And one more waiting for the mentor's answer.
    waiting = services.request_mentor(account=AccountFactory(), focus_areas=[], languages=["en"])
    flows.choose_proposal(account=waiting.mentee, proposal=proposal_of(waiting, profile), name="")
    client = client_of(mworld.mentor)
    with django_assert_max_num_queries(HOME_QUERIES):
        assert client.get(reverse("mentoring:home")).status_code == 200
    with django_assert_max_num_queries(ASKED_QUERIES):
        assert client.get(reverse("mentoring:asked")).status_code == 200
    with django_assert_max_num_queries(MENTORSHIP_QUERIES):
        url = reverse("mentoring:mentorship", args=[mentorship.public_id])
        assert client.get(url).status_code == 200


def test_a_mentees_home_with_proposals_and_the_small_pages(
    mworld, client_of, django_assert_max_num_queries
):
    request = request_for(mworld)
    mentee = client_of(mworld.mentee)
    with django_assert_max_num_queries(HOME_QUERIES):
        assert mentee.get(reverse("mentoring:home")).status_code == 200
    proposal = proposal_of(request, mworld.profile)
    with django_assert_max_num_queries(SMALL_PAGE_QUERIES):
        assert mentee.get(reverse("mentoring:choose", args=[proposal.public_id])).status_code == 200
    flows.choose_proposal(account=mworld.mentee, proposal=proposal, name="Brave Sparrow")
    with django_assert_max_num_queries(HOME_QUERIES):
        assert mentee.get(reverse("mentoring:home")).status_code == 200
    mentor = client_of(mworld.mentor)
    for name, args in (("accept", [proposal.public_id]), ("profile", []), ("employers", [])):
        with django_assert_max_num_queries(SMALL_PAGE_QUERIES):
            assert mentor.get(reverse(f"mentoring:{name}", args=args)).status_code == 200
    with django_assert_max_num_queries(SMALL_PAGE_QUERIES):
        assert mentee.get(reverse("mentoring:ask")).status_code in (200, 302)
