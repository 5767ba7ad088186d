"""Real daphne processes for tests that talk to a real server over real sockets.

A `Daphne` runs `python -m community.serve` (daphne, as `make run` starts it) on a free
loopback port against the test run's own database, so rows a `django_db(transaction=True)`
test writes (accounts, sessions, rooms) are what the server reads, and what it stores is what
the test reads back. SQLite: the test database file (tests/conftest.py makes it a file);
PostgreSQL: pytest-django's `test_<name>` database. Give it `redis_url` and it uses channels_redis
and the Redis cache, as production does with REDIS_URL; without, the in-memory channel layer.

The server's SECRET_KEY is the test run's, so a session made in the test (`session_cookie`)
is valid on the server. Its log goes to a file, whose tail is shown when it fails to start.

Ports: LANTERN_TEST_PORTS="8300-8399" picks the first free port in that range (for machines
where several suites run side by side, each in its own range); unset, the system picks one.
"""

import http.client
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
import redis
from django.conf import settings
from django.db import connection
from django.test import Client

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
START_WITHIN_SECONDS = 30
STOP_WITHIN_SECONDS = 10
# How often a starting server is asked whether it answers yet.
START_POLL_SECONDS = 0.1
# Messages per account the servers allow: tests send more than the default 30/m, and the
# limit has tests of its own (tests/chat/).
TEST_MESSAGE_RATE = "1000/m"
LOG_TAIL_CHARS = 4000
REDIS_PING_TIMEOUT_SECONDS = 3


def free_port() -> int:
    """A loopback port nothing listens on, from LANTERN_TEST_PORTS when it is set."""
    wanted = os.environ.get("LANTERN_TEST_PORTS", "")
    if wanted:
        first, last = (int(part) for part in wanted.split("-"))
        candidates = range(first, last + 1)
    else:
        candidates = [0]
    for candidate in candidates:
        with socket.socket() as probe:
            try:
                probe.bind((HOST, candidate))
            except OSError:
                continue
            return probe.getsockname()[1]
    raise RuntimeError(f"no free port in LANTERN_TEST_PORTS={wanted}")


def test_database_url() -> str:
    """The URL of the database this test run uses (after pytest-django created it)."""
    database = connection.settings_dict
    if database["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{database['NAME']}"
    if database["ENGINE"] == "django.db.backends.postgresql":
        user = quote(database["USER"] or "", safe="")
        password = f":{quote(database['PASSWORD'], safe='')}" if database["PASSWORD"] else ""
        port = f":{database['PORT']}" if database["PORT"] else ""
        host = database["HOST"] or "localhost"
        return f"postgres://{user}{password}@{host}{port}/{database['NAME']}"
    raise RuntimeError(f"no server URL for database engine {database['ENGINE']}")


test_database_url.__test__ = False  # a helper, not a test, whatever its name


def require_redis() -> str:
    """The test run's REDIS_URL, once Redis answers there. Fails the test, never skips it: the
    tests that call this run in `make test-services`, where a missing Redis is an error."""
    if not settings.REDIS_URL:
        pytest.fail("REDIS_URL is not set: this test needs Redis (make test-services)")
    try:
        redis.Redis.from_url(settings.REDIS_URL, socket_timeout=REDIS_PING_TIMEOUT_SECONDS).ping()
    except redis.RedisError as error:
        pytest.fail(f"Redis does not answer at REDIS_URL: {type(error).__name__}")
    return settings.REDIS_URL


def redis_address(redis_url: str) -> tuple[str, int]:
    where = urlsplit(redis_url)
    return where.hostname or "localhost", where.port or 6379


def redis_url_through(redis_url: str, port: int) -> str:
    """`redis_url` (its credentials and database kept) reached at 127.0.0.1:`port` instead."""
    where = urlsplit(redis_url)
    credentials = where.netloc.rpartition("@")[0]
    netloc = f"{credentials}@{HOST}:{port}" if credentials else f"{HOST}:{port}"
    return where._replace(netloc=netloc).geturl()


def session_cookie(account) -> str:
    """A `Cookie` header value for a new session of `account` (a row in the test database)."""
    client = Client()
    client.force_login(account)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def server_env(redis_url: str = "", settings_env: dict[str, str] | None = None) -> dict[str, str]:
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DATABASE_", "REDIS_", "DJANGO_", "CHAT_"))
    }
    env.update(
        DEBUG="0",
        SECRET_KEY=settings.SECRET_KEY,
        DATABASE_URL=test_database_url(),
        ALLOWED_HOSTS=HOST,
        SECURE_COOKIES="0",
        STATICFILES_BACKEND="django.contrib.staticfiles.storage.StaticFilesStorage",
        LOG_LEVEL="WARNING",
        PYTHONWARNINGS="ignore",
        DJANGO_SETTINGS_MODULE="community.settings",
        CHAT_MESSAGE_RATE=TEST_MESSAGE_RATE,
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
    env.update(settings_env or {})
    return env


class Daphne:
    """One daphne process on 127.0.0.1; `start()`, then `stop()` (SIGTERM) or `kill()`."""

    def __init__(self, name: str, redis_url: str = "", **settings_env: str) -> None:
        self.name = name
        self.redis_url = redis_url
        self.settings_env = settings_env  # e.g. CHAT_LAYER_RETRY_SECONDS="1"
        self.port = 0
        self.process: subprocess.Popen | None = None
        handle, log = tempfile.mkstemp(prefix=f"lantern-{name}-", suffix=".log")
        os.close(handle)  # reopened for the server's output at each start
        self.log = Path(log)

    @property
    def origin(self) -> str:
        """The Origin header a page served by this server sends (its host is in ALLOWED_HOSTS)."""
        return f"http://{HOST}:{self.port}"

    @property
    def ws_base(self) -> str:
        return f"ws://{HOST}:{self.port}"

    def start(self) -> "Daphne":
        self.port = free_port()
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(  # noqa: S603 - this interpreter, fixed arguments
                [sys.executable, "-m", "community.serve", "-b", HOST, "-p", str(self.port),
                 "community.asgi:application"],
                cwd=ROOT, env=server_env(self.redis_url, self.settings_env), stdout=log, stderr=log,
            )  # fmt: skip
        self._wait_until_up()
        return self

    def _wait_until_up(self) -> None:
        deadline = time.monotonic() + START_WITHIN_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"daphne {self.name} exited at start:\n{self.log_tail()}")
            if self._answers():
                return
            time.sleep(START_POLL_SECONDS)
        self.kill()
        raise RuntimeError(f"daphne {self.name} did not answer in time:\n{self.log_tail()}")

    def _answers(self) -> bool:
        """Any HTTP answer will do (healthz is 503 while Redis is down): the app is loaded."""
        request = http.client.HTTPConnection(HOST, self.port, timeout=START_WITHIN_SECONDS)
        try:
            request.request("GET", "/healthz")
            request.getresponse().read()
            return True
        except OSError:
            return False
        finally:
            request.close()

    def is_running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL: the worker dies without closing a socket or finishing a handler."""
        if self.is_running():
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=STOP_WITHIN_SECONDS)

    def stop(self) -> None:
        if self.is_running():
            self.process.terminate()
            try:
                self.process.wait(timeout=STOP_WITHIN_SECONDS)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.unlink(missing_ok=True)

    def log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-LOG_TAIL_CHARS:]
