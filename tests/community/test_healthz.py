import json

import pytest
from django.urls import reverse

from tests.pages import page_text

UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        # Port 1 on loopback: nothing listens there, so the connection is refused at once.
        "CONFIG": {"hosts": ["redis://127.0.0.1:1/0"]},
    }
}
INVALID_BACKEND = {"default": {"BACKEND": "channels.layers.NoSuchLayer"}}


def test_healthz_answers_200_ok_when_database_and_channel_layer_work(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "channel_layer": "ok"}


def test_healthz_is_never_cached(client, db):
    response = client.get("/healthz")
    cache_control = response["Cache-Control"]
    assert "no-store" in cache_control
    assert "max-age=0" in cache_control


@pytest.mark.parametrize("layers", [UNREACHABLE_REDIS, INVALID_BACKEND], ids=["redis", "backend"])
def test_healthz_answers_503_when_the_channel_layer_is_down(client, db, settings, layers):
    settings.CHANNEL_LAYERS = layers
    settings.HEALTHZ_TIMEOUT_SECONDS = 1
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "ok", "channel_layer": "error"}


def test_healthz_503_tells_nothing_about_the_failure(client, db, settings):
    settings.CHANNEL_LAYERS = UNREACHABLE_REDIS
    settings.HEALTHZ_TIMEOUT_SECONDS = 1
    body = page_text(client.get("/healthz"), status=503)
    assert set(json.loads(body)) == {"status", "database", "channel_layer"}
    for leak in ["127.0.0.1", "redis", "Error ", "refused", "Traceback"]:
        assert leak not in body


def test_healthz_answers_503_when_the_database_is_unreachable(client):
    # No `db` fixture: pytest-django refuses every connection, as a database that is down would.
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "error", "channel_layer": "ok"}


def test_healthz_only_answers_reads(client, db):
    assert client.post("/healthz").status_code == 405
