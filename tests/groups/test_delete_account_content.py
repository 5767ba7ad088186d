"""Deleting an account with "delete what I wrote" blanks the account's writing in place and
leaves everyone else's alone (issue 8 §7); either way its join requests go with it."""

import pytest
from django.test import Client

from community.models import FORMER_MEMBER_NAME, Notification
from community.services.accounts import delete_account
from groups.erasure import DELETED_THREAD_TITLE
from groups.models import Group, JoinRequest, Membership, Post, Reaction, Thread
from groups.services import membership as membership_services
from groups.services import posts as post_services
from groups.services.reactions import toggle_reaction
from moderation.services import flag_content
from tests.factories import AccountFactory, GroupFactory, MembershipFactory

pytestmark = pytest.mark.django_db

TITLE = "The night my manager called"
FIRST = "He called me at midnight about the report."
THEIR_REPLY = "That happened to me too. You did the right thing."
MY_REPLY = "Thank you, it helps to hear that."


@pytest.fixture
def leaving(group):
    return MembershipFactory(group=group, persona__name="Leaving Heron 3")


@pytest.fixture
def staying(group):
    return MembershipFactory(group=group, persona__name="Staying Otter 4")


def post_as(membership, thread, body):
    return post_services.create_post(
        account=membership.persona.account, membership=membership, thread=thread, body=body
    )


@pytest.fixture
def thread(leaving, staying):
    thread = post_services.create_thread(
        account=leaving.persona.account,
        membership=leaving,
        group=leaving.group,
        title=TITLE,
        body=FIRST,
        content_warning="late-night calls",
    )
    post_as(staying, thread, THEIR_REPLY)
    return thread


def page_of(thread, membership) -> str:
    client = Client()
    client.force_login(membership.persona.account)
    response = client.get(thread.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_a_thread_i_started_stays_with_the_others_replies(thread, leaving, staying):
    delete_account(account=leaving.persona.account, keep_content=False)

    page = page_of(thread, staying)
    assert THEIR_REPLY in page
    assert "This post was deleted" in page
    assert DELETED_THREAD_TITLE in page
    assert TITLE not in page and FIRST not in page and "late-night calls" not in page
    assert Post.objects.filter(thread=thread).count() == 2
    first = Post.objects.filter(thread=thread).order_by("created").first()
    assert first.body == "" and first.deleted_at is not None
    assert first.author.display_name == FORMER_MEMBER_NAME


def test_my_reply_in_anothers_thread_is_blanked_and_theirs_stay(group, leaving, staying):
    thread = post_services.create_thread(
        account=staying.persona.account,
        membership=staying,
        group=group,
        title="Their thread",
        body="Their first post.",
    )
    post_as(leaving, thread, MY_REPLY)
    post_as(staying, thread, THEIR_REPLY)

    delete_account(account=leaving.persona.account, keep_content=False)

    page = page_of(thread, staying)
    assert MY_REPLY not in page
    assert "Their first post." in page and THEIR_REPLY in page
    assert "This post was deleted" in page
    assert Thread.objects.get(pk=thread.pk).title == "Their thread"


def test_others_reactions_stay_and_mine_go(thread, leaving, staying, group):
    their_reply = thread.posts.get(body=THEIR_REPLY)
    toggle_reaction(membership=leaving, post=their_reply, kind="support")
    first = thread.posts.exclude(pk=their_reply.pk).get()
    # (Nobody reacts to their own post: a third member's reaction is the one that stays.)
    third = MembershipFactory(group=group, persona__name="Third Wren 5")
    toggle_reaction(membership=third, post=their_reply, kind="me_too")

    delete_account(account=leaving.persona.account, keep_content=False)

    assert list(Reaction.objects.values_list("kind", flat=True)) == ["me_too"]
    assert not Membership.objects.filter(persona=leaving.persona).exists()
    assert Post.objects.filter(pk=first.pk).exists()


def test_others_notifications_from_my_writing_go(thread, leaving, staying, group):
    their_thread = post_services.create_thread(
        account=staying.persona.account,
        membership=staying,
        group=group,
        title="Another thread",
        body="Body.",
    )
    post_as(leaving, their_thread, MY_REPLY)
    post_as(leaving, thread, "Thanks for answering.")
    other_account = staying.persona.account
    assert Notification.objects.filter(account=other_account).count() == 2

    delete_account(account=leaving.persona.account, keep_content=False)

    assert not Notification.objects.filter(account=other_account).exists()


def test_flags_on_my_posts_keep_their_snapshots(thread, leaving, staying):
    first = thread.posts.order_by("created").first()
    flag = flag_content(reporter=staying.persona.account, target=first, reason="other")

    delete_account(account=leaving.persona.account, keep_content=False)

    flag.refresh_from_db()
    assert FIRST in str(flag.snapshot)


def test_keeping_content_leaves_the_thread_as_written(thread, leaving, staying):
    delete_account(account=leaving.persona.account, keep_content=True)
    page = page_of(thread, staying)
    assert TITLE in page and FIRST in page and THEIR_REPLY in page
    assert FORMER_MEMBER_NAME in page


@pytest.mark.parametrize("keep_content", [True, False])
def test_my_waiting_join_request_leaves_the_hosts_queue(keep_content):
    group = GroupFactory(join_policy=Group.JoinPolicy.APPROVAL, join_question="Why?")
    host = MembershipFactory(group=group, role=Membership.Role.HOST)
    applicant = AccountFactory()
    membership_services.join_group(
        account=applicant,
        group=group,
        name="Hopeful Wren 9",
        accepted_guidelines=True,
        answer="I was pushed out after reporting.",
    )

    delete_account(account=applicant, keep_content=keep_content)

    client = Client()
    client.force_login(host.persona.account)
    response = client.get(f"/groups/{group.slug}/requests/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "I was pushed out after reporting." not in page
    assert FORMER_MEMBER_NAME not in page
    assert "No one is waiting." in page
    assert not JoinRequest.objects.filter(group=group).exists()
