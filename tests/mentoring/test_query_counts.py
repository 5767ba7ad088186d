"""What the mentoring pages will show costs a fixed number of queries, however many rows."""

import pytest

from mentoring import pools, selectors, services
from mentoring.models import MentorshipRequest
from tests.mentoring.conftest import make_mentor, make_request, offered

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("mentor_count", [3, 8])
def test_the_proposals_a_mentee_reads_cost_two_queries(
    areas, coordinator, mentor_count, settings, django_assert_num_queries
):
    settings.MENTOR_PROPOSALS = mentor_count
    for _ in range(mentor_count):
        make_mentor(coordinator, areas)
    request = make_request(areas)
    assert len(offered(request)) == mentor_count

    with django_assert_num_queries(2):  # proposals with profiles and personas; focus areas
        assert len(selectors.proposals_for(request)) == mentor_count


@pytest.mark.parametrize("count", [2, 6])
def test_the_coordinators_lists_cost_a_fixed_number_of_queries(
    areas, coordinator, count, django_assert_max_num_queries
):
    for _ in range(count):
        make_mentor(coordinator, areas)
        make_request(areas, languages=["ja"])

    with django_assert_max_num_queries(2):
        assert len(selectors.waiting_requests()) == count
    with django_assert_max_num_queries(2):
        assert len(selectors.mentors_for_coordinators()) == count


@pytest.mark.parametrize("count", [2, 6])
def test_loading_a_pool_costs_a_fixed_number_of_queries(
    areas, coordinator, count, django_assert_max_num_queries
):
    for _ in range(count):
        make_mentor(coordinator, areas)
        make_request(areas, languages=["ja"])

    with django_assert_max_num_queries(3):
        assert len(pools.load_mentors()) == count
    with django_assert_max_num_queries(5):
        assert len(pools.load_requests(MentorshipRequest.objects.all())) == count


@pytest.mark.parametrize("count", [1, 4])
def test_a_mentors_waiting_requests_cost_three_queries(
    areas, coordinator, count, django_assert_num_queries
):
    mentor = make_mentor(coordinator, areas, capacity=5)
    for _ in range(count):
        request = make_request(areas)
        services.choose_proposal(account=request.mentee, proposal=offered(request)[0])

    with django_assert_num_queries(3):  # anything overdue; the proposals; their focus areas
        assert len(selectors.requests_waiting_for(mentor)) == count
