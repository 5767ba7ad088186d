"""Loopback services for fault tests: one that refuses, one that accepts and never answers.

`with refused_address() as (host, port):` and `with hanging_address() as (host, port):`;
the `refused_port` and `hanging_port` fixtures (tests/faults/conftest.py) wrap them.
"""

import contextlib
import selectors
import socket
import threading
from collections.abc import Iterator

HOST = "127.0.0.1"
# Connections a hanging listener holds open at most; later ones wait in the kernel's backlog,
# which hangs them just the same.
HANGING_MAX_CONNECTIONS = 64
# How often the hanging listener's thread looks up from `select` to see whether to stop.
HANGING_POLL_SECONDS = 0.05


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
