"""The thread page and the directory cost a fixed number of SQL queries (issue 4, Performance).

Each is measured with 5 and with 100 rows (posts with reactions; groups with members). The
expected numbers are pinned: a new query per row (an N+1) breaks the test at 100, and any
other new query on these pages is a choice to make on purpose.
"""

import pytest

from groups.models import Membership, Reaction
from tests.factories import (
    BlockFactory,
    GroupFactory,
    MembershipFactory,
    PostFactory,
    ThreadFactory,
)

pytestmark = pytest.mark.django_db

# session, account, thread (with its group and the viewer's read marker), the viewer's persona
# and membership, the personas the viewer blocked in this group, paginator count, posts (authors
# joined), reaction counts with the viewer's own among them, the bell's count.
THREAD_PAGE_QUERIES = 9
# A first visit also moves the read marker: the one write a page view may make, and at most
# ten queries in all.
FIRST_VISIT_WRITES = 1
# session, account, listed groups with member counts, the viewer's memberships, the bell.
DIRECTORY_QUERIES = 5


def _thread_with_posts(count: int):
    group = GroupFactory(name="Women in engineering", slug="women")
    viewer = MembershipFactory(group=group, persona__name="Viewer Vole")
    others = [MembershipFactory(group=group) for _ in range(4)]
    # A host among the authors: the badge and every name's link come with the posts' query.
    others[1].role = Membership.Role.HOST
    others[1].save()
    thread = ThreadFactory(membership=others[0], content_warning="workplace abuse")
    for number in range(count - 1):
        PostFactory(
            thread=thread,
            author=others[number % 4].persona,
            content_warning="detail" if number % 3 else "",
        )
    reactions = []
    for post in thread.posts.all():
        reactions.append(Reaction(post=post, persona=viewer.persona, kind="support"))
        for other in others[1:3]:
            reactions.append(Reaction(post=post, persona=other.persona, kind="me_too"))
    Reaction.objects.bulk_create(reactions)
    # A blocked author's posts are folded from one set of persona ids, not one query per post.
    blocked = MembershipFactory(group=group)
    PostFactory(thread=thread, author=blocked.persona, body="Folded for the viewer.")
    BlockFactory(blocker=viewer.persona.account, persona=blocked.persona)
    return group, thread, viewer


@pytest.mark.parametrize("post_count", [5, 100])
def test_thread_page_query_count_does_not_grow_with_posts_and_reactions(
    client, settings, post_count, django_assert_num_queries
):
    settings.GROUPS_POSTS_PER_PAGE = 200  # every post on one page: the worst case
    group, thread, viewer = _thread_with_posts(post_count)
    client.force_login(viewer.persona.account)
    url = f"/groups/{group.slug}/threads/{thread.public_id}/"

    with django_assert_num_queries(THREAD_PAGE_QUERIES + FIRST_VISIT_WRITES):
        response = client.get(url)
    with django_assert_num_queries(THREAD_PAGE_QUERIES):
        client.get(url)

    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('class="card post"') == post_count + 1
    assert page.count("Hidden: you blocked this person") == 1
    assert page.count('aria-pressed="true">Support') == post_count
    assert page.count('Me too <span class="reaction-count">2</span>') == post_count
    assert page.count('<span class="tag">host</span>') == len(range(1, post_count - 1, 4))
    assert page.count(f'<a class="persona-name" href="/groups/{group.slug}/people/') == (
        post_count + 1
    )


@pytest.mark.parametrize("group_count", [5, 100])
def test_directory_query_count_does_not_grow_with_groups(
    client, account, group_count, django_assert_num_queries
):
    for number in range(group_count):
        group = GroupFactory(name=f"Group {number:03}", slug=f"group-{number}")
        for _ in range(2):
            MembershipFactory(group=group)
        if number % 2:
            MembershipFactory(group=group, persona__account=account)
    client.force_login(account)

    with django_assert_num_queries(DIRECTORY_QUERIES):
        response = client.get("/groups/")

    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('class="card group-card"') == group_count
    assert page.count("You're a member") == group_count // 2
