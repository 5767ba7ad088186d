"""In-app notifications and the opt-in email nudge that goes with them (DESIGN.md §3).

The email never carries content or names: only that something is waiting, and a link to the
notifications page. It is sent at most once per `NOTIFICATION_EMAIL_MIN_INTERVAL_MINUTES` per
account, so a busy thread does not flood an inbox someone else may be reading.

No request waits on the mail server: `notify` queues the email once the transaction commits
(community/tasks.py), and the task worker (`manage.py db_worker`) sends it, retrying with
backoff when the server fails. The queue row holds the account's number, never its address.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac

from community import notification_kinds, notification_targets
from community.models import Account, Notification, Persona
from community.origin import site_origin

EMAIL_SUBJECT = "You have a new notification on Lantern"


def notify(
    *,
    account: Account,
    kind: str,
    text: str,
    url: str = "",
    actor_persona: Persona | None = None,
    subject: models.Model | None = None,
) -> Notification:
    """Tell `account` something in the app. `text` may name personas of one space only.

    `actor_persona` is the persona whose action this reports, kept (never shown) so that a
    block of that persona by `account`, later, hides the notification too; `subject` is what it
    is about (a post), for `has_unread`. With `account.email_notifications` on, an email
    without content is queued once the transaction commits (a rolled-back action sends nothing);
    its link uses the site's address as known now (SITE_URL, or this request's origin).
    `kind` must be registered by the sending app (community.notification_kinds).
    """
    if not notification_kinds.is_registered(kind):
        raise ValueError(
            f"Unknown notification kind {kind!r}: the sending app must register it with "
            "community.notification_kinds.register_kind() from its AppConfig.ready()."
        )
    notification = Notification(
        account=account, kind=kind, text=text, url=url, actor_persona=actor_persona
    )
    if subject is not None:
        notification.subject = subject
    notification.save()
    if account.email_notifications:
        origin = site_origin()
        # robust: the action has committed; a queue that fails (logged) must not undo its answer.
        transaction.on_commit(
            lambda: queue_notification_email(account=account, origin=origin), robust=True
        )
    return notification


def has_unread(*, account_id: int, kind: str, subject: models.Model) -> bool:
    """Whether `account_id` has an unread `kind` notification about `subject` (to merge
    repeated events, e.g. reactions on one post, into the first notice)."""
    return Notification.objects.filter(
        account_id=account_id,
        kind=kind,
        subject_type=ContentType.objects.get_for_model(subject),
        subject_id=subject.pk,
        read_at__isnull=True,
    ).exists()


def _email_throttle_key(account: Account) -> str:
    # An HMAC of the pk, so cache key names (visible in Redis) reveal no account id.
    owner = salted_hmac("notifications.email", str(account.pk)).hexdigest()[:24]
    return f"notifications:email:{owner}"


def _notifications_link(origin: str) -> str:
    """Where the email sends the reader; in words when the site's address is unknown (SITE_URL
    unset and no request, e.g. a management command)."""
    path = reverse("notifications")
    if not origin:
        return f"Open Lantern and choose Notifications ({path})."
    return origin + path


def queue_notification_email(*, account: Account, origin: str = "") -> bool:
    """Queue the content-free nudge unless one went out within the interval; True if queued.

    Runs in the request (after commit), so it only claims the interval and writes a queue row:
    the row's arguments are the account's number and the site's address (`origin`, for the
    link), never the account's email address, which the worker loads.
    """
    # Imported here: the task module imports this one to send.
    from community.tasks import deliver_notification_email

    if not account.email_notifications or not account.email:
        return False
    interval = settings.NOTIFICATION_EMAIL_MIN_INTERVAL_MINUTES * 60
    # cache.add is atomic: of two concurrent notifications only one wins the slot.
    if not cache.add(_email_throttle_key(account), 1, timeout=interval):
        return False
    deliver_notification_email.enqueue(account_id=account.pk, origin=origin)
    return True


def send_notification_email(*, account: Account, origin: str | None = None) -> None:
    """Send the nudge to `account` now (the task worker calls this).

    `origin` is the site's address ("https://lantern.example.org"), by default SITE_URL or the
    origin of the request being answered (community.origin). Raises OSError (smtplib's errors,
    refused and timed-out connections) when the mail server fails; the caller retries. The
    exception's text may name the address: never log it.
    """
    link = _notifications_link(site_origin() if origin is None else origin)
    body = (
        "Hello,\n\n"
        "Something new is waiting for you on Lantern. For your privacy this email says no more.\n\n"
        f"{link}\n\n"
        "You get these emails because you turned on email notifications. You can turn them off "
        "in your settings at any time.\n"
    )
    send_mail(EMAIL_SUBJECT, body, None, [account.email])


def mark_all_read(*, account: Account) -> int:
    """Mark every unread notification of `account` read; returns how many changed."""
    return Notification.objects.filter(account=account, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def withdraw_notifications(
    *, about: models.QuerySet, kinds: list[str], account: Account | None = None
) -> int:
    """Delete the `kinds` of notifications about any of `about` (a queryset of subjects), of
    `account` only if given; returns how many went.

    The app that owns the subjects calls this when they stop being reachable (a post deleted
    or hidden, a thread hidden, a membership ended), so a notice never leads to a 404 and the
    bell, counted on every page, needs no join to check targets. community knows nothing of
    the subjects' apps: they pass their own querysets, and their own kinds (another app's
    notice about the same object, e.g. a moderator's decision, is not theirs to take away).
    """
    notifications = Notification.objects.filter(
        subject_type=ContentType.objects.get_for_model(about.model),
        subject_id__in=about.values("pk"),
        kind__in=kinds,
    )
    if account is not None:
        notifications = notifications.filter(account=account)
    deleted, _by_model = notifications.delete()
    return deleted


def open_notification(*, account: Account, notification: Notification) -> str | None:
    """Mark `notification` (of `account`) read and return where it leads now, computed from its
    subject by the subject's app (community.notification_targets), so later posts or pages
    never make it stale; its stored link when it has no subject or no app resolves its kind.

    A notification whose subject is no longer there for `account` is deleted and None
    returned: the one small write a GET may make either way (DESIGN.md §4).
    """
    if notification.subject_type_id is None:
        target = notification.url
    else:
        subject = notification.subject
        target = (
            None
            if subject is None
            else notification_targets.target_url(
                account, subject, kind=notification.kind, default=notification.url
            )
        )
    if target is None:
        notification.delete()
        return None
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk).update(read_at=timezone.now())
    return target
