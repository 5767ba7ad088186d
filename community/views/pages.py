"""Public pages (home, guidelines, support, privacy) and the friendly error pages.

The error handlers render only the layout and a short message: never the exception, the path
or anything else a traceback could carry.
"""

from django.conf import settings
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

from community.models import SupportResource


def home(request):
    return render(request, "community/home.html")


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
    database behind the session, for one). The layout gets only what it cannot do without."""
    context = {
        "QUICK_EXIT_URL": settings.QUICK_EXIT_URL,
        "discreet_mode": _discreet_or_unknown(request),
    }
    return HttpResponseServerError(loader.get_template("500.html").render(context))


def _discreet_or_unknown(request) -> bool:
    """Discreet mode of the viewer; when it can't be known, the neutral title is the safe side."""
    try:
        user = request.user
        return bool(user.is_authenticated and user.discreet_mode)
    except Exception:
        return True
