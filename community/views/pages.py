"""Public pages (home, guidelines, support, privacy) and the friendly error pages.

The error handlers render only the layout and a short message: never the exception, the path
or anything else a traceback could carry.
"""

import sys

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_safe

from community import home_sections
from community.models import SupportResource


def home(request):
    return render(request, "community/home.html")


@require_safe
@login_required
def member_home(request):
    """The member's own page: their groups and what is new in them, side by side, each under
    the persona of its own space (`community.home_sections`). Only its owner ever sees it."""
    return render(
        request,
        "community/member_home.html",
        {"sections": home_sections.sections_for(request.user)},
    )


def guidelines(request):
    return render(request, "community/guidelines.html")


def privacy(request):
    return render(request, "community/privacy.html")


def support(request):
    return render(request, "community/support.html", {"sections": _support_sections()})


def _support_sections() -> list[tuple[str, list[SupportResource]]]:
    """Published resources under their category's heading, crisis lines first."""
    resources = list(SupportResource.objects.filter(is_published=True))
    return [
        (label, [resource for resource in resources if resource.category == value])
        for value, label in SupportResource.Category.choices
        if any(resource.category == value for resource in resources)
    ]


def _error_page(request, template_name: str, status: int) -> HttpResponse:
    return render(request, template_name, status=status)


@requires_csrf_token
def bad_request(request, exception=None):
    return _error_page(request, "400.html", 400)


@requires_csrf_token
def permission_denied(request, exception=None):
    return _error_page(request, "403.html", 403)


@requires_csrf_token
def page_not_found(request, exception=None):
    return _error_page(request, "404.html", 404)


def server_error(request):
    """Rendered without the request's context processors: they may be what failed (the
    database behind the session, for one). The layout gets only what it cannot do without.

    A database that refuses, hangs past its timeouts or is locked is an outage, not a bug:
    the member gets the 503 page with what they were sending, so nothing they wrote is lost.
    """
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return service_unavailable(request)
    context = {
        "QUICK_EXIT_URL": settings.QUICK_EXIT_URL,
        "discreet_mode": _discreet_or_unknown(request),
    }
    return HttpResponseServerError(loader.get_template("500.html").render(context))


def service_unavailable(request) -> HttpResponse:
    """Lantern's 503: "having trouble, your text is below", touching no database.

    Never cached anywhere, since it carries the member's own words back to them.
    """
    context = {
        "QUICK_EXIT_URL": settings.QUICK_EXIT_URL,
        # The database is what failed: ask it nothing, not even who the viewer is.
        "discreet_mode": _discreet_if_known_else_neutral(request),
        "kept_fields": _kept_text(request),
    }
    response = HttpResponse(loader.get_template("503.html").render(context), status=503)
    response["Retry-After"] = str(settings.SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


# Parts of a field name that mark what must never be echoed into a page: passwords, CSRF and
# submission tokens, MFA codes, keys.
SECRET_FIELD_MARKERS = ("password", "token", "secret", "csrf", "code", "key", "otp", "client_id")


def _kept_text(request) -> list[tuple[str, str]]:
    """What the member was posting, field by field (label, text), for them to copy.

    Only non-empty text fields whose names mark nothing secret; the template escapes them.
    """
    if request.method != "POST":
        return []
    try:
        fields = request.POST.lists()
    except Exception:
        # A body that cannot be parsed has nothing to give back; the page still answers.
        return []
    return [
        (name.replace("_", " ").capitalize(), value)
        for name, values in fields
        if not any(marker in name.lower() for marker in SECRET_FIELD_MARKERS)
        for value in values
        if value.strip()
    ]


def _discreet_if_known_else_neutral(request) -> bool:
    """Discreet mode of a viewer already loaded before the failure; otherwise the neutral
    title, since loading them would ask the database that just failed."""
    user = getattr(request, "_cached_user", None)
    if user is None:
        return True
    return bool(user.is_authenticated and user.discreet_mode)


def _discreet_or_unknown(request) -> bool:
    """Discreet mode of the viewer; when it can't be known, the neutral title is the safe side."""
    try:
        user = request.user
        return bool(user.is_authenticated and user.discreet_mode)
    except Exception:
        return True
