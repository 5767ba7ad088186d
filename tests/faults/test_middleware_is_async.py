"""Every middleware runs natively under ASGI: a sync-only one parks a thread in async_to_sync on
each request under daphne, and such threads keep daphne from exiting on SIGTERM (issue 9)."""

import pytest
from asgiref.sync import async_to_sync
from django.conf import settings
from django.test import AsyncClient, Client
from django.urls import reverse
from django.utils.module_loading import import_string

from tests.factories import AccountFactory


def test_every_middleware_in_the_stack_supports_async():
    sync_only = [
        name
        for name in settings.MIDDLEWARE
        if not getattr(import_string(name), "async_capable", False)
    ]
    assert sync_only == []


@pytest.fixture(autouse=True)
def static_files_from_the_finders(settings):
    # As in development: no collectstatic output in the test run, so index the source folders.
    settings.WHITENOISE_USE_FINDERS = True


def test_static_files_are_served_under_asgi():
    async def get():
        response = await AsyncClient().get("/static/css/lantern.css")
        return response, b"".join(response.streaming_content)

    response, body = async_to_sync(get)()
    assert response.status_code == 200
    assert b".error-page" in body


def test_static_files_are_still_served_under_wsgi():
    response = Client().get("/static/css/lantern.css")
    assert response.status_code == 200
    assert b".error-page" in b"".join(response.streaming_content)


def test_a_missing_static_file_falls_through_to_the_404_page():
    assert async_to_sync(AsyncClient().get)("/static/no-such-file.css").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_staff_without_mfa_are_still_sent_to_the_mfa_setup_under_asgi():
    staff = AccountFactory(is_staff=True, totp_secret=False)
    client = AsyncClient()
    client.force_login(staff)
    response = async_to_sync(client.get)("/staff/admin/")
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    assert async_to_sync(client.get)("/guidelines/").status_code == 200
