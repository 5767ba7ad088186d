"""In `make test-services` the suite must run on PostgreSQL and Redis, or fail (never skip)."""

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
    assert settings.CHANNEL_LAYERS["default"]["BACKEND"] == "channels_redis.core.RedisChannelLayer"
    layer = get_channel_layer()
    channel = async_to_sync(layer.new_channel)()
    async_to_sync(layer.send)(channel, {"type": "ping"})
    assert async_to_sync(layer.receive)(channel) == {"type": "ping"}


def test_cache_is_redis_and_shared():
    assert "RedisCache" in settings.CACHES["default"]["BACKEND"]
    cache.set("ci-probe", "ok", 10)
    assert cache.get("ci-probe") == "ok"
