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

`with refused_address() as (host, port):` and `with hanging_address() as (host, port):`
(tests/faults/listeners.py) give the same outside a fixture.

- `live_room`: a live chat session's room and four members of its group (not its host), made
  through the chat services, for the chat fault tests that run real daphne workers.
"""

import signal
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone

from chat import services as chat_services
from chat.models import Room
from groups.models import Membership
from tests.factories import GroupFactory, MembershipFactory
from tests.faults.listeners import hanging_address, refused_address

LIVE_ROOM_MEMBERS = 4

FAULT_TEST_TIME_LIMIT_SECONDS = 20


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


@dataclass
class LiveRoom:
    room: Room
    members: list[Membership]


@pytest.fixture
def live_room(db) -> LiveRoom:
    group = GroupFactory()
    host = MembershipFactory(group=group, role=Membership.Role.HOST)
    starts_at = timezone.now() + timedelta(hours=1)
    session = chat_services.schedule_session(
        membership=host,
        group=group,
        title="Tuesday evening check-in",
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
    )
    chat_services.open_session(membership=host, session=session)
    members = [MembershipFactory(group=group) for _ in range(LIVE_ROOM_MEMBERS)]
    return LiveRoom(room=session.room, members=members)
