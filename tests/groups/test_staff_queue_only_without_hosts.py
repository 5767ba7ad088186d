"""Staff stand in for hosts only where there are none: a group with hosts keeps its applicants'
answers for its hosts (issue 8 §9)."""

import pytest

from groups.models import Group, JoinRequest, Membership
from tests.factories import GroupFactory, JoinRequestFactory, MembershipFactory

pytestmark = pytest.mark.django_db

ANSWER = "My manager retaliated after I reported him."


@pytest.fixture
def approval_group():
    return GroupFactory(join_policy=Group.JoinPolicy.APPROVAL, join_question="Why this group?")


@pytest.fixture
def waiting(approval_group):
    return JoinRequestFactory(group=approval_group, answer=ANSWER)


def test_staff_cannot_read_the_queue_of_a_group_with_a_host(client, staff, approval_group, waiting):
    MembershipFactory(group=approval_group, role=Membership.Role.HOST)
    client.force_login(staff)

    response = client.get(f"/groups/{approval_group.slug}/requests/")
    assert response.status_code == 404
    assert ANSWER not in response.content.decode()
    about = client.get(f"/groups/{approval_group.slug}/")
    assert about.status_code == 200
    assert "Join requests" not in about.content.decode()


def test_staff_cannot_decide_a_request_of_a_group_with_a_host(
    client, staff, approval_group, waiting
):
    MembershipFactory(group=approval_group, role=Membership.Role.HOST)
    client.force_login(staff)

    url = f"/groups/{approval_group.slug}/requests/{waiting.public_id}/approve/"
    assert client.post(url).status_code == 404
    waiting.refresh_from_db()
    assert waiting.status == JoinRequest.Status.PENDING


def test_staff_read_and_decide_the_queue_of_a_group_without_hosts(
    client, staff, approval_group, waiting
):
    client.force_login(staff)

    response = client.get(f"/groups/{approval_group.slug}/requests/")
    assert response.status_code == 200
    assert ANSWER in response.content.decode()
    url = f"/groups/{approval_group.slug}/requests/{waiting.public_id}/approve/"
    assert client.post(url).status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == JoinRequest.Status.APPROVED


def test_a_host_who_left_gives_the_queue_back_to_staff(client, staff, approval_group, waiting):
    MembershipFactory(
        group=approval_group, role=Membership.Role.HOST, status=Membership.Status.LEFT
    )
    client.force_login(staff)
    response = client.get(f"/groups/{approval_group.slug}/requests/")
    assert response.status_code == 200
    assert ANSWER in response.content.decode()
