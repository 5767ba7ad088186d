"""The database gives up after named, short timeouts instead of hanging a request."""

import runpy
from pathlib import Path

from django.conf import settings
from django.db import connection

SETTINGS_FILE = Path(settings.BASE_DIR) / "community" / "settings.py"


def _settings_with(monkeypatch, **variables) -> dict:
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS_FILE))


def test_postgresql_connections_get_the_connect_and_statement_timeouts(monkeypatch):
    loaded = _settings_with(
        monkeypatch,
        DATABASE_URL="postgres://lantern@db.example:5432/lantern",
        DATABASE_CONNECT_TIMEOUT_SECONDS="3",
        DATABASE_STATEMENT_TIMEOUT_MS="4000",
    )
    options = loaded["DATABASES"]["default"]["OPTIONS"]
    assert options["connect_timeout"] == 3
    assert options["options"] == "-c statement_timeout=4000"


def test_sqlite_waits_for_the_write_lock_for_the_named_busy_timeout(monkeypatch):
    loaded = _settings_with(
        monkeypatch, DATABASE_URL="sqlite:///lantern.sqlite3", SQLITE_BUSY_TIMEOUT_SECONDS="7"
    )
    assert loaded["DATABASES"]["default"]["OPTIONS"]["timeout"] == 7


def test_the_defaults_are_short():
    assert settings.DATABASE_CONNECT_TIMEOUT_SECONDS <= 10
    assert 0 < settings.DATABASE_STATEMENT_TIMEOUT_MS <= 30_000
    assert settings.SQLITE_BUSY_TIMEOUT_SECONDS <= 20


def test_the_live_connection_runs_with_its_timeout(db):
    # On whichever database this suite runs: PostgreSQL under `make test-services`.
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT current_setting('statement_timeout')")
            expected = f"{settings.DATABASE_STATEMENT_TIMEOUT_MS}ms"
            assert cursor.fetchone()[0] in {
                expected,
                f"{settings.DATABASE_STATEMENT_TIMEOUT_MS // 1000}s",
            }
        else:
            cursor.execute("PRAGMA busy_timeout")
            assert cursor.fetchone()[0] == int(settings.SQLITE_BUSY_TIMEOUT_SECONDS * 1000)
