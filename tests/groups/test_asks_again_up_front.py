"""A declined applicant learns up front when they may ask again: the group page and the join
page say so, and no form is offered that would refuse them after they wrote their answer."""

from datetime import timedelta

import pytest
from django.utils import timezone

from groups.models import Group, JoinRequest
from tests.factories import AccountFactory, JoinRequestFactory
from tests.pages import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def approval_group(group):
    group.join_policy = Group.JoinPolicy.APPROVAL
    group.join_question = "What brings you here?"
    group.save()
    return group


def declined(group, *, days_ago):
    return JoinRequestFactory(
        group=group,
        persona__name="Hopeful Wren 7",
        status=JoinRequest.Status.DECLINED,
        decided_at=timezone.now() - timedelta(days=days_ago),
    ).persona.account


def test_the_group_page_says_when_a_declined_applicant_may_ask_again(
    client, approval_group, settings
):
    settings.GROUPS_REAPPLY_DAYS = 30
    applicant = declined(approval_group, days_ago=10)
    client.force_login(applicant)
    text = page_text(client.get(f"/groups/{approval_group.slug}/"))
    expected = f"{(timezone.now() + timedelta(days=20)):%B %Y}"
    assert "Your last request to join was not accepted. You can ask again from" in text
    assert expected in text
    assert "Ask to join" not in text


def test_the_join_page_shows_no_form_while_the_wait_lasts(client, approval_group, settings):
    settings.GROUPS_REAPPLY_DAYS = 30
    applicant = declined(approval_group, days_ago=10)
    client.force_login(applicant)
    response = client.get(f"/groups/{approval_group.slug}/join/")
    assert response.status_code == 200
    text = page_text(response)
    assert "You can ask again from" in text
    assert "What brings you here?" not in text
    assert 'name="answer"' not in response.content.decode()
    assert "form" not in response.context


def test_a_post_during_the_wait_makes_no_request(client, approval_group, settings):
    settings.GROUPS_REAPPLY_DAYS = 30
    applicant = declined(approval_group, days_ago=10)
    client.force_login(applicant)
    response = client.post(
        f"/groups/{approval_group.slug}/join/",
        {"name": "Calm River 12", "answer": "A long answer", "accept_guidelines": "on"},
    )
    assert "You can ask again from" in page_text(response)
    assert not JoinRequest.objects.filter(status=JoinRequest.Status.PENDING).exists()


def test_after_the_wait_the_form_is_back(client, approval_group, settings):
    settings.GROUPS_REAPPLY_DAYS = 30
    applicant = declined(approval_group, days_ago=31)
    client.force_login(applicant)
    text = page_text(client.get(f"/groups/{approval_group.slug}/"))
    assert "Ask to join" in text
    assert "not accepted" not in text
    response = client.get(f"/groups/{approval_group.slug}/join/")
    assert 'name="answer"' in response.content.decode()


def test_others_see_nothing_of_someone_elses_decline(client, approval_group, settings):
    settings.GROUPS_REAPPLY_DAYS = 30
    declined(approval_group, days_ago=10)
    client.force_login(AccountFactory())
    text = page_text(client.get(f"/groups/{approval_group.slug}/"))
    assert "not accepted" not in text
    assert "Ask to join" in text


def test_the_wait_costs_at_most_one_query_on_the_group_page(
    client, approval_group, settings, django_assert_max_num_queries
):
    """The same count as for a non-member who never asked, whom the check costs one query."""
    settings.GROUPS_REAPPLY_DAYS = 30
    applicant = declined(approval_group, days_ago=10)
    client.force_login(applicant)
    client.get(f"/groups/{approval_group.slug}/")  # warm the session
    with django_assert_max_num_queries(8):
        client.get(f"/groups/{approval_group.slug}/")
    client.force_login(AccountFactory())
    client.get(f"/groups/{approval_group.slug}/")
    with django_assert_max_num_queries(8):
        client.get(f"/groups/{approval_group.slug}/")
