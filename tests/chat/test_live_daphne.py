"""A real daphne, real WebSocket clients: reconnecting with `since` loses and repeats nothing.

One daphne process (the embedded default: SQLite file, in-memory channel layer) serves the
module; members connect with a session cookie and an allowed Origin, as a browser does
(tests/daphne.py, tests/ws_client.py).
"""

import json

import pytest

from chat.app_settings import app_settings
from chat.models import Message
from tests.daphne import session_cookie
from tests.factories import MembershipFactory
from tests.ws_client import Closed, Member

pytestmark = pytest.mark.django_db(transaction=True)

SIGNED_OUT = 4001
NOT_ALLOWED = 4003
# Sent before, while and after the other member is away; enough that some are in flight when
# the socket drops.
BURST = 8


@pytest.fixture(scope="module")
def server(start_daphne):
    return start_daphne("embedded")


def member_in(membership, room, name: str) -> Member:
    return Member(session_cookie(membership.persona.account), room.public_id, name)


def stored_client_ids(room) -> list[str]:
    client_ids = room.messages.order_by("pk").values_list("client_id", flat=True)
    return [str(client_id) for client_id in client_ids]


def send_burst(sender: Member, label: str) -> list[str]:
    """Sends BURST messages without waiting between them, then reads every acknowledgement."""
    client_ids = [sender.send_message(f"{label} {number}") for number in range(BURST)]
    for client_id in client_ids:
        sender.receive_message(client_id)
    return client_ids


def test_a_member_dropped_mid_stream_reconnects_with_since_and_has_every_message_once(
    server, live, member, other_member
):
    room = live.room
    alice = member_in(member, room, "alice")
    bea = member_in(other_member, room, "bea")
    alice.connect(server)
    bea.connect(server)

    sent = send_burst(alice, "before")
    # Bea reads a few, then her socket drops with the rest of the burst still on its way.
    while len(bea.seen) < BURST // 2:
        bea.receive()
    bea.drop()
    sent += send_burst(alice, "while away")
    bea.reconnect(server)
    sent += send_burst(alice, "after")
    bea.receive_message(sent[-1])

    assert stored_client_ids(room) == sent
    assert bea.seen_client_ids() == sent
    assert bea.seen_ids() == sorted(set(bea.seen_ids()))
    assert alice.seen_client_ids() == sent


def test_the_sender_resending_a_message_gets_the_original_and_nobody_a_second_one(
    server, live, member, other_member
):
    room = live.room
    alice = member_in(member, room, "alice")
    bea = member_in(other_member, room, "bea")
    alice.connect(server)
    bea.connect(server)

    first = alice.receive_message(alice.send_message("Is anyone else here tonight?"))
    # The acknowledgement was lost (say), so the client sends the same client_id again.
    alice.send_message("Is anyone else here tonight?", client_id=first["client_id"])
    again = alice.receive_message(first["client_id"])
    last = alice.send_message("Good, hello.")
    alice.receive_message(last)
    bea.receive_message(last)

    assert again == first
    assert Message.objects.filter(room=room).count() == 2
    assert bea.seen_client_ids() == [first["client_id"], last]


def test_a_page_of_another_site_cannot_open_a_members_socket(server, live, member):
    """The browser sends the member's cookie with a cross-site WebSocket; the Origin header is
    what stops it (ALLOWED_HOSTS), before anything else runs."""
    alice = member_in(member, live.room, "alice")

    with pytest.raises(Closed, match="HTTP 403"):
        alice.connect(server, origin="https://elsewhere.example")


def test_a_visitor_and_a_member_of_another_group_are_turned_away_with_their_close_codes(
    server, live
):
    visitor = Member("", live.room.public_id, "visitor")
    outsider = member_in(MembershipFactory(), live.room, "outsider")

    with pytest.raises(Closed) as signed_out:
        visitor.connect(server)
    with pytest.raises(Closed) as not_allowed:
        outsider.connect(server)

    assert signed_out.value.code == SIGNED_OUT
    assert not_allowed.value.code == NOT_ALLOWED


def test_an_oversized_frame_gets_an_error_and_the_socket_stays_usable(server, live, member):
    alice = member_in(member, live.room, "alice")
    alice.connect(server)
    body = "x" * (app_settings.MAX_FRAME_BYTES + 1)

    alice.socket.send(json.dumps({"type": "message.send", "client_id": "x", "body": body}))
    error = alice.receive_error("frame_too_large")
    still_there = alice.send_message("Still here after that.")
    alice.receive_message(still_there)

    assert error["type"] == "error"
    assert Message.objects.filter(room=live.room).count() == 1
