"""The link in a notification email leads back to the address Lantern is served on (issue #8 §9).

With `SITE_URL` unset, that is the address of the request that caused the email: a reply posted
on port 8010 sends a link to port 8010, not to the old default of port 8000. `SITE_URL`, when
set, wins. A notification made outside any request (a management command) says where to go in
words rather than link to a guessed address.
"""

import pytest
from django.core import mail
from django.test import Client

from community.services.notifications import notify
from tests.factories import AccountFactory, MembershipFactory, ThreadFactory
from tests.task_queue import run_queued_tasks

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread_with_subscribed_author():
    """A thread whose author gets notification emails, and a member ready to reply to it."""
    author = MembershipFactory(persona__account__email_notifications=True)
    thread = ThreadFactory(membership=author)
    replier = MembershipFactory(group=thread.group)
    return thread, author, replier


def _reply_over_http(thread, replier, *, host: str):
    client = Client(HTTP_HOST=host)
    client.force_login(replier.persona.account)
    return client.post(
        f"/groups/{thread.group.slug}/threads/{thread.public_id}/reply/",
        {"body": "You're not alone in this."},
    )


def test_without_site_url_the_link_uses_the_requests_host_and_port(
    settings, thread_with_subscribed_author, django_capture_on_commit_callbacks
):
    settings.SITE_URL = ""
    thread, author, replier = thread_with_subscribed_author

    with django_capture_on_commit_callbacks(execute=True):
        response = _reply_over_http(thread, replier, host="localhost:8010")
    run_queued_tasks()  # the worker sends, with the address known when the reply was made

    assert response.status_code == 302
    assert [email.to for email in mail.outbox] == [[author.persona.account.email]]
    assert "http://localhost:8010/notifications/" in mail.outbox[0].body
    assert ":8000" not in mail.outbox[0].body


def test_site_url_when_set_is_the_links_address(
    settings, thread_with_subscribed_author, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://lantern.example.org/"
    thread, _author, replier = thread_with_subscribed_author

    with django_capture_on_commit_callbacks(execute=True):
        response = _reply_over_http(thread, replier, host="localhost:8010")
    run_queued_tasks()  # the worker sends, with the address known when the reply was made

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "https://lantern.example.org/notifications/" in mail.outbox[0].body
    assert "localhost:8010" not in mail.outbox[0].body


def test_a_host_outside_allowed_hosts_gets_a_400_and_sends_nothing(
    settings, thread_with_subscribed_author, django_capture_on_commit_callbacks
):
    settings.SITE_URL = ""
    thread, _author, replier = thread_with_subscribed_author

    with django_capture_on_commit_callbacks(execute=True):
        response = _reply_over_http(thread, replier, host="evil.example:8000")
    run_queued_tasks()  # the worker sends, with the address known when the reply was made

    assert response.status_code == 400
    assert mail.outbox == []


def test_outside_a_request_without_site_url_the_email_says_where_to_go(
    settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = ""
    account = AccountFactory(email_notifications=True)

    with django_capture_on_commit_callbacks(execute=True):
        notify(account=account, kind="reply", text="Someone replied")
    run_queued_tasks()  # the worker sends, with the address known when the reply was made

    assert len(mail.outbox) == 1
    assert "Open Lantern and choose Notifications (/notifications/)." in mail.outbox[0].body
    assert "http" not in mail.outbox[0].body
