"""Unread (issue 13): a read marker per member and thread, moved forward by the thread page (the
one write a GET may make), "N new" on the group page from stored counts, a link that opens at
the first unread post, and "Mark all as read".
"""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from community.services.accounts import delete_account
from community.services.blocks import block_persona
from groups.models import Membership, Thread, ThreadRead
from groups.services.counts import mark_group_read
from tests.clients import client_for
from tests.factories import GroupFactory, MembershipFactory
from tests.pages import page_text
from tests.world import reply, start_thread

pytestmark = pytest.mark.django_db

GROUP_URL = "/groups/night-shift/"


@pytest.fixture
def group():
    return GroupFactory(name="Night shift", slug="night-shift")


@pytest.fixture
def reader(group):
    return MembershipFactory(group=group, persona__name="Amber Finch", guidelines_shown=True)


@pytest.fixture
def writer(group):
    return MembershipFactory(group=group, persona__name="Quiet Heron")


@pytest.fixture
def thread(writer):
    return start_thread(writer, title="Night shift check-in", body="How is everyone?")


def seen(membership, thread) -> int | None:
    marker = ThreadRead.objects.filter(persona=membership.persona, thread=thread).first()
    return marker.seen if marker else None


def replies(membership, thread, count: int, settings) -> list:
    settings.GROUPS_POST_RATE = "1000/m"
    settings.GROUPS_DUPLICATE_WINDOW_MINUTES = 0
    return [reply(membership, thread, body=f"Reply number {n}.") for n in range(count)]


def thread_row(page: str, title: str) -> str:
    """The group page's list item for the thread titled `title`."""
    rows = re.findall(r'<li class="card thread-row">.*?</li>', page, flags=re.S)
    return next(row for row in rows if title in row)


def test_opening_a_thread_moves_the_marker_to_the_last_post_shown(
    client, reader, writer, thread, settings
):
    settings.GROUPS_POSTS_PER_PAGE = 3
    replies(writer, thread, 4, settings)  # five posts: pages of 3 and 2
    client.force_login(reader.persona.account)
    client.get(thread.get_absolute_url())
    assert seen(reader, thread) == 3
    client.get(thread.get_absolute_url() + "?page=2")
    assert seen(reader, thread) == 5


def test_the_marker_never_moves_back_and_a_second_visit_writes_nothing(
    client, reader, writer, thread, settings
):
    settings.GROUPS_POSTS_PER_PAGE = 3
    replies(writer, thread, 4, settings)
    client.force_login(reader.persona.account)
    client.get(thread.get_absolute_url() + "?page=2")
    with CaptureQueriesContext(connection) as queries:
        client.get(thread.get_absolute_url() + "?page=1")
    assert seen(reader, thread) == 5
    writes = [q["sql"] for q in queries.captured_queries if not q["sql"].startswith("SELECT")]
    assert writes == []


def test_a_thread_page_writes_only_the_read_marker(client, reader, thread):
    client.force_login(reader.persona.account)
    with CaptureQueriesContext(connection) as queries:
        client.get(thread.get_absolute_url())
    writes = [q["sql"] for q in queries.captured_queries if not q["sql"].startswith("SELECT")]
    assert len(writes) == 1
    assert writes[0].startswith(f"INSERT INTO {ThreadRead._meta.db_table}")


def test_the_group_page_says_how_many_posts_are_new_and_links_to_the_first(
    client, reader, writer, thread, settings
):
    settings.GROUPS_POSTS_PER_PAGE = 3
    client.force_login(reader.persona.account)
    client.get(thread.get_absolute_url())  # read: 1 post
    posts = replies(writer, thread, 4, settings)  # positions 2 to 5; 4 is the first of page 2
    row = thread_row(page_text(client.get(GROUP_URL)), "Night shift check-in")
    assert "4 new" in row
    assert f'href="{thread.get_absolute_url()}?page=1#unread"' in row

    client.get(thread.get_absolute_url())  # page 1 read: 3 posts seen
    row = thread_row(page_text(client.get(GROUP_URL)), "Night shift check-in")
    assert "2 new" in row
    assert f'href="{thread.get_absolute_url()}?page=2#unread"' in row
    page = page_text(client.get(f"{thread.get_absolute_url()}?page=2"))
    # The divider comes right before the first post not seen, and only once.
    assert page.count('id="unread"') == 1
    divider = page.index("New since your last visit")
    assert divider < page.index(f'id="post-{posts[2].public_id}"')
    assert f'id="post-{posts[1].public_id}"' not in page  # seen, on page 1

    row = thread_row(page_text(client.get(GROUP_URL)), "Night shift check-in")
    assert "new</span>" not in row
    assert f'href="{thread.get_absolute_url()}"' in row


def test_no_divider_when_nothing_is_new(client, reader, thread):
    client.force_login(reader.persona.account)
    client.get(thread.get_absolute_url())
    assert 'id="unread"' not in page_text(client.get(thread.get_absolute_url()))


def test_a_thread_started_after_joining_is_new_and_an_older_one_is_not(
    client, group, writer, settings
):
    older = start_thread(writer, title="Before you came", body="Old news.")
    Thread.objects.filter(pk=older.pk).update(created=timezone.now() - timedelta(days=3))
    newcomer = MembershipFactory(group=group, guidelines_shown=True)
    Membership.objects.filter(pk=newcomer.pk).update(created=timezone.now() - timedelta(days=1))
    fresh = start_thread(writer, title="After you came", body="Hello newcomer.")
    replies(writer, older, 30, settings)  # a long history: not a flood of "new" for a newcomer
    page = page_text(client_for(newcomer).get(GROUP_URL))
    assert "new</span>" not in thread_row(page, "Before you came")
    fresh_row = thread_row(page, "After you came")
    assert '<span class="tag tag-new">New</span>' in fresh_row
    assert f'href="{fresh.get_absolute_url()}"' in fresh_row


