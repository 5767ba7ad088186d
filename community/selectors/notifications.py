"""Reads for notifications: the bell's count and the notifications page."""

from django.db.models import QuerySet

from community.models import Account, Notification
from community.selectors import blocked_personas_of


def _visible_to_owner(account: Account) -> QuerySet[Notification]:
    """`account`'s notifications, less those caused by personas it has blocked since.

    Matched on the persona, so a block hides what that persona did in its own space and
    nothing the same account did elsewhere under another name.
    """
    return Notification.objects.filter(account=account).exclude(
        actor_persona__in=blocked_personas_of(account)
    )


def unread_notification_count(account: Account) -> int:
    """One COUNT over the (account, read_at) index; cheap enough for every page."""
    return _visible_to_owner(account).filter(read_at__isnull=True).count()


def notifications_of(account: Account) -> QuerySet[Notification]:
    """`account`'s own notifications, newest first."""
    return _visible_to_owner(account).order_by("-created", "-pk")


def notifications_to_open(account: Account) -> QuerySet[Notification]:
    """`account`'s notifications one may open: the same that the page lists."""
    return _visible_to_owner(account)
