"""Issue #9 §5: one form sent twice at once (same CSRF token, same body, same `client_id`)
stores one post, and both requests land the member on it.

The two requests really overlap: two threads, each with its own database connection, are
released together. On SQLite the second waits for the first's write lock; on PostgreSQL
(`make test-services`) both may pass the first look and the unique constraint decides.
"""

import threading
import uuid

import pytest
from django.db import connection
from django.test import Client

from community.models import Notification
from groups.models import Post, Thread
from tests.factories import GroupFactory, MembershipFactory, ThreadFactory

pytestmark = pytest.mark.django_db(transaction=True)

BODY = "I finally told my manager what happened. Thank you all for the courage."


def _send_together(client: Client, url: str, data: dict, times: int = 2) -> list:
    """POST `data` to `url` from `times` threads released at once; the responses, in order."""
    start = threading.Barrier(times)
    responses = [None] * times

    def send(index: int) -> None:
        try:
            start.wait(timeout=10)
            responses[index] = client.post(url, data)
        finally:
            connection.close()  # each thread's own connection, or the test database lingers

    workers = [threading.Thread(target=send, args=(index,)) for index in range(times)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    return responses


def _logged_in(membership) -> Client:
    client = Client()
    client.force_login(membership.persona.account)
    return client


def test_a_reply_sent_twice_at_once_is_stored_once_and_both_land_on_it():
    group = GroupFactory(slug="night-shift")
    author = MembershipFactory(group=group)
    thread = ThreadFactory(membership=author)
    replier = MembershipFactory(group=group, persona__name="Steady Otter 4")
    client = _logged_in(replier)
    url = f"/groups/night-shift/threads/{thread.public_id}/reply/"
    data = {"body": BODY, "content_warning": "", "client_id": str(uuid.uuid4())}

    first, second = _send_together(client, url, data)

    assert (first.status_code, second.status_code) == (302, 302)
    stored = Post.objects.get(author=replier.persona)
    assert stored.body == BODY
    assert first["Location"] == second["Location"] == stored.get_absolute_url()
    # The thread's author hears of one reply, not two.
    assert Notification.objects.filter(account=author.persona.account).count() == 1
    page = client.get(first["Location"])
    assert page.status_code == 200
    assert page.content.decode().count(BODY) == 1


def test_a_new_thread_sent_twice_at_once_is_stored_once_and_both_land_on_it():
    group = GroupFactory(slug="night-shift")
    member = MembershipFactory(group=group)
    client = _logged_in(member)
    data = {
        "title": "Going back after leave",
        "body": BODY,
        "content_warning": "",
        "client_id": str(uuid.uuid4()),
    }

    first, second = _send_together(client, "/groups/night-shift/threads/new/", data)

    assert (first.status_code, second.status_code) == (302, 302)
    thread = Thread.objects.get(author=member.persona)
    assert first["Location"] == second["Location"] == thread.get_absolute_url()
    assert list(thread.posts.values_list("body", flat=True)) == [BODY]
    assert client.get(first["Location"]).status_code == 200
