"""groups.access: one door per kind. Each returns (object, membership) or raises Http404, and
every path (pages, reactions, blocks, flags) answers the same 404 through it."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from community.services.blocks import block_persona
from groups.access import access_group, access_post, access_thread
from groups.models import Group, Membership
from tests.factories import (
    AccountFactory,
    GroupFactory,
    JoinRequestFactory,
    MembershipFactory,
    PostFactory,
    ThreadFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def women():
    return GroupFactory(name="Women in engineering", slug="women")


@pytest.fixture
def founders():
    return GroupFactory(name="Founders", slug="founders")


@pytest.fixture
def post(women):
    thread = ThreadFactory(group=women)
    return PostFactory(thread=thread)


def _each_door(viewer, post, slug=None):
    """Call all three access functions for `post` (its thread and group, or `slug`)."""
    thread = post.thread
    yield lambda: access_group(viewer, slug or thread.group.slug)
    yield lambda: access_thread(viewer, thread.public_id, group=slug or thread.group.slug)
    yield lambda: access_post(viewer, post.public_id, group=slug or thread.group.slug)


def test_a_member_gets_the_object_and_their_membership(women, post):
    member = MembershipFactory(group=women)
    account = member.persona.account

    assert access_group(account, "women") == (women, member)
    assert access_thread(account, post.thread.public_id, group="women") == (post.thread, member)
    assert access_post(account, post.public_id, group="women") == (post, member)
    assert access_post(account, post.public_id) == (post, member)  # no slug: found by id alone


@pytest.mark.parametrize(
    "who",
    ["anonymous", "stranger", "staff", "member_of_another_group", "left", "removed", "pending"],
)
def test_everyone_but_an_active_member_gets_404(women, founders, post, who):
    viewer = {
        "anonymous": lambda: AnonymousUser(),
        "stranger": lambda: AccountFactory(),
        "staff": lambda: AccountFactory(is_staff=True, is_superuser=True),
        "member_of_another_group": lambda: MembershipFactory(group=founders).persona.account,
        "left": lambda: (
            MembershipFactory(group=women, status=Membership.Status.LEFT).persona.account
        ),
        "removed": lambda: (
            MembershipFactory(group=women, status=Membership.Status.REMOVED).persona.account
        ),
        "pending": lambda: JoinRequestFactory(group=women).persona.account,
    }[who]()
    for door in _each_door(viewer, post):
        with pytest.raises(Http404):
            door()


def test_a_thread_or_post_reached_through_another_groups_url_is_404(women, founders, post):
    """Even for someone who is a member of both groups."""
    account = MembershipFactory(group=women).persona.account
    MembershipFactory(group=founders, persona__account=account)

    with pytest.raises(Http404):
        access_thread(account, post.thread.public_id, group="founders")
    with pytest.raises(Http404):
        access_post(account, post.public_id, group="founders")


def test_unknown_ids_and_slugs_are_404(women, post):
    account = MembershipFactory(group=women).persona.account
    with pytest.raises(Http404):
        access_group(account, "no-such-group")
    with pytest.raises(Http404):
        access_thread(account, "A" * 16)
    with pytest.raises(Http404):
        access_post(account, "A" * 16)
    with pytest.raises(Http404):  # a thread's id is not a post's
        access_post(account, post.thread.public_id)


def test_an_unlisted_group_is_404_inside_for_all_but_its_members(post):
    Group.objects.filter(pk=post.thread.group_id).update(visibility=Group.Visibility.UNLISTED)
    member = MembershipFactory(group=post.thread.group)

    assert access_post(member.persona.account, post.public_id)[0] == post
    with pytest.raises(Http404):
        access_post(AccountFactory(), post.public_id)


def test_a_block_never_closes_a_door(women, post):
    member = MembershipFactory(group=women)
    block_persona(blocker=member.persona.account, persona=post.author)
    block_persona(blocker=member.persona.account, persona=post.thread.author)

    assert access_thread(member.persona.account, post.thread.public_id)[0] == post.thread
    assert access_post(member.persona.account, post.public_id)[0] == post


def test_access_group_costs_one_query_for_a_member(women, django_assert_num_queries):
    account = MembershipFactory(group=women).persona.account
    with django_assert_num_queries(1):
        group, membership = access_group(account, "women")
        assert (group.name, membership.persona.account_id) == (women.name, account.pk)


def test_access_thread_costs_two_queries_and_loads_what_pages_read(
    women, post, django_assert_num_queries
):
    account = MembershipFactory(group=women).persona.account
    with django_assert_num_queries(2):
        thread, membership = access_thread(account, post.thread.public_id)
        seen = (thread.group.slug, thread.author.name, membership.persona.name)
    assert seen == ("women", post.thread.author.name, membership.persona.name)


@pytest.mark.parametrize(
    "path",
    [
        "/groups/founders/threads/{thread}/",
        "/groups/founders/threads/{thread}/pin/",
        "/groups/founders/posts/{post}/react/",
        "/groups/founders/posts/{post}/block/",
        "/groups/founders/posts/{post}/edit/",
        "/groups/founders/posts/{post}/delete/",
    ],
)
def test_every_path_answers_404_for_a_post_under_another_groups_slug(
    client, women, founders, post, path
):
    account = post.author.account
    MembershipFactory(group=founders, persona__account=account)
    client.force_login(account)
    url = path.format(thread=post.thread.public_id, post=post.public_id)

    get = client.get(url)
    posted = client.post(url, {"kind": "support", "body": "moved"})

    assert (get.status_code in (404, 405)) and posted.status_code == 404
    assert not post.reactions.exists()


@pytest.mark.parametrize("kind", ["post", "thread"])
def test_the_flag_page_is_404_for_staff_who_are_not_members(client, post, kind):
    client.force_login(AccountFactory(is_staff=True, is_superuser=True))
    public_id = post.public_id if kind == "post" else post.thread.public_id

    response = client.get(f"/moderation/flag/{kind}/{public_id}/")

    assert response.status_code == 404
    assert post.thread.title not in response.content.decode()
