"""Threads carry their post counts (issue 13, "fast forum pages": no per-view count over all
posts). `recount_thread` keeps them on every path that changes a post's state; each path is
tried here, and the group page shows the stored figure without counting posts.

`post_count`: posts holding a place in the thread's pages (all but held ones; deleted and
hidden posts keep their place). `visible_post_count`: what the group page shows as posts.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community.models import Account
from community.services.accounts import delete_account
from groups import flagging as group_flagging
from groups.models import Post, Thread
from groups.services import posts as post_services
from moderation.filters.services import release_held
from moderation.models import HeldContent
from tests.clients import client_for
from tests.factories import AccountFactory, GroupFactory, MembershipFactory
from tests.moderation.conftest import act, flag
from tests.pages import page_text
from tests.world import reply, start_thread

pytestmark = pytest.mark.django_db

EXPOSING = "The manager who did this is dan.hughes@bigco.com, write to him."


@pytest.fixture
def group():
    return GroupFactory(name="Night shift", slug="night-shift")


@pytest.fixture
def author(group):
    return MembershipFactory(group=group, persona__name="Quiet Heron")


@pytest.fixture
def reader(group):
    return MembershipFactory(group=group, persona__name="Amber Finch")


@pytest.fixture
def thread(reader):
    return start_thread(reader, title="Night shift check-in", body="How is everyone?")


def counts(thread) -> tuple[int, int]:
    stored = Thread.objects.get(pk=thread.pk)
    return stored.post_count, stored.visible_post_count


def test_a_new_thread_counts_its_first_post(thread):
    assert counts(thread) == (1, 1)


def test_a_reply_counts(thread, author):
    reply(author, thread)
    assert counts(thread) == (2, 2)


def test_a_held_reply_is_not_counted_until_a_moderator_releases_it(thread, author):
    post = reply(author, thread, body=EXPOSING)
    assert post.held_at is not None
    assert counts(thread) == (1, 1)
    release_held(
        moderator=AccountFactory(role=Account.Role.MODERATOR), held=HeldContent.objects.get()
    )
    assert counts(thread) == (2, 2)


def test_an_edit_that_releases_a_hold_counts_the_post_and_one_that_holds_uncounts_it(
    thread, author
):
    post = reply(author, thread, body=EXPOSING)
    edit = {"membership": author, "post": post, "account": author.persona.account}
    post_services.edit_post(**edit, body="The manager knows what he did.")
    assert counts(thread) == (2, 2)
    post_services.edit_post(**edit, body=EXPOSING)
    assert counts(thread) == (1, 1)


def test_a_deleted_post_keeps_its_place_but_is_not_shown_as_a_post(thread, author):
    post = reply(author, thread)
    post_services.delete_post(membership=author, post=post)
    assert counts(thread) == (2, 1)


def test_a_held_post_its_author_deletes_stays_uncounted(thread, author):
    post = reply(author, thread, body=EXPOSING)
    post_services.delete_post(membership=author, post=Post.objects.get(pk=post.pk))
    assert counts(thread) == (1, 1)


def test_a_moderator_hiding_and_restoring_a_post_keeps_its_place(thread, author, reader):
    post = reply(author, thread, body="You should all be quiet.")
    moderator = AccountFactory(role=Account.Role.MODERATOR)
    act(moderator, flag(reader, post).item, "hide")
    assert counts(thread) == (2, 1)
    group_flagging.unhide_post(Post.objects.get(pk=post.pk))  # an overturned hide
    assert counts(thread) == (2, 2)


def test_a_moderator_deleting_a_post_keeps_its_place(thread, author, reader):
    post = reply(author, thread, body="You should all be quiet.")
    act(AccountFactory(role=Account.Role.MODERATOR), flag(reader, post).item, "delete")
    assert counts(thread) == (2, 1)


def test_a_moderator_deleting_a_thread_blanks_every_post(thread, author, reader):
    reply(author, thread)
    act(AccountFactory(role=Account.Role.MODERATOR), flag(author, thread).item, "delete")
    assert counts(thread) == (2, 0)


def test_a_moderator_hiding_a_thread_keeps_its_counts(thread, author, reader):
    reply(author, thread)
    act(AccountFactory(role=Account.Role.MODERATOR), flag(author, thread).item, "hide")
    assert counts(thread) == (2, 2)


def test_erasing_an_account_and_its_writing_blanks_its_posts_in_place(thread, author, reader):
    reply(author, thread)
    other = start_thread(author, title="Mine", body="My first post.")
    reply(reader, other)
    delete_account(account=author.persona.account, keep_content=False)
    assert counts(thread) == (2, 1)
    assert counts(other) == (2, 1)


def test_the_group_page_shows_the_stored_count_and_counts_no_posts(thread, author, reader):
    reply(author, thread)
    post_services.delete_post(membership=author, post=reply(author, thread, body="Oops."))
    client = client_for(reader)
    with CaptureQueriesContext(connection) as queries:
        page = page_text(client.get("/groups/night-shift/"))
    assert "2 posts ·" in page
    post_table = Post._meta.db_table
    assert not any(f'FROM "{post_table}"' in query["sql"] for query in queries.captured_queries)
