"""A member in a live room, through a real WebSocket client (`websockets`), for real servers.

`Member(cookie, room_public_id)` is one person: `connect(server)` opens a socket to
`/ws/rooms/<public_id>/` on a `tests.daphne.Daphne` (with `?since=<last id seen>` once they
have seen a message, as the browser client reconnects), reads the `hello`, and from then on
every `message` frame they receive, in hello or live, is recorded in `seen`, in arrival order,
across reconnects. A test then asserts what the person saw: `seen_ids()` in order, once each.

Every wait is bounded (RECEIVE_TIMEOUT_SECONDS) so a frame that never comes fails the test
instead of hanging it; the bound is a safety net, never a timing assertion.
"""

import contextlib
import json
import time
import uuid
from collections.abc import Callable

from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import ClientConnection, connect

from tests.daphne import Daphne

RECEIVE_TIMEOUT_SECONDS = 15
OPEN_TIMEOUT_SECONDS = 15
CLOSE_TIMEOUT_SECONDS = 5
# After these close codes a client must not reconnect (the contract); after others it may.
FINAL_CLOSE_CODES = frozenset({4001, 4003, 4005, 4007, 4011})
RECONNECT_ATTEMPTS = 40
RECONNECT_PAUSE_SECONDS = 0.25
# Every Member made in the running test, so its sockets can be closed before the test's data
# is flushed (tests/conftest.py: `members_leave_before_the_flush`).
_members: list["Member"] = []


def drop_every_member() -> int:
    """Close the socket of every Member of the running test; returns how many had one."""
    open_ones = [member for member in _members if member.socket is not None]
    for member in open_ones:
        member.drop()
    _members.clear()
    return len(open_ones)


class Closed(Exception):
    """The server closed the socket (or refused the handshake): `code` says how."""

    def __init__(self, code: int | None, reason: str = "") -> None:
        super().__init__(f"socket closed with code {code} {reason}".strip())
        self.code = code


class Member:
    def __init__(self, cookie: str, room_public_id: str, name: str = "member") -> None:
        self.cookie = cookie
        self.room_public_id = room_public_id
        self.name = name
        self.socket: ClientConnection | None = None
        self._open = contextlib.ExitStack()
        self.server: Daphne | None = None
        self.hello: dict | None = None
        # Every `message` frame received, in hello or live, in arrival order.
        self.seen: list[dict] = []
        # Every other frame received since the last connect (errors, presence, removals...).
        self.other_frames: list[dict] = []
        _members.append(self)

    # Connecting

    def url(self, server: Daphne, since: int | None) -> str:
        url = f"{server.ws_base}/ws/rooms/{self.room_public_id}/"
        return url if since is None else f"{url}?since={since}"

    def connect(self, server: Daphne, since: int | None = None, origin: str = "") -> dict:
        """Open a socket and read the hello; raises Closed when the server turns it away.

        `origin` is the page's (the server's own unless given): a page of another site
        sends its own."""
        self.server = server
        try:
            opening = connect(
                self.url(server, since),
                origin=origin or server.origin,
                additional_headers={"Cookie": self.cookie},
                proxy=None,  # loopback only, whatever HTTP(S)_PROXY says
                open_timeout=OPEN_TIMEOUT_SECONDS,
                close_timeout=CLOSE_TIMEOUT_SECONDS,
                max_queue=None,  # a member who reads late must not slow the server's writes
                compression=None,
            )
            # Entered as a context (websockets' lasting form), left by `drop()`.
            self.socket = self._open.enter_context(opening)
        except InvalidStatus as refused:
            raise Closed(None, f"handshake refused: HTTP {refused.response.status_code}") from None
        self.other_frames = []
        self.hello = self._receive_raw()
        assert self.hello["type"] == "hello", f"the first frame was not hello: {self.hello}"
        self.seen += [frame for frame in self.hello["messages"] if frame["type"] == "message"]
        return self.hello

    def reconnect(self, server: Daphne) -> dict:
        """Connect again, asking for everything after the last message seen."""
        self.drop()
        return self.connect(server, since=self.last_id())

    def reconnect_until_welcome(self, server: Daphne) -> dict:
        """Reconnect with `since` as the browser client does, pausing between tries, until a
        hello comes (a worker that just died refuses connections; a restarting one may fail)."""
        for _attempt in range(RECONNECT_ATTEMPTS):
            try:
                return self.reconnect(server)
            except Closed as closed:
                if closed.code in FINAL_CLOSE_CODES:
                    raise
            except OSError:  # refused, reset, timed out
                pass
            time.sleep(RECONNECT_PAUSE_SECONDS)
        raise AssertionError(f"{self.name} could not reconnect in {RECONNECT_ATTEMPTS} tries")

    def drop(self) -> None:
        """Close this side's socket (a phone losing signal, a closed laptop)."""
        self._open.close()
        self.socket = None

    # Sending

    def send(self, frame: dict) -> None:
        self.socket.send(json.dumps(frame))

    def send_message(self, body: str, client_id: str | None = None) -> str:
        client_id = client_id or str(uuid.uuid4())
        self.send({"type": "message.send", "client_id": client_id, "body": body})
        return client_id

    # Receiving

    def _receive_raw(self) -> dict:
        try:
            text = self.socket.recv(timeout=RECEIVE_TIMEOUT_SECONDS)
        except TimeoutError:
            last = [frame["type"] for frame in self.other_frames[-5:]]
            raise AssertionError(
                f"{self.name} received nothing within {RECEIVE_TIMEOUT_SECONDS} s; had seen "
                f"{len(self.seen)} messages and then {last}"
            ) from None
        except ConnectionClosed as closed:
            code = closed.rcvd.code if closed.rcvd else None
            raise Closed(code) from None
        return json.loads(text)

    def receive(self) -> dict:
        """The next frame, recorded in `seen` when it is a message."""
        frame = self._receive_raw()
        if frame["type"] == "message":
            self.seen.append(frame)
        else:
            self.other_frames.append(frame)
        return frame

    def receive_until(self, wanted: Callable[[dict], bool]) -> dict:
        """Read frames until one is `wanted`; returns that one."""
        while True:
            frame = self.receive()
            if wanted(frame):
                return frame

    def receive_message(self, client_id: str) -> dict:
        """Read until the message sent with `client_id` arrives (the sender's acknowledgement)."""
        return self.receive_until(
            lambda frame: frame["type"] == "message" and frame["client_id"] == client_id
        )

    def catch_up(self, client_id: str, server: Daphne | None = None) -> None:
        """Read until the message sent with `client_id` has been seen, live or in a hello,
        reconnecting (to `server`, else the same one) whenever the socket closes with a code
        that allows it, as the browser client does."""
        while client_id not in self.seen_client_ids():
            try:
                self.receive()
            except Closed as closed:
                if closed.code in FINAL_CLOSE_CODES:
                    raise
                self.reconnect_until_welcome(server or self.server)

    def receive_error(self, code: str) -> dict:
        return self.receive_until(lambda frame: frame["type"] == "error" and frame["code"] == code)

    def wait_closed(self) -> int | None:
        """Read until the server closes the socket; returns the close code."""
        while True:
            try:
                self.receive()
            except Closed as closed:
                self.drop()
                return closed.code

    # What the member saw

    def seen_ids(self) -> list[int]:
        return [frame["id"] for frame in self.seen]

    def seen_client_ids(self) -> list[str]:
        return [frame["client_id"] for frame in self.seen]

    def last_id(self) -> int | None:
        return self.seen[-1]["id"] if self.seen else None
