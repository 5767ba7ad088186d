"""Redis refusing, hanging or stalling under a live room: nothing said is lost (issue #10, Scale).

A real daphne reaches the real Redis through a switch (tests/faults/proxy.py) that the test
turns: refusing (Redis down), hanging (Redis hung: connections accepted, never answered),
then back (Redis restarted: connections reset; or only stalled: the same connections carry
bytes again). While the layer is broken a sent message must still be stored and acknowledged
to its sender, who is told live delivery is interrupted (`error` code
`live_delivery_interrupted`); once the layer is back the other member has it, once, in order
(live, or by backfill if their socket had to reconnect), and new messages flow live again.

Needs Redis (the switch forwards to REDIS_URL): run by `make test-services`, where Redis
missing is a failure.
"""

import pytest

from chat import realtime
from chat.models import Message
from groups.services.membership import leave_group
from tests.daphne import redis_address, redis_url_through, require_redis, session_cookie
from tests.faults.proxy import switch_in_front_of
from tests.ws_client import Member

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]

INTERRUPTED = "live_delivery_interrupted"
MEMBERSHIP_ENDED = 4005


@pytest.fixture(scope="module")
def switch():
    with switch_in_front_of(redis_address(require_redis())) as switch:
        yield switch


# Shorter than the defaults (2 s, 3 s), so each outage costs the suite less waiting.
LAYER_TIMEOUT_SECONDS = 1.0
LAYER_RETRY_SECONDS = 1.0


@pytest.fixture(scope="module")
def server(start_daphne, switch):
    return start_daphne(
        "behind-switch",
        redis_url_through(require_redis(), switch.port),
        CHAT_LAYER_TIMEOUT_SECONDS=str(LAYER_TIMEOUT_SECONDS),
        CHAT_LAYER_RETRY_SECONDS=str(LAYER_RETRY_SECONDS),
    )


@pytest.fixture(autouse=True)
def redis_mended(switch):
    """Each test starts with Redis reachable, whatever the one before left broken."""
    switch.forward()
    yield


def member_in(membership, room, name: str) -> Member:
    return Member(session_cookie(membership.persona.account), room.public_id, name)


def connect_both(server, live_room) -> tuple[Member, Member, str]:
    """Alice and Bea in the room, and a first message that went live through Redis."""
    alice = member_in(live_room.members[0], live_room.room, "alice")
    bea = member_in(live_room.members[1], live_room.room, "bea")
    alice.connect(server)
    bea.connect(server)
    before = alice.send_message("Before anything broke.")
    alice.receive_message(before)
    bea.receive_message(before)
    return alice, bea, before


def is_interrupted(frame: dict) -> bool:
    return frame["type"] == "error" and frame["code"] == INTERRUPTED


def send_while_broken(alice: Member) -> str:
    """Alice sends; she must get her acknowledgement and be told delivery is interrupted."""
    told_before = len(alice.other_frames)
    during = alice.send_message("Sent while Redis is broken.")
    alice.receive_message(during)
    # The notice may come before or after the acknowledgement.
    if not any(is_interrupted(frame) for frame in alice.other_frames[told_before:]):
        alice.receive_until(is_interrupted)
    assert Message.objects.filter(client_id=during).exists()
    return during


@pytest.mark.parametrize(
    ("break_redis", "mend_redis"),
    [("refuse", "forward"), ("hang", "forward"), ("hang", "resume")],
    ids=["refused-then-restarted", "hung-then-restarted", "stalled-then-resumed"],
)
def test_a_message_sent_while_redis_is_broken_is_stored_acknowledged_and_reaches_the_others(
    break_redis, mend_redis, switch, server, live_room
):
    alice, bea, before = connect_both(server, live_room)
    getattr(switch, break_redis)()

    during = send_while_broken(alice)
    getattr(switch, mend_redis)()
    bea.catch_up(during)
    after = alice.send_message("Sent once Redis is back.")
    alice.catch_up(after)
    bea.catch_up(after)

    assert alice.seen_client_ids() == bea.seen_client_ids() == [before, during, after]


@pytest.mark.parametrize("break_redis", ["refuse", "hang"])
def test_a_member_who_leaves_while_redis_is_broken_is_cut_off_once_it_is_back(
    break_redis, switch, server, live_room, settings
):
    """The page that takes the member out of the group (here: this process, as a page worker)
    cannot reach Redis either; the close must still reach her socket, or it would go on
    receiving the room once Redis is back."""
    settings.CHAT_LAYER_TIMEOUT_SECONDS = LAYER_TIMEOUT_SECONDS
    settings.CHAT_LAYER_RETRY_SECONDS = LAYER_RETRY_SECONDS
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                "hosts": [redis_url_through(require_redis(), switch.port)],
                "prefix": "lantern",
            },
        }
    }
    alice, bea, _before = connect_both(server, live_room)
    getattr(switch, break_redis)()

    leave_group(membership=live_room.members[1])
    assert realtime._Undelivered.events, "the close was sent although Redis is broken"
    switch.forward()

    assert bea.wait_closed() == MEMBERSHIP_ENDED


def test_a_member_back_from_an_outage_gets_only_what_she_missed(switch, server, live_room):
    """Bea reconnected with `since` to a quiet room (nothing new), then Redis went down and
    came back: her socket backfills what was sent after `since`, not the room's history."""
    room = live_room.room
    alice, bea, _before = connect_both(server, live_room)
    earlier = [alice.send_message(f"Earlier {number}") for number in range(3)]
    bea.catch_up(earlier[-1])
    alice.drop()
    bea.reconnect(server)  # since = the last message: her hello has no message
    switch.refuse()
    bea.receive_until(is_interrupted)
    switch.forward()
    alice.connect(server)
    later = alice.send_message("Later.")
    bea.catch_up(later)

    stored = [
        str(client_id)
        for client_id in room.messages.order_by("pk").values_list("client_id", flat=True)
    ]
    assert bea.seen_client_ids() == stored
