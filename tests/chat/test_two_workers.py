"""Two daphne workers share rooms through Redis (issue #10, "Scale"): real servers, real sockets.

Both workers run with REDIS_URL (channels_redis, the Redis cache) on the test database. A
member connected to one sees what is sent through the other, and ending a member's access
(leaving the group, signing out) closes their sockets on both, with the contract's close code.

Only in `make test-services` (LANTERN_REQUIRE_SERVICES=1), where Redis missing is a failure,
never a skip.
"""

import os

import pytest
from django.conf import settings
from django.test import Client

from groups.services.membership import leave_group
from tests.daphne import require_redis, session_cookie
from tests.ws_client import Member

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("LANTERN_REQUIRE_SERVICES"),
        reason="only in `make test-services` (LANTERN_REQUIRE_SERVICES=1)",
    ),
]

SIGNED_OUT = 4001
MEMBERSHIP_ENDED = 4005
ACCOUNT_SUSPENDED = 4007


@pytest.fixture(scope="module")
def workers(start_daphne):
    redis_url = require_redis()
    return start_daphne("worker-1", redis_url), start_daphne("worker-2", redis_url)


def member_in(membership, room, name: str) -> Member:
    return Member(session_cookie(membership.persona.account), room.public_id, name)


def test_members_on_different_workers_see_each_others_messages(workers, live, member, other_member):
    first, second = workers
    alice = member_in(member, live.room, "alice")
    bea = member_in(other_member, live.room, "bea")
    alice.connect(first)
    bea.connect(second)

    from_alice = alice.send_message("Sent through the first worker.")
    alice.receive_message(from_alice)
    bea.receive_message(from_alice)
    from_bea = bea.send_message("Sent through the second worker.")
    bea.receive_message(from_bea)
    alice.receive_message(from_bea)

    assert alice.seen_client_ids() == bea.seen_client_ids() == [from_alice, from_bea]


def test_leaving_the_group_closes_the_members_sockets_on_both_workers(
    workers, live, member, other_member
):
    first, second = workers
    bea_on_first = member_in(other_member, live.room, "bea on the first worker")
    bea_on_second = member_in(other_member, live.room, "bea on the second worker")
    alice = member_in(member, live.room, "alice")
    bea_on_first.connect(first)
    bea_on_second.connect(second)
    alice.connect(second)

    leave_group(membership=other_member)

    assert bea_on_first.wait_closed() == MEMBERSHIP_ENDED
    assert bea_on_second.wait_closed() == MEMBERSHIP_ENDED
    # Alice, still a member, is untouched: her socket still carries messages.
    still_here = alice.send_message("Still here.")
    alice.receive_message(still_here)


def test_signing_out_closes_that_sessions_sockets_on_both_workers(workers, live, other_member):
    first, second = workers
    client = Client()
    client.force_login(other_member.persona.account)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    on_first = Member(cookie, live.room.public_id, "bea on the first worker")
    on_second = Member(cookie, live.room.public_id, "bea on the second worker")
    on_first.connect(first)
    on_second.connect(second)

    assert client.post("/accounts/logout/").status_code == 302

    assert on_first.wait_closed() == SIGNED_OUT
    assert on_second.wait_closed() == SIGNED_OUT


def test_suspending_an_account_closes_its_sockets_on_both_workers(workers, live, other_member):
    first, second = workers
    on_first = member_in(other_member, live.room, "bea on the first worker")
    on_second = member_in(other_member, live.room, "bea on the second worker")
    on_first.connect(first)
    on_second.connect(second)
    account = other_member.persona.account

    account.is_active = False  # staff switching the account off (admin)
    account.save(update_fields=["is_active"])

    assert on_first.wait_closed() == ACCOUNT_SUSPENDED
    assert on_second.wait_closed() == ACCOUNT_SUSPENDED
