from datetime import timedelta

import pytest
from django.utils import timezone

from groups.models import Group, Membership
from groups.services import posts as post_services
from tests.factories import AccountFactory, GroupFactory, MembershipFactory
from tests.pages import page_text

pytestmark = pytest.mark.django_db


def test_the_directory_lists_listed_groups_with_active_member_counts(client):
    group = GroupFactory(name="Retaliation after reporting")
    MembershipFactory(group=group)
    MembershipFactory(group=group)
    MembershipFactory(group=group, status=Membership.Status.LEFT)
    GroupFactory(name="A secret circle", visibility=Group.Visibility.UNLISTED)
    page = page_text(client.get("/groups/"))
    assert "Retaliation after reporting" in page
    assert "2 members" in page
    assert "A secret circle" not in page


def test_the_directory_says_active_this_week_only_for_recent_activity(client):
    GroupFactory(name="Busy group", last_activity=timezone.now() - timedelta(days=2))
    GroupFactory(name="Sleepy group", last_activity=timezone.now() - timedelta(days=20))
    page = client.get("/groups/").content.decode()
    busy, sleepy = page.index("Busy group"), page.index("Sleepy group")
    assert page.index("Active this week", busy) < sleepy
    assert "Quiet lately" in page[sleepy:]


def test_the_directory_shows_no_member_personas(client):
    group = GroupFactory()
    MembershipFactory(group=group, persona__name="Hidden Marten 4")
    assert "Hidden Marten 4" not in page_text(client.get("/groups/"))


@pytest.mark.parametrize("count", [5, 100])
def test_the_directory_runs_a_fixed_number_of_queries(client, django_assert_num_queries, count):
    account = AccountFactory()
    client.force_login(account)
    for _ in range(count):
        MembershipFactory(group=GroupFactory(last_activity=timezone.now()))
    # session, user, the groups with their counts, the viewer's memberships, the bell's count
    with django_assert_num_queries(5):
        response = client.get("/groups/")
    assert len(response.context["rows"]) == count


def fill_thread(group, count: int):
    author = MembershipFactory(group=group)
    thread = post_services.create_thread(
        account=author.persona.account, membership=author, group=group, title="A thread", body="0"
    )
    others = [MembershipFactory(group=group) for _ in range(4)]
    for number in range(1, count):
        writer = others[number % 4]
        post_services.create_post(
            account=writer.persona.account,
            membership=writer,
            thread=thread,
            body=f"post {number}",
            content_warning="work" if number % 3 == 0 else "",
        )
    return thread


@pytest.mark.parametrize("count", [5, 100])
def test_a_thread_page_runs_a_fixed_number_of_queries(
    client, settings, django_assert_num_queries, count
):
    settings.GROUPS_POST_RATE = "1000/m"
    settings.GROUPS_POSTS_PER_PAGE = 100
    group = GroupFactory()
    thread = fill_thread(group, count)
    reader = MembershipFactory(group=group)
    client.force_login(reader.persona.account)
    url = f"/groups/{group.slug}/threads/{thread.public_id}/"
    # session, user, group, membership, thread (with the viewer's read marker), post count,
    # the page of posts (blocks are a subquery), reaction counts with the viewer's own, the
    # bell's count; and on a first visit, the read marker's one write
    with django_assert_num_queries(10):
        response = client.get(url)
    assert len(response.context["page"].object_list) == count
    with django_assert_num_queries(9):  # read already: no write
        client.get(url)


@pytest.mark.parametrize("count", [5, 100])
def test_a_group_page_runs_a_fixed_number_of_queries(
    client, settings, django_assert_num_queries, count
):
    settings.GROUPS_POST_RATE = "1000/m"
    settings.GROUPS_THREADS_PER_PAGE = 100
    group = GroupFactory()
    # Past the first visit, whose one write (the guidelines shown) tests/groups/test_polish.py
    # counts.
    member = MembershipFactory(group=group, role=Membership.Role.HOST, guidelines_shown=True)
    for number in range(count):
        post_services.create_thread(
            account=member.persona.account,
            membership=member,
            group=group,
            title=f"Thread {number}",
            body="body",
        )
    client.force_login(member.persona.account)
    # session, user, group, membership, thread count, the page of threads, hosts, chat's
    # live and upcoming sessions (groups.page_sections), the bell
    with django_assert_num_queries(9):
        response = client.get(f"/groups/{group.slug}/")
    assert len(response.context["page"].object_list) == count
