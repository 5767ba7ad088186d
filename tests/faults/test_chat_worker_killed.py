"""A daphne worker killed (SIGKILL) while members send: no stored message is lost (issue #10).

Two real daphne workers share the room through the real Redis. Alice (sending) and Cara
(reading) are on the worker that dies, Bea (sending) and Dan (reading) on the other. Alice
sends a burst and the worker is killed in the middle of it; Alice and Cara reconnect to the
surviving worker with `since`, as the browser client does, and Alice sends again what she
never saw acknowledged (same client_id, so nothing is stored twice) while Bea keeps sending.

Then: every message sent is stored exactly once; Alice and Cara have every stored message,
once each, in order; Dan, who never disconnected, has no duplicate and nothing out of order.
(Dan can miss the one message the dying worker stored but had not yet broadcast: nothing
reaches an open socket that the dead worker did not send. A fresh connection (a reload)
shows it; see the last assertion.)

Needs Redis: run by `make test-services`, where Redis missing is a failure.
"""

import pytest

from tests.daphne import require_redis, session_cookie
from tests.ws_client import Member

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]

# Messages Alice sends without waiting, the worker being killed right after: some are stored
# and acknowledged, some stored without their acknowledgement reaching her, some never read.
BURST = 6
AFTER = 4


def member_in(membership, room, name: str) -> Member:
    return Member(session_cookie(membership.persona.account), room.public_id, name)


def stored_client_ids(room) -> list[str]:
    client_ids = room.messages.order_by("pk").values_list("client_id", flat=True)
    return [str(client_id) for client_id in client_ids]


def test_killing_a_worker_while_members_send_loses_no_stored_message(start_daphne, live_room):
    redis_url = require_redis()
    doomed = start_daphne("doomed", redis_url)
    survivor = start_daphne("survivor", redis_url)
    room = live_room.room
    alice, bea, cara, dan = (
        member_in(membership, room, name)
        for membership, name in zip(live_room.members, ["alice", "bea", "cara", "dan"], strict=True)
    )
    for person, server in ((alice, doomed), (cara, doomed), (bea, survivor), (dan, survivor)):
        person.connect(server)
    first = bea.send_message("Before anything broke.")
    for person in (alice, bea, cara, dan):
        person.catch_up(first)

    bodies = {alice.send_message(f"Alice {number}"): f"Alice {number}" for number in range(BURST)}
    alice.catch_up(next(iter(bodies)))  # the worker is busy with the rest of the burst
    doomed.kill()
    # Bea keeps talking while Alice and Cara are away. (One sender at a time from here: two
    # members sending at the same instant can be delivered live out of id order, and a socket
    # dropped between the two would then ask `since` the newer id and never get the older.)
    sent_by_bea = [first] + [bea.send_message(f"Bea {number}") for number in range(AFTER)]
    bea.catch_up(sent_by_bea[-1])
    alice.reconnect_until_welcome(survivor)
    cara.reconnect_until_welcome(survivor)
    for client_id, body in bodies.items():
        if client_id not in alice.seen_client_ids():  # kept by the client until acknowledged
            alice.send_message(body, client_id=client_id)
            alice.catch_up(client_id, survivor)
    last = bea.send_message("Everyone still here?")
    sent_by_bea.append(last)
    for person in (alice, bea, cara, dan):
        person.catch_up(last, survivor)

    stored = stored_client_ids(room)
    assert sorted(stored) == sorted([*bodies, *sent_by_bea])
    for person in (alice, cara):
        assert person.seen_client_ids() == stored, person.name
    for person in (bea, dan):
        assert person.seen_ids() == sorted(set(person.seen_ids())), person.name
    reloaded = member_in(live_room.members[3], room, "dan, reloading")
    reloaded.connect(survivor)
    assert reloaded.seen_client_ids() == stored
