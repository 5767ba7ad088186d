from django.conf import settings


def safety(request):
    """What the base layout needs on every page: the quick-exit target and discreet mode."""
    user = getattr(request, "user", None)
    return {
        "QUICK_EXIT_URL": settings.QUICK_EXIT_URL,
        "discreet_mode": bool(user and user.is_authenticated and user.discreet_mode),
    }
