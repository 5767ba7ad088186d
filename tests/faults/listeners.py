"""Loopback ports for fault tests: one that refuses, one that accepts and never answers."""

import socket
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def listener_that_never_answers() -> Iterator[int]:
    """A loopback port whose kernel completes the handshake, after which nothing ever replies.

    Closing it on leaving resets the waiting connections, so a client still stuck on it ends.
    """
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        yield listener.getsockname()[1]


def refused_port() -> int:
    """A loopback port nothing listens on: connecting there is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
