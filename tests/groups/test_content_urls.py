"""Thread.get_absolute_url and Post.get_absolute_url: one way to link to content. A post's link
lands on the page of its thread that shows it, the same page for every reader (blocked authors'
posts are folded, not removed), and notifications link there."""

import pytest
from django.test import Client

from community.models import Notification
from community.services.blocks import block_persona
from community.services.notifications import mark_all_read
from groups.services import posts as post_services
from groups.services.reactions import toggle_reaction
from tests.factories import GroupFactory, MembershipFactory, PostFactory, ThreadFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(settings):
    settings.GROUPS_POSTS_PER_PAGE = 2
    group = GroupFactory(slug="women")
    return ThreadFactory(group=group)  # its first post is on page 1


def test_a_thread_links_to_its_page_in_its_group(thread):
    assert thread.get_absolute_url() == f"/groups/women/threads/{thread.public_id}/"


def test_a_post_links_to_the_page_that_shows_it(thread):
    second, third, fourth = (PostFactory(thread=thread) for _ in range(3))

    assert second.get_absolute_url().endswith(f"?page=1#post-{second.public_id}")
    assert third.get_absolute_url().endswith(f"?page=2#post-{third.public_id}")
    assert fourth.get_absolute_url().endswith(f"?page=2#post-{fourth.public_id}")


def test_the_link_is_right_for_a_reader_who_blocked_an_earlier_author(thread):
    earlier = PostFactory(thread=thread)
    later = PostFactory(thread=thread)
    reader = MembershipFactory(group=thread.group)
    block_persona(blocker=reader.persona.account, persona=earlier.author)
    client = Client()
    client.force_login(reader.persona.account)

    response = client.get(later.get_absolute_url())

    assert response.status_code == 200
    assert f'id="post-{later.public_id}"' in response.content.decode()


def test_a_reply_notification_links_to_the_reply(thread):
    replier = MembershipFactory(group=thread.group)
    PostFactory(thread=thread)
    reply = post_services.create_post(
        account=replier.persona.account, membership=replier, thread=thread, body="On page two"
    )

    notification = Notification.objects.get(account=thread.author.account, kind="reply")
    assert notification.url == reply.get_absolute_url()
    assert "?page=2#post-" in notification.url


def test_one_unread_reaction_notice_per_post_matched_on_the_post(thread):
    author = thread.author.membership
    first, second = thread.posts.get(), PostFactory(thread=thread, author=author.persona)
    reactor = MembershipFactory(group=thread.group)

    toggle_reaction(membership=reactor, post=first, kind="support")
    toggle_reaction(membership=reactor, post=first, kind="me_too")
    toggle_reaction(membership=reactor, post=second, kind="support")
    assert Notification.objects.filter(account=author.persona.account).count() == 2

    mark_all_read(account=author.persona.account)
    toggle_reaction(membership=reactor, post=first, kind="thank_you")
    assert Notification.objects.filter(account=author.persona.account).count() == 3
