"""Deleting a post and leaving a group ask first: a slip of the thumb must not cost either."""

import pytest
from django.test import Client

from groups.models import Group, Membership, Post
from tests.clients import client_for
from tests.factories import GroupFactory, MembershipFactory, PostFactory, ThreadFactory
from tests.pages import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_post(group):
    author = MembershipFactory(group=group)
    thread = ThreadFactory(membership=author)
    return PostFactory(thread=thread, author=author.persona, body="Something I regret writing.")


def delete_url(post: Post) -> str:
    return f"/groups/{post.thread.group.slug}/posts/{post.public_id}/delete/"


def test_the_delete_link_under_a_post_opens_a_question_instead_of_deleting(own_post):
    author = own_post.author.membership
    client = client_for(author)
    thread_page = client.get(
        f"/groups/{own_post.thread.group.slug}/threads/{own_post.thread.public_id}/"
    ).content.decode()
    assert f'href="{delete_url(own_post)}"' in thread_page
    response = client.get(delete_url(own_post))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Delete your post?" in page
    assert "Something I regret writing." in page
    assert "This cannot be undone." in page
    own_post.refresh_from_db()
    assert own_post.deleted_at is None


def test_confirming_deletes_the_post(own_post):
    client = client_for(own_post.author.membership)
    response = client.post(delete_url(own_post), follow=True)
    assert "Your post was deleted." in response.content.decode()
    own_post.refresh_from_db()
    assert own_post.deleted_at is not None


def test_someone_else_gets_404_for_the_delete_question(own_post, group):
    stranger = MembershipFactory(group=group)
    assert client_for(stranger).get(delete_url(own_post)).status_code == 404


def test_the_leave_button_opens_a_question_and_leaves_nothing_yet(group):
    member = MembershipFactory(group=group, persona__name="Quiet Heron")
    client = client_for(member)
    group_page = client.get(f"/groups/{group.slug}/").content.decode()
    assert f'href="/groups/{group.slug}/leave/"' in group_page
    page = client.get(f"/groups/{group.slug}/leave/").content.decode()
    assert f"Leave {group.name}?" in page
    assert "Quiet Heron" in page
    assert "You can come back any time." in page
    member.refresh_from_db()
    assert member.status == Membership.Status.ACTIVE


def test_leaving_an_approval_group_says_a_host_decides_on_a_return():
    group = GroupFactory(join_policy=Group.JoinPolicy.APPROVAL)
    member = MembershipFactory(group=group)
    client = client_for(member)
    assert "ask to join again and a host will decide" in page_text(
        client.get(f"/groups/{group.slug}/leave/")
    )
    response = client.post(f"/groups/{group.slug}/leave/", follow=True)
    page = response.content.decode()
    assert f"You left <bdi>{group.name}</bdi>." in page
    assert "come back any time" not in page
    member.refresh_from_db()
    assert member.status == Membership.Status.LEFT


def test_leaving_an_invite_only_group_says_an_invite_link_is_needed_again():
    group = GroupFactory(join_policy=Group.JoinPolicy.INVITE)
    member = MembershipFactory(group=group)
    page = client_for(member).get(f"/groups/{group.slug}/leave/").content.decode()
    assert "you will need an invite link again" in page


def test_a_host_is_warned_that_leaving_ends_hosting(group):
    host = MembershipFactory(group=group, role=Membership.Role.HOST)
    page = client_for(host).get(f"/groups/{group.slug}/leave/").content.decode()
    assert "You are a host here." in page


def test_a_non_member_gets_404_for_the_leave_question(group, account):
    client = Client()
    client.force_login(account)
    assert client.get(f"/groups/{group.slug}/leave/").status_code == 404
