"""Which channel layer the environment picks, with which limits (community/settings.py)."""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

PRINT_LAYERS = (
    "import json; from community import settings as s; print(json.dumps(s.CHANNEL_LAYERS))"
)


def layers_with(variables: dict[str, str]) -> dict:
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("REDIS_", "CHANNEL_LAYER_")) and name != "DJANGO_SETTINGS_MODULE"
    }
    environment.update({"DEBUG": "1", **variables})
    result = subprocess.run(  # noqa: S603 (our own interpreter and settings module)
        [sys.executable, "-c", PRINT_LAYERS],
        cwd=Path(settings.BASE_DIR),
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout.splitlines()[-1])["default"]


def test_the_embedded_default_is_the_linear_in_memory_layer_with_the_named_limits():
    layer = layers_with({"CHANNEL_LAYER_CAPACITY": "250", "CHANNEL_LAYER_CLEANUP_SECONDS": "2"})
    assert layer["BACKEND"] == "community.layers.LinearInMemoryChannelLayer"
    assert layer["CONFIG"]["capacity"] == 250
    assert layer["CONFIG"]["cleanup_interval"] == 2.0


def test_redis_uses_the_core_layer_with_the_named_limits_unless_told_otherwise():
    layer = layers_with({"REDIS_URL": "redis://127.0.0.1:6379/3"})
    assert layer["BACKEND"] == "channels_redis.core.RedisChannelLayer"
    assert layer["CONFIG"]["hosts"] == ["redis://127.0.0.1:6379/3"]
    assert (layer["CONFIG"]["capacity"], layer["CONFIG"]["group_expiry"]) == (1000, 86400)


def test_redis_can_use_the_pub_sub_layer():
    layer = layers_with({"REDIS_URL": "redis://127.0.0.1:6379/3", "REDIS_CHANNEL_LAYER": "pubsub"})
    assert layer["BACKEND"] == "channels_redis.pubsub.RedisPubSubChannelLayer"
    assert layer["CONFIG"]["hosts"] == ["redis://127.0.0.1:6379/3"]


def test_the_core_redis_layer_gets_the_capacity_and_a_sized_pool_when_asked():
    layer = layers_with(
        {
            "REDIS_URL": "redis://127.0.0.1:6379/3",
            "REDIS_CHANNEL_LAYER": "core",
            "REDIS_CHANNEL_LAYER_MAX_CONNECTIONS": "400",
            "CHANNEL_LAYER_CAPACITY": "800",
        }
    )
    assert layer["BACKEND"] == "channels_redis.core.RedisChannelLayer"
    assert layer["CONFIG"]["hosts"] == [
        {"address": "redis://127.0.0.1:6379/3", "max_connections": 400}
    ]
    assert layer["CONFIG"]["capacity"] == 800


def test_an_unknown_redis_layer_name_stops_the_start(tmp_path):
    environment = {
        name: value for name, value in os.environ.items() if name != "DJANGO_SETTINGS_MODULE"
    }
    environment.update({"DEBUG": "1", "REDIS_URL": "redis://x/0", "REDIS_CHANNEL_LAYER": "pub-sub"})
    result = subprocess.run(  # noqa: S603 (our own interpreter and settings module)
        [sys.executable, "-c", PRINT_LAYERS],
        cwd=Path(settings.BASE_DIR),
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert "REDIS_CHANNEL_LAYER" in result.stderr
