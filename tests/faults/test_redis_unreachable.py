"""Redis refused or hung: logging in and posting still work, limits still count (issue #9, 2).

The cache (allauth's login limits, Lantern's per-account limits, the notification email
throttle) is pointed at a port that refuses or one that accepts and never answers. Every test
is bounded by `time_limit`: a cache call without a timeout would hang it, and it would fail.
"""

import logging

import pytest
from django.core import mail
from django.test import Client

import community.cache
from community.models import Account
from groups.models import Post
from tests.factories import MembershipFactory, ThreadFactory
from tests.faults.conftest import hanging_address, refused_address
from tests.task_queue import run_queued_tasks

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("time_limit")]

WARNING = "Redis cache unreachable"


@pytest.fixture(params=["refused", "hanging"])
def redis_unreachable(request, settings, monkeypatch):
    """The cache and channel layer as production configures them with REDIS_URL, at a Redis
    that refuses or hangs."""
    monkeypatch.setattr(community.cache, "_locations", {})  # no state left from other tests
    address = refused_address if request.param == "refused" else hanging_address
    with address() as (host, port):
        settings.CACHES = {
            "default": {
                "BACKEND": "community.cache.ResilientRedisCache",
                "LOCATION": f"redis://{host}:{port}/0",
                "KEY_PREFIX": "lantern",
                "KEY_FUNCTION": "community.cache_keys.make_key",
                "OPTIONS": {
                    "socket_connect_timeout": settings.REDIS_SOCKET_TIMEOUT_SECONDS,
                    "socket_timeout": settings.REDIS_SOCKET_TIMEOUT_SECONDS,
                },
            }
        }
        settings.CHANNEL_LAYERS = {
            "default": {
                "BACKEND": "channels_redis.core.RedisChannelLayer",
                "CONFIG": {"hosts": [f"redis://{host}:{port}/0"], "prefix": "lantern"},
            }
        }
        yield request.param


def unreachable_warnings(caplog) -> list[logging.LogRecord]:
    return [record for record in caplog.records if WARNING in record.getMessage()]


def test_login_with_the_right_password_logs_in(redis_unreachable, client, account, password):
    response = client.post("/accounts/login/", {"login": account.email, "password": password})

    assert response.status_code == 302
    assert client.get("/settings/").status_code == 200
    assert account.email in client.get("/settings/").content.decode()


def test_failed_logins_are_still_limited_per_process(redis_unreachable, client, account, settings):
    allowed = int(settings.ACCOUNT_RATE_LIMITS["login_failed"].split(",")[-1].split("/")[0])
    for _attempt in range(allowed):
        response = client.post("/accounts/login/", {"login": account.email, "password": "wrong"})
        assert response.status_code == 200

    response = client.post("/accounts/login/", {"login": account.email, "password": "wrong"})

    assert response.status_code == 429
    assert b"Too many attempts" in response.content


def test_a_reply_is_stored_and_its_author_notified(
    redis_unreachable, django_capture_on_commit_callbacks
):
    author = MembershipFactory(persona__account__email_notifications=True)
    thread = ThreadFactory(membership=author)
    replier = MembershipFactory(group=thread.group)
    client = Client()
    client.force_login(replier.persona.account)
    text = "I went through the same thing last year.\n\nIt gets **better**."

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/groups/{thread.group.slug}/threads/{thread.public_id}/reply/", {"body": text}
        )

    assert response.status_code == 302
    post = Post.objects.get(thread=thread, author=replier.persona)
    assert post.body == text
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "It gets <strong>better</strong>." in page.content.decode()
    run_queued_tasks()  # the worker sends what the reply queued
    assert len(mail.outbox) == 1  # the email throttle counted locally and let the first through
    assert mail.outbox[0].to == [author.persona.account.email]


def test_the_per_account_post_limit_still_holds_and_keeps_the_text(redis_unreachable, settings):
    settings.GROUPS_POST_RATE = "1/d"  # a day: a fixed window, so no boundary between posts
    thread = ThreadFactory()
    replier = MembershipFactory(group=thread.group)
    client = Client()
    client.force_login(replier.persona.account)
    reply_url = f"/groups/{thread.group.slug}/threads/{thread.public_id}/reply/"

    first = client.post(reply_url, {"body": "First reply."})
    second = client.post(reply_url, {"body": "A second reply, over the limit."})

    assert first.status_code == 302
    assert second.status_code == 400
    assert "A second reply, over the limit." in second.content.decode()
    assert list(Post.objects.filter(author=replier.persona).values_list("body", flat=True)) == [
        "First reply."
    ]


def test_the_switch_is_logged_once_without_the_address(
    redis_unreachable, client, account, password, caplog
):
    caplog.set_level(logging.INFO, logger="lantern.cache")
    for _attempt in range(3):
        response = client.post("/accounts/login/", {"login": account.email, "password": "wrong"})
        assert response.status_code == 200
    response = client.post("/accounts/login/", {"login": account.email, "password": password})
    assert response.status_code == 302

    (warning,) = unreachable_warnings(caplog)
    assert warning.levelno == logging.WARNING
    assert "127.0.0.1" not in warning.getMessage()


def test_reading_a_thread_works(redis_unreachable):
    thread = ThreadFactory(body="Has anyone dealt with this at a conference?")
    reader = MembershipFactory(group=thread.group)
    client = Client()
    client.force_login(reader.persona.account)

    response = client.get(f"/groups/{thread.group.slug}/threads/{thread.public_id}/")

    assert response.status_code == 200
    assert "Has anyone dealt with this at a conference?" in response.content.decode()


def test_a_new_account_can_sign_up(redis_unreachable, client):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "new.member@example.test",
            "password1": "a long new passphrase",
            "password2": "a long new passphrase",
        },
    )

    assert response.status_code == 302
    assert Account.objects.filter(email="new.member@example.test").exists()


def test_healthz_still_reports_the_channel_layer_down(redis_unreachable, client):
    # The cache falls back; the channel layer (chat fan-out) cannot, and says so.
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["channel_layer"] == "error"
