"""The member home (issue 13, "A home for members"): login lands there; it shows the member's
groups with their unread counts, the latest threads with new posts (each under the persona the
member uses in that group), and join requests waiting for them as host. It is the one page
where spaces sit side by side, so it is tried here for anything that would tie personas
together for anyone but their owner.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from community.models import Account
from community.services.blocks import block_persona
from groups.models import Membership
from tests.clients import client_for
from tests.factories import (
    DEMO_PASSWORD,
    AccountFactory,
    GroupFactory,
    JoinRequestFactory,
    MembershipFactory,
)
from tests.pages import page_text
from tests.world import reply, start_thread

pytestmark = pytest.mark.django_db

HOME = "/home/"


@pytest.fixture
def me(db):
    return AccountFactory(email="me@example.test")


@pytest.fixture
def them(db):
    return AccountFactory(email="them@example.test")


@pytest.fixture
def shared(me, them):
    """Two groups both accounts are in, each under a different persona per account."""
    night = GroupFactory(name="Night shift", slug="night-shift")
    founders = GroupFactory(name="Founders", slug="founders")
    return {
        "my_night": MembershipFactory(
            group=night, persona__account=me, persona__name="Amber Finch"
        ),
        "my_founders": MembershipFactory(
            group=founders, persona__account=me, persona__name="Still Water"
        ),
        "their_night": MembershipFactory(
            group=night, persona__account=them, persona__name="Quiet Heron"
        ),
        "their_founders": MembershipFactory(
            group=founders, persona__account=them, persona__name="Cedar Lamp"
        ),
    }


def rows(page: str, css_class: str) -> list[str]:
    return re.findall(rf'<li class="card {css_class}">.*?</li>', page, flags=re.S)


def test_logging_in_lands_on_the_home(client, me):
    response = client.post(reverse("account_login"), {"login": me.email, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert response.url == HOME


def test_the_home_is_for_members_only(client):
    response = client.get(HOME)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_the_logo_leads_members_home_and_visitors_to_the_public_page(client, me):
    assert 'class="brand" href="/"' in page_text(client.get("/guidelines/"))
    client.force_login(me)
    page = page_text(client.get("/guidelines/"))
    assert f'class="brand" href="{HOME}"' in page
    assert 'href="/">About Lantern</a>' in page_text(client.get(HOME))
    assert client.get("/").status_code == 200  # the public page stays reachable


def test_a_member_without_groups_is_welcomed_and_pointed_to_the_directory(client, me):
    client.force_login(me)
    page = page_text(client.get(HOME))
    assert "You haven't joined a group yet." in page
    assert f'href="{reverse("groups:directory")}"' in page
    assert "New in your groups" not in page


def test_each_group_shows_the_members_own_persona_and_its_unread_threads(me, them, shared):
    start_thread(shared["their_night"], title="Rough week", body="Anyone else?")
    start_thread(shared["their_night"], title="Small wins", body="Share one.")
    page = page_text(client_for(me).get(HOME))
    groups = rows(page, "group-row")
    night = next(row for row in groups if "Night shift" in row)
    founders = next(row for row in groups if "Founders" in row)
    assert "2 threads with new posts" in night and "Amber Finch" in night
    assert "Still Water" not in night
    assert "with new posts" not in founders and "Still Water" in founders
    assert "Amber Finch" not in founders


def test_the_latest_threads_with_new_posts_open_at_the_first_unread(me, shared, settings):
    settings.GROUPS_POSTS_PER_PAGE = 2
    settings.GROUPS_DUPLICATE_WINDOW_MINUTES = 0
    thread = start_thread(shared["their_founders"], title="Term sheets", body="Advice?")
    reply(shared["their_founders"], thread, body="Anyone?")
    client = client_for(me)
    client.get(thread.get_absolute_url())  # 2 seen
    for number in range(3):
        reply(shared["their_founders"], thread, body=f"More {number}.")
    page = page_text(client.get(HOME))
    (row,) = rows(page, "thread-row")
    assert "Term sheets" in row and "3 new" in row
    assert f'href="{thread.get_absolute_url()}?page=2#unread"' in row
    # Under the member's persona in that group, and nobody else's.
    assert "Founders" in row and "Still Water" in row
    assert "Cedar Lamp" not in row and "Amber Finch" not in row
    client.get(f"{thread.get_absolute_url()}?page=3")
    assert "You're all caught up" in page_text(client.get(HOME))


def test_nothing_of_the_other_account_shows_on_the_home(me, them, shared):
    start_thread(shared["their_night"], title="Rough week", body="Anyone else?")
    start_thread(shared["their_founders"], title="Term sheets", body="Advice?")
    page = page_text(client_for(me).get(HOME))
    for leak in (them.email, "Quiet Heron", "Cedar Lamp", f"/people/{them.pk}"):
        assert leak not in page
    their_page = page_text(client_for(them).get(HOME))
    for leak in (me.email, "Amber Finch", "Still Water"):
        assert leak not in their_page
    # Their own personas, each beside its own group.
    assert "Quiet Heron" in their_page and "Cedar Lamp" in their_page


def test_a_thread_by_a_persona_blocked_in_that_group_is_folded(me, shared):
    start_thread(shared["their_night"], title="Something cruel", body="...")
    block_persona(blocker=me, persona=shared["their_night"].persona)
    (row,) = rows(page_text(client_for(me).get(HOME)), "thread-row")
    assert "Hidden: you blocked this person" in row
    assert row.index("Hidden: you blocked") < row.index("Something cruel")


def test_a_host_sees_join_requests_waiting_with_a_link_to_each_queue(me, shared):
    night = shared["my_night"]
    Membership.objects.filter(pk=night.pk).update(role=Membership.Role.HOST)
    JoinRequestFactory.create_batch(2, group=night.group)
    JoinRequestFactory(group=shared["my_founders"].group)  # not a host there: not shown
    page = page_text(client_for(me).get(HOME))
    assert "Waiting for you as host" in page
    assert "2 join requests in <bdi>Night shift</bdi>" in page
    assert f'href="{reverse("groups:requests", args=["night-shift"])}"' in page
    assert "Founders</bdi></a></li>" not in page
    assert "Waiting for you as host" not in page_text(client_for(shared["their_night"]).get(HOME))


def _fill(account: Account, group_count: int, threads_per_group: int) -> None:
    for number in range(group_count):
        group = GroupFactory()
        mine = MembershipFactory(group=group, persona__account=account, role="host")
        other = MembershipFactory(group=group)
        JoinRequestFactory(group=group)
        for thread_number in range(threads_per_group):
            thread = start_thread(other, title=f"Thread {number}.{thread_number}", body="Hi.")
            if thread_number % 2:
                reply(mine, thread, body="Same here.")
        block_persona(blocker=account, persona=other.persona)


@pytest.mark.parametrize(("group_count", "threads_per_group"), [(1, 1), (6, 8)])
def test_the_home_runs_a_fixed_number_of_queries(
    client, me, settings, group_count, threads_per_group, django_assert_num_queries
):
    settings.GROUPS_POST_RATE = "1000/m"
    _fill(me, group_count, threads_per_group)
    client.force_login(me)
    # session, account, memberships, unread counts per group, latest unread threads, join
    # requests waiting, chat's sessions, the bell
    with django_assert_num_queries(8):
        response = client.get(HOME)
    assert response.status_code == 200
    assert len(response.context["sections"][0]["memberships"]) == group_count


def test_the_home_writes_nothing(client, me, shared):
    start_thread(shared["their_night"], title="Rough week", body="Anyone else?")
    client.force_login(me)
    with CaptureQueriesContext(connection) as queries:
        client.get(HOME)
    assert all(query["sql"].startswith("SELECT") for query in queries.captured_queries)
