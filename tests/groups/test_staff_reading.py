"""Staff run groups from the management pages, but what is inside a group is for its members.

A staff account that is not a member sees a group's about page like any visitor: no thread
titles, no host personas, and 404 on threads and posts. Once it joins, it reads as a member.
"""

import pytest

from tests.factories import AccountFactory, MembershipFactory
from tests.pages import page_text
from tests.world import add_host, start_thread


@pytest.fixture
def world(group):
    member = MembershipFactory(
        group=group, persona__account=AccountFactory(), persona__name="Quiet Heron 12"
    )
    add_host(group, "Kind Otter 7")
    thread = start_thread(member, "What my manager said after I reported", "It still hurts.")
    return group, thread


def test_staff_outside_the_group_see_no_thread_titles_nor_hosts(client, staff, world):
    group, thread = world
    client.force_login(staff)
    page = page_text(client.get(f"/groups/{group.slug}/"))
    assert group.name in page
    assert thread.title not in page
    assert "Kind Otter 7" not in page
    assert "Quiet Heron 12" not in page


def test_staff_outside_the_group_get_404_for_a_thread_and_its_flag_page(client, staff, world):
    group, thread = world
    client.force_login(staff)
    assert client.get(f"/groups/{group.slug}/threads/{thread.public_id}/").status_code == 404
    post = thread.posts.get()
    assert client.get(f"/moderation/flag/post/{post.public_id}/").status_code == 404


def test_staff_who_join_read_the_thread_as_members(client, staff, world):
    group, thread = world
    MembershipFactory(group=group, persona__account=staff, persona__name="Steady Lark 3")
    client.force_login(staff)
    response = client.get(f"/groups/{group.slug}/threads/{thread.public_id}/")
    assert response.status_code == 200
    assert "It still hurts." in response.content.decode()


def test_staff_keep_the_management_page_with_its_hosts(client, staff, world):
    group, _thread = world
    client.force_login(staff)
    response = client.get(f"/groups/manage/{group.slug}/")
    assert response.status_code == 200
    assert "Kind Otter 7" in response.content.decode()
