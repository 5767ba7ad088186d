"""Work done by the task worker (`manage.py db_worker`), outside any request.

Tasks are queued with django-tasks (the backport of Django 6's tasks framework) into
django-tasks-db's table in Lantern's own database. A task's arguments are stored in that table,
so they carry account numbers, never addresses or content; the table is internal (unregistered
from the admin, never shown), and log lines name neither.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from community.models import Account
from community.services import notifications

logger = logging.getLogger(__name__)

# Each wait is this many times the one before it: 1, 5, 25 minutes with the defaults.
RETRY_BACKOFF_FACTOR = 5


def retry_delay(attempt: int) -> timedelta:
    """How long to wait after failed attempt number `attempt` (1 for the first)."""
    minutes = settings.NOTIFICATION_EMAIL_RETRY_MINUTES * RETRY_BACKOFF_FACTOR ** (attempt - 1)
    return timedelta(minutes=minutes)


@task()
def deliver_notification_email(account_id: int, origin: str = "", attempt: int = 1) -> bool:
    """Send the content-free notification email to account `account_id`; True if sent.

    The address is read here, in the worker, at sending time: an account deleted or opted out
    since the notification gets nothing. A mail server that fails (refuses, hangs past
    EMAIL_TIMEOUT) gets the email again later, up to NOTIFICATION_EMAIL_MAX_ATTEMPTS times.
    `origin` is the site's address for the link, as known when the notification was made.
    """
    account = Account.objects.filter(pk=account_id, email_notifications=True).first()
    if account is None or not account.email:
        return False
    try:
        notifications.send_notification_email(account=account, origin=origin)
    except OSError as error:  # smtplib's errors are OSErrors, as are refused and timed-out sockets
        _retry_later(account_id=account_id, origin=origin, attempt=attempt, error=error)
        return False
    return True


def _retry_later(*, account_id: int, origin: str, attempt: int, error: OSError) -> None:
    # The error's class only: its text (SMTPRecipientsRefused, a server's reply) may hold the
    # address.
    reason = type(error).__name__
    if attempt >= settings.NOTIFICATION_EMAIL_MAX_ATTEMPTS:
        logger.error(
            "A notification email failed %d times (%s); giving up, the in-app notification stands.",
            attempt,
            reason,
        )
        return
    delay = retry_delay(attempt)
    logger.warning(
        "A notification email failed (%s, attempt %d of %d); trying again in %g minutes.",
        reason,
        attempt,
        settings.NOTIFICATION_EMAIL_MAX_ATTEMPTS,
        delay.total_seconds() / 60,
    )
    deliver_notification_email.using(run_after=timezone.now() + delay).enqueue(
        account_id=account_id, origin=origin, attempt=attempt + 1
    )
