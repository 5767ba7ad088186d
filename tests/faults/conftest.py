"""Helpers for fault tests: services that refuse, services that hang, and a bound on the wait.

Fault tests put one of these where PostgreSQL, Redis or the mail server should be and assert
what the member sees and what was stored. Everything here listens on 127.0.0.1 only, holds a
bounded number of sockets, and is closed when the test ends.

- `refused_port`: a port on 127.0.0.1 where connecting is refused at once (a stopped service).
- `hanging_port`: a port on 127.0.0.1 that accepts connections and never sends a byte (a hung
  service, or a firewall that drops replies): a client without a timeout waits forever.
- `time_limit`: fails the test, instead of letting the suite hang, when it runs longer than
  `FAULT_TEST_TIME_LIMIT_SECONDS`. It is a safety net, not a timing assertion: the limit is far
  above what a working timeout needs.

`with refused_address() as (host, port):` and `with hanging_address() as (host, port):` give the
same outside a fixture, e.g. for a module-scoped setup.
"""

import contextlib
import selectors
import signal
import socket
import threading
from collections.abc import Iterator

import pytest

HOST = "127.0.0.1"
# Connections a hanging listener holds open at most; later ones wait in the kernel's backlog,
# which hangs them just the same.
HANGING_MAX_CONNECTIONS = 64
# How often the hanging listener's thread looks up from `select` to see whether to stop.
HANGING_POLL_SECONDS = 0.05
FAULT_TEST_TIME_LIMIT_SECONDS = 20


@contextlib.contextmanager
def refused_address() -> Iterator[tuple[str, int]]:
    """A (host, port) where connecting is refused: the port is bound, so nothing else takes it
    while the block runs, but never listens."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as bound:
        bound.bind((HOST, 0))
        yield bound.getsockname()


@contextlib.contextmanager
def hanging_address() -> Iterator[tuple[str, int]]:
    """A (host, port) that accepts connections and never answers, until the block ends."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind((HOST, 0))
    listener.listen(HANGING_MAX_CONNECTIONS)
    listener.setblocking(False)
    stop = threading.Event()
    held: list[socket.socket] = []

    def accept_and_hold() -> None:
        with selectors.DefaultSelector() as selector:
            selector.register(listener, selectors.EVENT_READ)
            while not stop.is_set():
                if len(held) >= HANGING_MAX_CONNECTIONS:
                    stop.wait(HANGING_POLL_SECONDS)  # full: the backlog holds the rest
                elif selector.select(timeout=HANGING_POLL_SECONDS):
                    with contextlib.suppress(BlockingIOError):
                        held.append(listener.accept()[0])

    thread = threading.Thread(target=accept_and_hold, name="hanging-listener", daemon=True)
    thread.start()
    try:
        yield listener.getsockname()
    finally:
        stop.set()
        thread.join(timeout=5)
        for connection in held:
            connection.close()
        listener.close()


@pytest.fixture
def refused_port() -> Iterator[int]:
    with refused_address() as (_host, port):
        yield port


@pytest.fixture
def hanging_port() -> Iterator[int]:
    with hanging_address() as (_host, port):
        yield port


class TimeLimitExceeded(BaseException):
    """A BaseException, so that no `except Exception` in the code under test swallows it."""


@pytest.fixture
def time_limit() -> Iterator[int]:
    """Bounds the test at FAULT_TEST_TIME_LIMIT_SECONDS (SIGALRM, in the main thread, where pytest
    runs tests): a blocking socket call is interrupted and the test fails instead of hanging."""

    def interrupt(_signal_number, _frame):
        raise TimeLimitExceeded(
            f"the test ran past {FAULT_TEST_TIME_LIMIT_SECONDS} s: something has no timeout"
        )

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, FAULT_TEST_TIME_LIMIT_SECONDS)
    try:
        yield FAULT_TEST_TIME_LIMIT_SECONDS
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
