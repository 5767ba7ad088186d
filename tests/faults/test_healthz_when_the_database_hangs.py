"""/healthz answers within HEALTHZ_TIMEOUT_SECONDS when the database hangs, on ASGI and WSGI.

The probe's connection settings point at a listener that accepts and never answers, with a
driver connect timeout far longer than the health check's, so only the check's own bound can
make it answer in time.
"""

import time

import pytest
from asgiref.sync import async_to_sync
from django.db import connections
from django.test import AsyncClient, Client

from tests.faults.listeners import hanging_address

HEALTHZ_TIMEOUT = 0.5
DRIVER_CONNECT_TIMEOUT = 20
# Generous for a shared, busy machine; what matters is far below the driver's 20 s.
ANSWER_WITHIN_SECONDS = 6


@pytest.fixture
def database_for_new_connections(db, monkeypatch, settings):
    """Points the connections made from now on (the probe's) at a port; this thread's open
    test connection stays as it is."""
    settings.HEALTHZ_TIMEOUT_SECONDS = HEALTHZ_TIMEOUT

    def point_at(port: int) -> None:
        monkeypatch.setitem(
            connections.settings,
            "default",
            {
                **connections["default"].settings_dict,
                "ENGINE": "django.db.backends.postgresql",
                "NAME": "lantern",
                "USER": "lantern",
                "PASSWORD": "",
                "HOST": "127.0.0.1",
                "PORT": str(port),
                "OPTIONS": {"connect_timeout": DRIVER_CONNECT_TIMEOUT},
            },
        )

    return point_at


def _get_on_asgi():
    return async_to_sync(AsyncClient().get)("/healthz")


def _get_on_wsgi():
    return Client().get("/healthz")


SERVERS = pytest.mark.parametrize("get", [_get_on_asgi, _get_on_wsgi], ids=["asgi", "wsgi"])


@SERVERS
def test_healthz_answers_503_in_time_when_the_database_hangs(database_for_new_connections, get):
    with hanging_address() as (_host, port):
        database_for_new_connections(port)
        started = time.monotonic()
        response = get()
        elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "error", "channel_layer": "ok"}
    assert elapsed < ANSWER_WITHIN_SECONDS


@SERVERS
def test_healthz_answers_503_when_the_database_refuses(
    database_for_new_connections, get, refused_port
):
    database_for_new_connections(refused_port)
    response = get()
    assert response.status_code == 503
    assert response.json()["database"] == "error"


def test_pages_keep_answering_while_a_healthz_probe_hangs(database_for_new_connections):
    # The stuck probe has a thread of its own: the thread that serves sync views stays free.
    with hanging_address() as (_host, port):
        database_for_new_connections(port)
        assert _get_on_asgi().status_code == 503
        started = time.monotonic()
        response = async_to_sync(AsyncClient().get)("/guidelines/")
        elapsed = time.monotonic() - started
    assert response.status_code == 200
    assert elapsed < ANSWER_WITHIN_SECONDS


def test_healthz_is_ok_again_once_the_database_answers(db, settings):
    settings.HEALTHZ_TIMEOUT_SECONDS = HEALTHZ_TIMEOUT
    assert _get_on_asgi().json()["database"] == "ok"
    assert _get_on_wsgi().json()["database"] == "ok"
