from django.conf import settings
from django.utils.functional import SimpleLazyObject

from community.selectors.notifications import unread_notification_count


def safety(request):
    """What the base layout needs on every page: the quick-exit target and discreet mode."""
    user = getattr(request, "user", None)
    return {
        "QUICK_EXIT_URL": settings.QUICK_EXIT_URL,
        "discreet_mode": bool(user and user.is_authenticated and user.discreet_mode),
    }


def notifications(request):
    """The bell's unread count: one COUNT query, run only if a template shows it."""
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return {"unread_notifications": 0}
    return {"unread_notifications": SimpleLazyObject(lambda: unread_notification_count(user))}
