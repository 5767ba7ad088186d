"""No access log line holds a client address beside a URL (issue 8 §6): `make run` serves
through `community.serve`, whose daphne writes "-" where the address was, and the development
server's request lines lose theirs through LOGGING."""

import contextlib
import logging
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
CONTENT_PATH = "/groups/night-shift/threads/abc/reply/"
STARTUP_SECONDS = 30


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        assert server.poll() is None, "the server stopped while starting"
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"the server did not listen on port {port} within {STARTUP_SECONDS} s")


def serve_one_request(tmp_path: Path) -> str:
    """Start `python -m community.serve` as `make run` does, GET a content URL, stop it, and
    return everything it printed."""
    port = free_port()
    environment = {
        **os.environ,
        "DEBUG": "1",
        "SECRET_KEY": "insecure-key-for-the-access-log-test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "PYTHONUNBUFFERED": "1",
    }
    command = [sys.executable, "-m", "community.serve", "-b", "127.0.0.1", "-p", str(port)]
    server = subprocess.Popen(  # noqa: S603 - this interpreter, arguments written here
        [*command, "community.asgi:application"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        wait_for(port, server)
        # The reply URL answers a GET with 405, logged like any other answer.
        with contextlib.suppress(urllib.error.HTTPError):
            urllib.request.urlopen(f"http://127.0.0.1:{port}{CONTENT_PATH}", timeout=10)  # noqa: S310
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=10)
    return output


def test_make_run_serves_through_the_addressless_access_log():
    makefile = (ROOT / "Makefile").read_text()
    run_recipe = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert "-m community.serve" in run_recipe
    assert "/daphne " not in run_recipe


def test_the_access_log_has_the_request_but_no_client_address(tmp_path):
    output = serve_one_request(tmp_path)
    lines_with_the_path = [line for line in output.splitlines() if CONTENT_PATH in line]
    assert all("127.0.0.1" not in line for line in lines_with_the_path), lines_with_the_path
    access_lines = [line for line in lines_with_the_path if f'"GET {CONTENT_PATH}"' in line]
    assert access_lines, f"no access log line for the request in:\n{output}"
    assert access_lines[0].startswith("- - - [")
    assert " 405 " in access_lines[0]


def test_the_development_servers_request_lines_drop_the_address(caplog):
    """daphne's runserver logs each request through `django.channels.server`."""
    details = {"method": "POST", "path": CONTENT_PATH, "status": 302, "time_taken": 0.01}
    with caplog.at_level(logging.INFO, logger="django.channels.server"):
        logging.getLogger("django.channels.server").info(
            "HTTP %(method)s %(path)s %(status)s [%(time_taken).2f, %(client)s]",
            {**details, "client": "198.51.100.4:51234"},
        )
    assert caplog.messages == [f"HTTP POST {CONTENT_PATH} 302 [0.01, -]"]
