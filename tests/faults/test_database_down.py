"""When the database refuses or hangs, a member gets Lantern's 503 page with their text on it.

The request's database connection is swapped for one to a port that refuses, or to a listener
that accepts and never answers (the driver's connect timeout ends the wait), so the session,
the account and the thread all fail to load as they would in an outage.
"""

import time
from contextlib import contextmanager

import pytest
from django.db import connections
from django.db.utils import load_backend
from django.test import Client

from groups.models import Post
from tests.factories import MembershipFactory, ThreadFactory
from tests.faults.listeners import hanging_address, refused_address
from tests.pages import page_text

# Far below gunicorn's 30 s: the member must get an answer, not a killed worker.
ANSWER_WITHIN_SECONDS = 15
REPLY = 'It happened to me too <script>alert("x")</script> & I am still here.'


@contextmanager
def _database_at(port: int):
    """This thread's default connection points at `port` (PostgreSQL protocol) until the end."""
    original = connections["default"]
    settings_dict = {
        **original.settings_dict,
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "lantern",
        "USER": "lantern",
        "PASSWORD": "",
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "OPTIONS": {"connect_timeout": 1},
    }
    backend = load_backend(settings_dict["ENGINE"])
    connections["default"] = backend.DatabaseWrapper(settings_dict, "default")
    try:
        yield
    finally:
        connections["default"] = original


@contextmanager
def _refused_database():
    with refused_address() as (_host, port), _database_at(port):
        yield


@contextmanager
def _hanging_database():
    with hanging_address() as (_host, port), _database_at(port):
        yield


OUTAGES = pytest.mark.parametrize(
    "outage", [_refused_database, _hanging_database], ids=["refused", "hanging"]
)


@pytest.fixture
def thread_and_member(db):
    membership = MembershipFactory()
    thread = ThreadFactory(group=membership.group, body="Where do I even start?")
    client = Client(raise_request_exception=False)
    client.force_login(membership.persona.account)
    return thread, client


def _reply_url(thread) -> str:
    return f"/groups/{thread.group.slug}/threads/{thread.public_id}/reply/"


@OUTAGES
def test_a_reply_posted_while_the_database_is_down_comes_back_on_the_503_page(
    thread_and_member, outage
):
    thread, client = thread_and_member
    form = {"body": REPLY, "content_warning": "workplace harassment"}
    started = time.monotonic()
    with outage():
        response = client.post(_reply_url(thread), form)
    assert time.monotonic() - started < ANSWER_WITHIN_SECONDS
    text = page_text(response, status=503)
    assert "Lantern is having trouble, your text is below" in text
    # Escaped, in a read-only box the member can copy from.
    assert (
        "readonly>It happened to me too &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; "
        "&amp; I am still here.</textarea>"
    ) in text
    assert "readonly>workplace harassment</textarea>" in text
    assert "<script>alert" not in text
    assert not Post.objects.filter(body=REPLY).exists()


@OUTAGES
def test_a_page_read_while_the_database_is_down_is_the_503_page(thread_and_member, outage):
    thread, client = thread_and_member
    with outage():
        response = client.get(thread.get_absolute_url())
    text = page_text(response, status=503)
    assert "Lantern is having trouble" in text
    assert 'id="quick-exit"' in text
    assert "Where do I even start?" not in text
    assert "textarea" not in text


def test_the_503_page_asks_for_a_retry_and_is_never_stored(thread_and_member):
    thread, client = thread_and_member
    with _refused_database():
        response = client.post(_reply_url(thread), {"body": REPLY})
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert "no-store" in response["Cache-Control"]


def test_the_503_page_never_echoes_passwords_or_tokens(db):
    client = Client(raise_request_exception=False)
    secrets_sent = {
        "login": "someone@example.test",
        "password": "correct horse battery staple",
        "csrfmiddlewaretoken": "the-form-token-1234",
        "code": "123456",
    }
    with _refused_database():
        response = client.post("/accounts/login/", secrets_sent)
    text = page_text(response, status=503)
    assert "someone@example.test" in text  # their own words, given back to them
    for secret in ["correct horse battery staple", "the-form-token-1234", "123456"]:
        assert secret not in text
