"""Error pages with DEBUG off (as in production): the layout, Quick exit, no traceback."""

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.test import Client, RequestFactory
from django.urls import path, reverse

from community import urls as community_urls
from community.views import pages
from tests.factories import AccountFactory

SECRET_DETAIL = "the-database-password-is-hunter2"


def explode(request):
    raise RuntimeError(SECRET_DETAIL)


def forbid(request):
    raise PermissionDenied(SECRET_DETAIL)


def suspicious(request):
    raise SuspiciousOperation(SECRET_DETAIL)


# This module doubles as the URLconf of the tests marked below: Lantern's own routes and
# handlers, plus views that fail on purpose.
urlpatterns = [
    path("explode/", explode),
    path("forbid/", forbid),
    path("suspicious/", suspicious),
    *community_urls.urlpatterns,
]
handler400 = community_urls.handler400
handler403 = community_urls.handler403
handler404 = community_urls.handler404
handler500 = community_urls.handler500

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


@pytest.fixture(autouse=True)
def debug_off(settings):
    settings.DEBUG = False
    settings.QUICK_EXIT_URL = "https://weather.example/"


def assert_in_layout_with_quick_exit(text):
    assert 'id="quick-exit"' in text
    assert 'href="https://weather.example/"' in text
    assert 'href="/support/"' in text


def test_missing_page_is_a_friendly_404_in_the_layout(client):
    response = client.get("/no-such-page-here/")
    assert response.status_code == 404
    text = response.content.decode()
    assert "We couldn't find that page" in text
    assert_in_layout_with_quick_exit(text)
    assert "no-such-page-here" not in text


def test_server_error_is_a_friendly_500_without_traceback():
    client = Client(raise_request_exception=False)
    response = client.get("/explode/")
    assert response.status_code == 500
    text = response.content.decode()
    assert "Something went wrong on our side" in text
    assert_in_layout_with_quick_exit(text)
    assert "Traceback" not in text
    assert SECRET_DETAIL not in text
    assert "RuntimeError" not in text


def test_server_error_handler_renders_without_a_request_context():
    bare_request = RequestFactory().get("/")  # no session, no user: middleware never ran
    response = pages.server_error(bare_request)
    assert response.status_code == 500
    text = response.content.decode()
    assert_in_layout_with_quick_exit(text)
    # Unknown viewer: the neutral tab title is the safe side.
    assert "<title>Notes</title>" in text


def test_server_error_keeps_the_lantern_title_for_a_known_visitor():
    client = Client(raise_request_exception=False)
    text = client.get("/explode/").content.decode()
    assert "Something went wrong · Lantern</title>" in text


def test_server_error_keeps_discreet_mode_for_a_discreet_member():
    client = Client(raise_request_exception=False)
    client.force_login(AccountFactory(discreet_mode=True))
    assert "<title>Notes</title>" in client.get("/explode/").content.decode()


def test_permission_denied_is_a_friendly_403(client):
    response = client.get("/forbid/")
    assert response.status_code == 403
    text = response.content.decode()
    assert "That isn't available to you" in text
    assert SECRET_DETAIL not in text
    assert_in_layout_with_quick_exit(text)


def test_bad_request_is_a_friendly_400(client):
    response = client.get("/suspicious/")
    assert response.status_code == 400
    text = response.content.decode()
    assert "Something didn't look right" in text
    assert SECRET_DETAIL not in text
    assert_in_layout_with_quick_exit(text)


def test_expired_form_gets_a_friendly_403_in_the_layout():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("account_login"), {"login": "a@example.test", "password": "x"})
    assert response.status_code == 403
    text = response.content.decode()
    assert "Please try that again" in text
    assert_in_layout_with_quick_exit(text)
