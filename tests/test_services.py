"""In `make test-services` the suite must run on PostgreSQL and Redis, or fail (never skip)."""

import asyncio
import os

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.core.cache import cache
from django.db import connection

pytestmark = pytest.mark.skipif(
    not os.environ.get("LANTERN_REQUIRE_SERVICES"),
    reason="only in `make test-services` (LANTERN_REQUIRE_SERVICES=1)",
)


@pytest.mark.django_db
def test_database_is_postgresql():
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


def test_channel_layer_is_redis_and_round_trips():
    assert settings.CHANNEL_LAYERS["default"]["BACKEND"] == (
        "channels_redis.pubsub.RedisPubSubChannelLayer"
        if settings.REDIS_CHANNEL_LAYER == "pubsub"
        else "channels_redis.core.RedisChannelLayer"
    )

    # In one event loop, as a consumer does: the pub/sub layer subscribes per loop and keeps
    # nothing for a channel nobody listens to yet (a send from another loop is lost).
    async def round_trip():
        layer = get_channel_layer()
        channel = await layer.new_channel()
        await layer.send(channel, {"type": "ping"})
        return await asyncio.wait_for(layer.receive(channel), timeout=5)

    assert async_to_sync(round_trip)() == {"type": "ping"}


def test_cache_is_redis_and_shared():
    assert "RedisCache" in settings.CACHES["default"]["BACKEND"]
    cache.set("ci-probe", "ok", 10)
    assert cache.get("ci-probe") == "ok"


def test_health_probes_keep_one_channel_of_the_layer():
    """The pub/sub layer keeps a channel subscribed until a receive on it is cancelled: a
    fresh channel per probe would add a Redis subscription per /healthz request."""
    from community.views.health import _channel_layer_answers

    async def probes():
        for _ in range(5):
            assert await _channel_layer_answers()
        layer = get_channel_layer()
        if settings.REDIS_CHANNEL_LAYER == "pubsub":
            return len(layer._get_layer().channels)
        return 1

    assert async_to_sync(probes)() == 1
