"""Logging in the way a member does (allauth's login view, which records a usersessions row);
`force_login` bypasses allauth and leaves no row."""

from importlib import import_module

from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.factories import DEMO_PASSWORD

FIREFOX_ON_WINDOWS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"
)
SAFARI_ON_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"
)
# From the documentation range (RFC 5737): if it shows up anywhere, it was stored.
CLIENT_ADDRESS = "203.0.113.77"


def logged_in_client(account, *, user_agent: str = FIREFOX_ON_WINDOWS) -> Client:
    client = Client(HTTP_USER_AGENT=user_agent, REMOTE_ADDR=CLIENT_ADDRESS)
    response = client.post(
        reverse("account_login"), {"login": account.email, "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def is_live(session_key: str) -> bool:
    """Whether the session store still holds the session (whatever SESSION_ENGINE is)."""
    return import_module(settings.SESSION_ENGINE).SessionStore().exists(session_key)
