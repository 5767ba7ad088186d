"""Fault: the mail server accepts connections and never answers (issue #9, section 4).

A reply must be stored once and answered at once whatever the mail server does: the request
only queues the notification email. The worker's attempt then gives up after EMAIL_TIMEOUT and
schedules the next one.
"""

import logging
import time

import pytest
from django.core import mail
from django.test import Client

from community.models import Notification
from groups.models import Post
from groups.services import posts as post_services
from tests.factories import AccountFactory, GroupFactory, MembershipFactory
from tests.task_queue import run_queued_tasks, waiting_tasks

pytestmark = pytest.mark.django_db

# Short, so that the test is quick, yet far longer than answering a reply takes here.
EMAIL_TIMEOUT = 3.0
REPLY = "Thank you for saying this, it helps."


@pytest.fixture
def smtp_hangs(settings, hanging_port):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", hanging_port
    settings.EMAIL_TIMEOUT = EMAIL_TIMEOUT


def test_a_reply_answers_at_once_and_its_email_waits_for_a_retry(
    smtp_hangs, caplog, django_capture_on_commit_callbacks
):
    group = GroupFactory()
    author = MembershipFactory(
        group=group,
        persona__account=AccountFactory(
            email="harbour.private@example.test", email_notifications=True
        ),
    )
    thread = post_services.create_thread(
        account=author.persona.account,
        membership=author,
        group=group,
        title="Back at work",
        body="First week back.",
    )
    replier = MembershipFactory(group=group)
    client = Client()
    client.force_login(replier.persona.account)

    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/groups/{group.slug}/threads/{thread.public_id}/reply/", {"body": REPLY}
        )
    answered_in = time.monotonic() - started

    assert response.status_code == 302
    assert answered_in < EMAIL_TIMEOUT
    assert Post.objects.filter(thread=thread, body=REPLY).count() == 1
    assert Notification.objects.filter(account=author.persona.account).count() == 1
    [queued] = waiting_tasks()

    started = time.monotonic()
    with caplog.at_level(logging.WARNING):
        run_queued_tasks()
    worked_for = time.monotonic() - started

    assert EMAIL_TIMEOUT * 0.9 <= worked_for < EMAIL_TIMEOUT * 3
    assert mail.outbox == []
    [retry] = waiting_tasks()
    assert retry.pk != queued.pk
    assert retry.args_kwargs["kwargs"] == {
        "account_id": author.persona.account.pk,
        "origin": "http://testserver",
        "attempt": 2,
    }
    [warning] = [r.getMessage() for r in caplog.records if "notification email" in r.message]
    # smtplib reports the timed-out wait for the server's greeting as a disconnection.
    assert "SMTPServerDisconnected" in warning
    assert "trying again in 1 minutes" in warning
    assert "harbour" not in caplog.text
