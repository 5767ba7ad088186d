"""WebSocket clients for consumer tests: Channels' WebsocketCommunicator on the real ASGI app.

Each socket carries a real session cookie (made by Django's test client, as a login would) and
an allowed Origin, through the same middleware stack daphne serves (`community.asgi`). The
tests are async (pytest-asyncio), with a transactional database, so the consumer's threads
see what the test made and the services' on-commit broadcasts run.
"""

import json
import uuid

from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client

from community.asgi import application
from community.models import Account
from groups.models import Membership

TIMEOUT = 3
ORIGIN = b"http://localhost"


def session_cookie(account: Account) -> str:
    client = Client()
    client.force_login(account)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


class Socket:
    """One member's socket to one room. Make it in sync code (fixtures, `database_sync_to_async`)
    because it logs in; `cookie` reuses a session instead of making a new one."""

    def __init__(self, person, room, *, since=None, cookie=None, origin=ORIGIN):
        account = person.persona.account if isinstance(person, Membership) else person
        self.path = f"/ws/rooms/{room if isinstance(room, str) else room.public_id}/"
        if since is not None:
            self.path += f"?since={since}"
        self.headers = [(b"origin", origin), (b"host", b"localhost")]
        self.cookie = None
        if account is not None:
            self.cookie = cookie or session_cookie(account)
            name = settings.SESSION_COOKIE_NAME
            self.headers.append((b"cookie", f"{name}={self.cookie}".encode()))
        self.communicator = WebsocketCommunicator(application, self.path, headers=self.headers)
        self.close_code = None

    async def connect(self) -> dict | None:
        """Connect; the hello frame, or None when the server closed the socket (see close_code)."""
        connected, code = await self.communicator.connect(TIMEOUT)
        if not connected:  # refused before the handshake (an HTTP 403)
            self.close_code = code
            return None
        return await self.receive_hello()

    async def receive_hello(self) -> dict | None:
        frame = await self.receive()
        return None if frame["type"] == "closed" else frame

    async def send(self, frame) -> None:
        text = frame if isinstance(frame, str) else json.dumps(frame)
        await self.communicator.send_to(text_data=text)

    async def send_bytes(self, data: bytes) -> None:
        await self.communicator.send_to(bytes_data=data)

    async def receive(self) -> dict:
        """The next frame; a close comes back as {"type": "closed", "code": n}.

        A general "live delivery is interrupted" notice (no `ref`) is skipped: on a loaded
        machine a slow Redis call under `make test-services` can send one, and these tests are
        about other things (tests/faults/ test the notice itself).
        """
        while True:
            output = await self.communicator.receive_output(TIMEOUT)
            if output["type"] == "websocket.close":
                self.close_code = output.get("code")
                return {"type": "closed", "code": self.close_code}
            frame = json.loads(output["text"])
            if not _is_general_interruption_notice(frame):
                return frame

    async def receive_until(self, kind: str) -> dict:
        """Frames until one of type `kind`; presence frames on the way are skipped."""
        while True:
            frame = await self.receive()
            if frame["type"] == kind:
                return frame
            if frame["type"] != "presence":
                raise AssertionError(f"expected a {kind!r} frame, got {frame}")

    async def receive_reply(self, client_id: str) -> dict:
        """The frame answering `client_id` (its message, or an error with it as `ref`); other
        members' messages, presence and typing on the way are skipped."""
        while True:
            frame = await self.receive()
            if frame.get("client_id") == client_id or frame.get("ref") == client_id:
                return frame
            if frame["type"] not in ("message", "presence", "typing"):
                raise AssertionError(f"expected the reply to {client_id}, got {frame}")

    async def nothing_more(self, timeout: float = 0.3) -> bool:
        """No frame but presence arrives within `timeout`."""
        while not await self.communicator.receive_nothing(timeout):
            output = await self.communicator.receive_output(TIMEOUT)
            if output["type"] == "websocket.close":
                return False
            frame = json.loads(output["text"])
            if frame["type"] != "presence" and not _is_general_interruption_notice(frame):
                return False
        return True

    async def send_message(self, body="Hello, everyone.", **fields) -> str:
        client_id = fields.pop("client_id", str(uuid.uuid4()))
        await self.send({"type": "message.send", "client_id": client_id, "body": body, **fields})
        return client_id

    async def close(self) -> None:
        await self.communicator.disconnect()


def _is_general_interruption_notice(frame: dict) -> bool:
    return frame.get("code") == "live_delivery_interrupted" and frame.get("ref") is None


async def open_socket(person, room, **options) -> tuple[Socket, dict | None]:
    """A connected socket and its hello (None if refused), made from async code."""
    socket = await database_sync_to_async(Socket)(person, room, **options)
    return socket, await socket.connect()
