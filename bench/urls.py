"""Lantern's URLs plus /bench/trivial/, for the benchmark's servers only (bench/settings.py)."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from community.urls import handler400, handler403, handler404, handler500  # noqa: F401

TRIVIAL_PATH = "/bench/trivial/"


def trivial(request: HttpRequest) -> HttpResponse:
    """No database, no template: what every page pays for the server and the middleware."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path(TRIVIAL_PATH.strip("/") + "/", trivial),
    path("", include("community.urls")),
]