def test_posts_by_a_blocked_persona_still_count_as_new(client, reader, writer, thread):
    client.force_login(reader.persona.account)
    client.get(thread.get_absolute_url())
    block_persona(blocker=reader.persona.account, persona=writer.persona)
    reply(writer, thread, body="Still here.")
    assert "1 new" in page_text(client.get(GROUP_URL))


def test_a_held_reply_is_new_for_nobody(client, reader, writer, thread):
    client.force_login(reader.persona.account)
    client.get(thread.get_absolute_url())
    held = reply(writer, thread, body="Write to dan.hughes@bigco.com about it.")
    assert held.held_at is not None
    assert "new</span>" not in thread_row(page_text(client.get(GROUP_URL)), "Night shift")


def test_the_author_of_a_held_reply_reads_to_the_end_of_the_thread(client, reader, thread):
    reply(reader, thread, body="Write to dan.hughes@bigco.com about it.")
    client.force_login(reader.persona.account)
    client.get(thread.get_absolute_url())
    assert seen(reader, thread) == 1  # the one post others see too
    assert "new</span>" not in thread_row(page_text(client.get(GROUP_URL)), "Night shift")


def test_mark_all_read_clears_the_group_in_one_statement(
    client, reader, writer, thread, django_assert_num_queries, settings
):
    other = start_thread(writer, title="Another one", body="Hi.")
    client.force_login(reader.persona.account)
    client.get(thread.get_absolute_url())
    replies(writer, thread, 2, settings)
    page = page_text(client.get(GROUP_URL))
    assert "2 new" in page and '<span class="tag tag-new">New</span>' in page
    assert "Mark all as read" in page
    with django_assert_num_queries(1):
        mark_group_read(membership=reader)
    assert seen(reader, thread) == 3 and seen(reader, other) == 1
    page = page_text(client.get(GROUP_URL))
    assert "new</span>" not in page and "Mark all as read" not in page


def test_mark_all_read_is_a_post_for_members_only(client, group, reader, writer, thread):
    url = f"{GROUP_URL}read/"
    client.force_login(reader.persona.account)
    assert client.get(url).status_code == 405
    response = client.post(url, follow=True)
    assert "Everything here is marked as read." in page_text(response)
    assert seen(reader, thread) == 1
    outsider = client_for(MembershipFactory().persona.account)
    assert outsider.post(url).status_code == 404


def test_marking_one_group_read_leaves_the_others(client, reader, thread):
    elsewhere = GroupFactory()
    mine = MembershipFactory(group=elsewhere, persona__account=reader.persona.account)
    theirs = MembershipFactory(group=elsewhere)
    there = start_thread(theirs, title="Elsewhere", body="Hi.")
    client.force_login(reader.persona.account)
    client.post(f"{GROUP_URL}read/")
    assert seen(mine, there) is None


def test_the_divider_sits_between_the_seen_and_the_new_posts_of_one_page(
    client, reader, writer, thread
):
    client.force_login(reader.persona.account)
    client.get(thread.get_absolute_url())
    new = reply(writer, thread, body="Rough night here.")
    page = page_text(client.get(f"{thread.get_absolute_url()}?page=1"))
    opening = thread.posts.order_by("created", "pk").first()
    divider = page.index('id="unread"')
    assert page.index(f'id="post-{opening.public_id}"') < divider
    assert divider < page.index(f'id="post-{new.public_id}"')


def test_your_own_new_thread_is_not_new_to_you(client, reader):
    start_thread(reader, title="My own thread", body="Hello.")
    page = page_text(client_for(reader).get(GROUP_URL))
    assert "new</span>" not in thread_row(page, "My own thread")


def test_deleting_the_account_deletes_its_read_markers(client, reader, thread):
    client_for(reader).get(thread.get_absolute_url())
    delete_account(account=reader.persona.account, keep_content=True)
    assert not ThreadRead.objects.exists()


def test_the_export_says_how_many_threads_were_read_per_group_and_not_which(client, reader, thread):
    client.force_login(reader.persona.account)
    client.get(thread.get_absolute_url())
    response = client.post("/settings/export/")
    assert response.status_code == 200
    export = response.json()
    assert export["group_threads_read"] == [
        {"group": "Night shift", "threads": 1, "last_read": timezone.now().strftime("%Y-%m")}
    ]
    assert "Night shift check-in" not in str(export["group_threads_read"])


def test_a_head_request_or_a_refused_reply_moves_no_marker(client, reader, thread):
    """Only a GET is reading: a HEAD (a link checker, a prefetch) and a reply refused and
    shown again write nothing, though the divider still shows."""
    client.force_login(reader.persona.account)
    client.head(thread.get_absolute_url())
    refused = client.post(
        reverse("groups:reply", args=[thread.group.slug, thread.public_id]), {"body": ""}
    )
    assert refused.status_code == 400
    assert seen(reader, thread) is None
    client.get(thread.get_absolute_url())
    assert seen(reader, thread) == 1
