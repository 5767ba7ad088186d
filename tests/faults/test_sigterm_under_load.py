"""daphne stops within SHUTDOWN_WITHIN_SECONDS of SIGTERM while members are reading a thread.

A real daphne on a free loopback port, with a throwaway SQLite database seeded in a separate
process, six readers fetching a thread page in a loop, then SIGTERM. Bounded and self-cleaning:
the server is killed (SIGKILL) in a finally whatever happened.
"""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
READERS = 6
LOAD_SECONDS = 2
SHUTDOWN_WITHIN_SECONDS = 10
START_WITHIN_SECONDS = 60

pytestmark = pytest.mark.faults

# Run by the seeding process: a group, a member, a thread of 30 posts and the member's session.
SEED = """
import django
django.setup()
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from tests.factories import MembershipFactory, PostFactory, ThreadFactory

# A fast hasher for the seeded accounts only: the server checks sessions, never passwords.
settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
call_command("migrate", verbosity=0, interactive=False)
membership = MembershipFactory()
thread = ThreadFactory(group=membership.group, membership=membership)
for number in range(30):
    PostFactory(thread=thread, author=membership.persona, body=f"Reply {number}, **bold**.")
client = Client()
client.force_login(membership.persona.account)
print(thread.get_absolute_url())
print(client.cookies["sessionid"].value)
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def _server_env(database: Path) -> dict[str, str]:
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DATABASE_", "REDIS_", "DJANGO_"))
    }
    env.update(
        DEBUG="0",
        SECRET_KEY="sigterm-test-only-" + "x" * 50,
        DATABASE_URL=f"sqlite:///{database}",
        ALLOWED_HOSTS=HOST,
        SECURE_COOKIES="0",
        STATICFILES_BACKEND="django.contrib.staticfiles.storage.StaticFilesStorage",
        LOG_LEVEL="WARNING",
        PYTHONWARNINGS="ignore",
        DJANGO_SETTINGS_MODULE="community.settings",
    )
    return env


def _get(url: str, cookie: str = "") -> int:
    # Only ever http://127.0.0.1:<port>/..., built here.
    request = urllib.request.Request(url, headers={"Cookie": cookie})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=15) as response:  # noqa: S310
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _wait_until_up(base: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + START_WITHIN_SECONDS
    while time.monotonic() < deadline:
        assert server.poll() is None, "daphne exited before answering"
        try:
            if _get(base + "/guidelines/") == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    pytest.fail(f"daphne did not answer within {START_WITHIN_SECONDS} s")


def _read_in_a_loop(url: str, cookie: str, stop: threading.Event, statuses: list) -> None:
    while not stop.is_set():
        try:
            statuses.append(_get(url, cookie))
        except OSError:
            return  # the server has stopped listening


def test_daphne_exits_soon_after_sigterm_while_six_members_read(tmp_path):
    env = _server_env(tmp_path / "lantern.sqlite3")
    seeded = subprocess.run(  # noqa: S603 - this interpreter, a fixed script
        [sys.executable, "-c", SEED], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=120, check=True,
    )  # fmt: skip
    thread_path, session = seeded.stdout.split()
    port = _free_port()
    base = f"http://{HOST}:{port}"
    server = subprocess.Popen(  # noqa: S603 - daphne from this virtualenv, fixed arguments
        [str(BIN / "daphne"), "-b", HOST, "-p", str(port), "community.asgi:application"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    stop = threading.Event()
    statuses: list[int] = []
    readers = [
        threading.Thread(
            target=_read_in_a_loop,
            args=(base + thread_path, f"sessionid={session}", stop, statuses),
            daemon=True,
        )
        for _ in range(READERS)
    ]
    try:
        _wait_until_up(base, server)
        for reader in readers:
            reader.start()
        time.sleep(LOAD_SECONDS)
        assert statuses and set(statuses) == {200}, "the readers did not read the thread"
        server.send_signal(signal.SIGTERM)
        sent = time.monotonic()
        try:
            server.wait(timeout=SHUTDOWN_WITHIN_SECONDS)
        except subprocess.TimeoutExpired:
            pytest.fail(f"daphne was still running {SHUTDOWN_WITHIN_SECONDS} s after SIGTERM")
        assert time.monotonic() - sent < SHUTDOWN_WITHIN_SECONDS
    finally:
        stop.set()
        if server.poll() is None:
            server.kill()
        server.wait(timeout=10)
        server.stderr.close()
        for reader in readers:
            reader.join(timeout=20)
