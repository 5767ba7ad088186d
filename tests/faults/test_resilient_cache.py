"""The cache backend behind REDIS_URL: how it falls back, backs off and recovers (issue #9, 2)."""

import logging
import os

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError

import community.cache
from community.cache import ResilientRedisCache

pytestmark = pytest.mark.usefixtures("time_limit")


@pytest.fixture(autouse=True)
def fresh_locations(monkeypatch):
    monkeypatch.setattr(community.cache, "_locations", {})


def backend_at(port: int) -> ResilientRedisCache:
    return ResilientRedisCache(
        f"redis://127.0.0.1:{port}/0",
        {"OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}},
    )


class FlakyRedis:
    """Stands in for RedisCache.get: raises while `down`, and counts the calls that reach it."""

    def __init__(self):
        self.down = True
        self.calls = 0

    def get(self, backend, key, default=None, version=None):
        self.calls += 1
        if self.down:
            raise RedisConnectionError("connection refused")
        return "from redis"


@pytest.fixture
def flaky_redis(monkeypatch):
    flaky = FlakyRedis()
    monkeypatch.setattr(RedisCache, "get", flaky.get)
    return flaky


def test_values_survive_in_the_process_while_redis_refuses(refused_port):
    backend = backend_at(refused_port)

    backend.set("greeting", "hello", 60)

    assert backend.get("greeting") == "hello"
    assert backend.add("greeting", "other") is False
    assert backend.add("counter", 0) is True
    assert backend.incr("counter") == 1


def test_every_thread_of_the_process_shares_the_local_values(refused_port):
    backend_at(refused_port).set("shared", "yes", 60)

    assert backend_at(refused_port).get("shared") == "yes"  # another thread's cache object


def test_redis_is_left_alone_during_the_back_off(flaky_redis, refused_port, settings):
    settings.REDIS_RETRY_SECONDS = 60
    backend = backend_at(refused_port)

    for _call in range(5):
        assert backend.get("anything") is None

    assert flaky_redis.calls == 1


def test_recovery_is_logged_once_and_redis_answers_again(
    flaky_redis, refused_port, settings, caplog
):
    caplog.set_level(logging.INFO, logger="lantern.cache")
    settings.REDIS_RETRY_SECONDS = 0
    backend = backend_at(refused_port)
    backend.get("anything")
    backend.get("anything")

    flaky_redis.down = False
    answers = [backend.get("anything") for _call in range(3)]

    assert answers == ["from redis"] * 3
    messages = [record.getMessage() for record in caplog.records]
    assert sum(message.startswith("Redis cache unreachable") for message in messages) == 1
    assert sum(message.startswith("Redis cache answers again") for message in messages) == 1


@pytest.mark.skipif(
    not os.environ.get("LANTERN_REQUIRE_SERVICES"),
    reason="needs the real Redis of `make test-services`",
)
def test_the_configured_cache_is_resilient_and_writes_to_redis():
    assert django_settings.CACHES["default"]["BACKEND"] == "community.cache.ResilientRedisCache"
    options = django_settings.CACHES["default"]["OPTIONS"]
    assert options["socket_timeout"] == django_settings.REDIS_SOCKET_TIMEOUT_SECONDS
    assert options["socket_connect_timeout"] == django_settings.REDIS_SOCKET_TIMEOUT_SECONDS

    cache.set("probe", "stored in redis", 30)

    client = cache._cache.get_client(None)
    assert client.exists(cache.make_and_validate_key("probe")) == 1
