"""Reads for notifications: the bell's count and the notifications page."""

from django.db.models import QuerySet

from community.models import Account, Notification


def unread_notification_count(account: Account) -> int:
    """One COUNT over the (account, read_at) index; cheap enough for every page."""
    return Notification.objects.filter(account=account, read_at__isnull=True).count()


def notifications_of(account: Account) -> QuerySet[Notification]:
    """`account`'s own notifications, newest first."""
    return Notification.objects.filter(account=account).order_by("-created", "-pk")
