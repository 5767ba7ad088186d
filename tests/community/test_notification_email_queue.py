"""Notification emails go through the task queue: the request only queues, the worker sends,
and a failing mail server gets the email again later, with logs that never name the address."""

import logging
import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as MemoryBackend
from django.utils import timezone

from community.models import Account
from community.services.notifications import notify
from community.tasks import deliver_notification_email
from tests.factories import AccountFactory
from tests.task_queue import bring_forward_waiting_tasks, run_queued_tasks, waiting_tasks

pytestmark = pytest.mark.django_db


class FlakyBackend(MemoryBackend):
    """Refuses the first `failures_left` sends the way an SMTP server refuses a recipient: with
    the address in the exception's text."""

    failures_left = 0

    def send_messages(self, messages):
        if FlakyBackend.failures_left:
            FlakyBackend.failures_left -= 1
            recipients = {address: (451, b"try later") for m in messages for address in m.to}
            raise smtplib.SMTPRecipientsRefused(recipients)
        return super().send_messages(messages)


@pytest.fixture
def flaky_mail(settings):
    settings.EMAIL_BACKEND = "tests.community.test_notification_email_queue.FlakyBackend"
    yield FlakyBackend
    FlakyBackend.failures_left = 0


@pytest.fixture
def opted_in(db):
    return AccountFactory(email="river.private@example.test", email_notifications=True)


def notify_and_commit(account: Account, capture) -> None:
    with capture(execute=True):
        notify(account=account, kind="reply", text="Someone replied")


def test_the_request_only_queues_the_email_by_account_number(
    opted_in, django_capture_on_commit_callbacks
):
    notify_and_commit(opted_in, django_capture_on_commit_callbacks)

    assert mail.outbox == []
    [queued] = waiting_tasks()
    assert queued.task_path == "community.tasks.deliver_notification_email"
    # The account's number and the site's address for the link (none outside a request).
    assert queued.args_kwargs == {"args": [], "kwargs": {"account_id": opted_in.pk, "origin": ""}}
    assert opted_in.email not in str(queued.args_kwargs)

    run_queued_tasks()
    assert [email.to for email in mail.outbox] == [[opted_in.email]]
    assert waiting_tasks() == []


def test_an_account_that_opted_out_before_the_worker_ran_gets_nothing(
    opted_in, django_capture_on_commit_callbacks
):
    notify_and_commit(opted_in, django_capture_on_commit_callbacks)
    Account.objects.filter(pk=opted_in.pk).update(email_notifications=False)

    run_queued_tasks()

    assert mail.outbox == []


def test_a_deleted_account_gets_nothing_and_the_task_ends(opted_in):
    result = deliver_notification_email.enqueue(account_id=opted_in.pk)
    opted_in.delete()

    run_queued_tasks()

    assert mail.outbox == []
    assert deliver_notification_email.get_result(result.id).return_value is False


def test_a_refused_email_is_retried_with_backoff_and_sent_once(
    opted_in, flaky_mail, caplog, django_capture_on_commit_callbacks
):
    flaky_mail.failures_left = 2
    notify_and_commit(opted_in, django_capture_on_commit_callbacks)

    with caplog.at_level(logging.INFO):
        run_queued_tasks()
        [retry] = waiting_tasks()
        assert retry.args_kwargs["kwargs"] == {
            "account_id": opted_in.pk,
            "origin": "",
            "attempt": 2,
        }
        assert_due_in(retry, minutes=1)

        bring_forward_waiting_tasks()
        run_queued_tasks()
        [retry] = waiting_tasks()
        assert retry.args_kwargs["kwargs"]["attempt"] == 3
        assert_due_in(retry, minutes=5)

        bring_forward_waiting_tasks()
        run_queued_tasks()

    assert [email.to for email in mail.outbox] == [[opted_in.email]]
    assert waiting_tasks() == []
    failures = [r.getMessage() for r in caplog.records if "notification email failed" in r.message]
    assert len(failures) == 2
    assert "SMTPRecipientsRefused" in failures[0]
    assert_no_address_in(caplog, opted_in)


def test_after_the_last_attempt_the_email_is_dropped_and_that_is_logged(
    opted_in, flaky_mail, caplog, settings, django_capture_on_commit_callbacks
):
    settings.NOTIFICATION_EMAIL_MAX_ATTEMPTS = 2
    flaky_mail.failures_left = 5
    notify_and_commit(opted_in, django_capture_on_commit_callbacks)

    with caplog.at_level(logging.INFO):
        run_queued_tasks()
        bring_forward_waiting_tasks()
        run_queued_tasks()

    assert mail.outbox == []
    assert waiting_tasks() == []
    assert flaky_mail.failures_left == 3
    assert any("giving up" in record.getMessage() for record in caplog.records)
    assert_no_address_in(caplog, opted_in)


def assert_due_in(task_row, *, minutes: float) -> None:
    wait = task_row.run_after - timezone.now()
    assert timedelta(minutes=minutes) - timedelta(seconds=30) < wait <= timedelta(minutes=minutes)


def assert_no_address_in(caplog, account: Account) -> None:
    assert caplog.records, "nothing was logged"
    for record in caplog.records:
        text = record.getMessage() + (caplog.text if record.exc_info else "")
        assert account.email not in text
        assert account.email.split("@")[0] not in text
