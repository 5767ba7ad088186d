"""The live room: DESIGN.md §5's protocol over one WebSocket per member per room.

The consumer parses frames, calls `chat.services` (the same rules as the pages), and forwards
what the services broadcast. It holds no rule of its own beyond the shape of frames and the
per-socket frame rate.

- Who: the session's account, fixed at connect; its persona in the room's space (the group's,
  or the space of the app that owns the room: `chat.room_kinds`) is the only identity any
  frame carries. Unknown rooms, non-members, pending applicants, other people's quiet rooms
  and whoever another app's room is not for are all refused alike (4003), so a refusal says
  nothing about a room.
- Every frame is checked (JSON, an object, a known type, each field's type, sizes); a bad
  one gets an `error` frame and the socket stays open. Writes re-check membership through
  `chat.access` on every frame, and changes of access elsewhere close the socket through the
  channel layer on every worker (`chat.broadcast` listeners, close codes in `chat.realtime`).
- Fan-out: a broadcast is one pre-serialized string; forwarding it touches no database, so
  those events skip Channels' per-event hop to a thread to close old database connections.
- The layer (Redis at scale) may fail: messages are still stored and acknowledged, the member
  is told live delivery is interrupted, and the socket backfills from the database once the
  layer answers again.
"""

import asyncio
import contextlib
import json
import time
import uuid
from dataclasses import dataclass, field

from channels.db import database_sync_to_async
from channels.exceptions import StopConsumer
from channels.generic.websocket import AsyncWebsocketConsumer
from channels.layers import get_channel_layer
from channels.utils import await_many_dispatch
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from chat import policies, presence, realtime, selectors, services
from chat.access import access_message, access_room, blocked_persona_ids
from chat.app_settings import app_settings
from chat.models import Room
from chat.room_kinds import Participant, room_kind
from community import flagging, screening
from community.errors import NotAllowed, RateLimited
from community.limits import parse_rate
from community.models import Persona
from groups.models import Membership

# Each client frame type and its fields: name -> (type, required).
FRAMES = {
    "message.send": {
        "client_id": (str, True),
        "body": (str, True),
        "content_warning": (str, False),
    },
    "history": {"before": (int, True)},
    "typing": {},
    "flag": {"message_id": (int, True), "reason": (str, True), "note": (str, False)},
    "message.remove": {"message_id": (int, True)},
    "participant.mute": {"persona": (str, True), "minutes": (int, True)},
    "session.end": {},
}
# Events that only forward a prepared frame: no database work, so no thread hop for them.
FORWARDING_EVENTS = frozenset(
    {"chat.message", "chat.forward", "chat.typing", "chat.ended", "chat.close", "chat.layer_lost"}
)
REMEMBERED_IDS = 2000


class FrameError(Exception):
    def __init__(self, code: str, detail: str):
        super().__init__(detail)
        self.code, self.detail = code, detail


@dataclass
class Seat:
    """What a socket knows about its member and room, loaded at connect."""

    room: Room
    membership: Membership | Participant
    blocked: frozenset[str] = field(default_factory=frozenset)  # persona public ids

    @property
    def persona(self) -> Persona:
        return self.membership.persona


class FrameRate:
    """A fixed window per socket (CHAT_CONNECTION_FRAME_RATE), counted in memory."""

    def __init__(self, rate: str):
        self.limit = parse_rate(rate)
        self.window, self.used = 0, 0

    def take(self) -> int:
        """Count one frame; how many frames over the limit this window is (0 if within)."""
        window = int(time.monotonic()) // self.limit.seconds
        if window != self.window:
            self.window, self.used = window, 0
        self.used += 1
        return max(0, self.used - self.limit.count)


# Database work, each a single trip to a thread


def _load_seat(account, room_public_id: str) -> Seat:
    room, membership = access_room(account, room_public_id)
    return Seat(room=room, membership=membership, blocked=_blocked_public_ids(account, room))


def _blocked_public_ids(account, room: Room) -> frozenset[str]:
    ids = blocked_persona_ids(account, room)
    if not ids:
        return frozenset()
    return frozenset(Persona.objects.filter(pk__in=ids).values_list("public_id", flat=True))


def _admit(seat: Seat, channel: str) -> bool:
    """Record the socket's presence unless the room is full (hosts always get in)."""
    room = seat.room
    host = policies.can_host_room(seat.membership, room)
    capacity = room.chat_session.capacity if room.kind == Room.Kind.SESSION else None
    if capacity and not host and presence.is_full(room, seat.persona.pk, capacity):
        return False
    presence.arrive(room, seat.persona.pk, channel)
    return True


def _enter(account, room_public_id: str, channel: str, since: int | None):
    """A join in one trip to the database: (seat, hello, None), or (None, None, refusal)."""
    try:
        seat = _load_seat(account, room_public_id)
    except Http404:
        return None, None, (realtime.NOT_ALLOWED, "This room isn't open to you.")
    if not _admit(seat, channel):
        return None, None, (realtime.ROOM_FULL, "The room is full. Try again later.")
    return seat, _hello(seat, since), None


def _hello(seat: Seat, since: int | None) -> dict:
    room, now = seat.room, timezone.now()
    until = services.muted_until(seat.persona, room, now)
    if since is None:
        messages = selectors.recent_messages(room, blocked=_blocked_pks(seat))
    else:
        messages = selectors.messages_since(room, since, blocked=_blocked_pks(seat))
    live = policies.room_is_live(room, now)
    return {
        "type": "hello",
        "you": {
            "persona": seat.persona.public_id,
            "name": seat.persona.display_name,
            "role": "host" if policies.can_host_room(seat.membership, room) else "member",
            "muted_until": until.isoformat() if until else None,
            "can_send": live and until is None,
        },
        "room": {"public_id": room.public_id, "kind": room.kind, "live": live, **_times(room)},
        "messages": messages,
    }


def _times(room: Room) -> dict:
    """The hello's title, times and capacity: the session's, or for another app's room its
    kind's label, no times and no capacity (its owner decides who is in it)."""
    session = room.live_session
    if session is None:
        registered = room_kind(room.kind)
        title = registered.label if registered is not None else ""
        return {"title": title, "starts_at": None, "ends_at": None, "capacity": None}
    return {
        "title": "Quiet room" if room.kind == Room.Kind.QUIET else session.title,
        "starts_at": session.starts_at.isoformat(),
        "ends_at": session.ends_at.isoformat(),
        "capacity": 2 if room.kind == Room.Kind.QUIET else session.capacity,
    }


def _blocked_pks(seat: Seat) -> frozenset[int]:
    if not seat.blocked:
        return frozenset()
    ids = Persona.objects.filter(public_id__in=seat.blocked).values_list("pk", flat=True)
    return frozenset(ids)


def _fresh_seat(account, seat: Seat) -> Seat:
    """Membership, role and the session's state as they are now (DESIGN.md §6)."""
    room, membership = access_room(account, seat.room.public_id)
    return Seat(room=room, membership=membership, blocked=seat.blocked)


def _send_message(account, seat: Seat, frame: dict) -> tuple[dict, bool]:
    """Store the message; its frame, and whether the layer took the broadcast."""
    seat = _fresh_seat(account, seat)
    message = services.send_message(
        account=account,
        membership=seat.membership,
        room=seat.room,
        body=frame["body"],
        content_warning=frame.get("content_warning", ""),
        client_id=frame["client_id"],
    )
    return selectors.message_frame(message), realtime.layer_is_up()


def _history(account, seat: Seat, before: int) -> dict:
    seat = _fresh_seat(account, seat)
    limit = app_settings.HISTORY_PAGE_SIZE
    messages = selectors.messages_before(seat.room, before, limit + 1, blocked=_blocked_pks(seat))
    more = len(messages) > limit
    return {"type": "history", "before": before, "messages": messages[-limit:], "more": more}


def _flag(account, seat: Seat, frame: dict) -> None:
    message, _membership = access_message(account, frame["message_id"], room=seat.room)
    if message.removed_at is not None or message.hidden_at is not None:
        raise Http404
    flagging.record(
        reporter=account, target=message, reason=frame["reason"], note=frame.get("note", "")
    )


def _remove(account, seat: Seat, frame: dict) -> None:
    seat = _fresh_seat(account, seat)
    message, membership = access_message(account, frame["message_id"], room=seat.room)
    services.remove_message(membership=membership, message=message)


def _mute(account, seat: Seat, frame: dict) -> None:
    seat = _fresh_seat(account, seat)
    services.mute_participant(
        membership=seat.membership,
        room=seat.room,
        persona_public_id=frame["persona"],
        minutes=frame["minutes"],
    )


def _end(account, seat: Seat) -> None:
    seat = _fresh_seat(account, seat)
    services.end_session(membership=seat.membership, session=seat.room.live_session)


def _messages_after(seat: Seat, since: int) -> list[dict]:
    return selectors.messages_since(seat.room, since, blocked=_blocked_pks(seat))


def _still_in_room(account, seat: Seat) -> bool:
    try:
        _fresh_seat(account, seat)
    except Http404:
        return False
    return True


class RoomConsumer(AsyncWebsocketConsumer):
    seat: Seat | None = None
    caught_up_to = 0  # the newest message id this socket's client has (set at hello)

    # Connection life

    async def __call__(self, scope, receive, send):
        """Channels' own loop, with a channel-layer receive that survives the layer failing
        (Channels' would end the socket): see `_receive_from_layer`."""
        self.scope = scope
        self.channel_layer = get_channel_layer(self.channel_layer_alias)
        self.channel_name = await self.channel_layer.new_channel()
        self.base_send = send
        self.layer_ok = True
        self.joined: list[str] = []  # not `groups`: Channels would leave those without a timeout
        with contextlib.suppress(StopConsumer):
            await await_many_dispatch([receive, self._receive_from_layer], self.dispatch)

    async def dispatch(self, message):
        handler = getattr(self, message["type"].replace(".", "_"), None)
        if message["type"] in FORWARDING_EVENTS and handler is not None:
            await handler(message)  # no database: skip Channels' close_old_connections hop
        else:
            await super().dispatch(message)

    async def connect(self):
        self.account = self.scope.get("user")
        self.session_tag = realtime.session_tag(self._session_key())
        self.frames = FrameRate(app_settings.CONNECTION_FRAME_RATE)
        self.own_ids: set[int] = set()
        self.delivered: dict[int, None] = {}  # ordered, bounded: ids this socket was sent
        self.last_typing = 0.0
        if self.account is None or not self.account.is_authenticated:
            return await self._refuse(realtime.SIGNED_OUT, "Please sign in again.")
        room_public_id = self.scope["url_route"]["kwargs"]["room_public_id"]
        # Joined before the database trip, so a message stored during it still arrives (and
        # one also in the hello is forwarded once). Left again if the member is refused.
        await self._join_groups(self._groups_before_entering(room_public_id))
        since = self._since()
        seat, hello, refusal = await database_sync_to_async(_enter)(
            self.account, room_public_id, self.channel_name, since
        )
        if refusal is not None:
            await self._leave_groups()
            return await self._refuse(*refusal)
        self.seat = seat
        await self._join_groups([realtime.persona_group(seat.persona.public_id)])
        await self.accept()
        self._remember(hello["messages"])
        # What the client has up to: after `since` (or the hello) only newer ones are missing.
        self.caught_up_to = max([since or 0] + [frame["id"] for frame in hello["messages"]])
        await self.send_json(hello)
        if not self.layer_ok:
            await self._tell_interrupted(None)
        presence.keep_beating()
        presence.announce_soon(self.seat.room)

    async def disconnect(self, code):
        if self.seat is None:
            return
        await database_sync_to_async(presence.leave)(self.channel_name)
        presence.announce_soon(self.seat.room)
        await self._leave_groups()

    async def _refuse(self, code: int, reason: str) -> None:
        # Accepted first: a close before accepting is an HTTP 403, which browsers report as
        # 1006 with no code, and the client could not tell "not allowed" from "network down".
        await self.accept()
        await self.close(code=code, reason=reason)

    def _session_key(self) -> str | None:
        session = self.scope.get("session")
        return session.session_key if session is not None else None

    def _since(self) -> int | None:
        query = self.scope.get("query_string", b"").decode("ascii", "replace")
        for part in query.split("&"):
            name, _, value = part.partition("=")
            if name == "since" and value.isdigit():
                return int(value)
        return None

    def _groups_before_entering(self, room_public_id: str) -> list[str]:
        groups = [realtime.room_group(room_public_id), realtime.account_group(self.account.pk)]
        if self.session_tag:
            groups.append(realtime.session_group(self._session_key()))
        return groups

    async def _join_groups(self, groups: list[str]) -> None:
        for group in groups:
            if group not in self.joined:
                self.joined.append(group)
            if self.layer_ok and not await realtime.bounded(
                self.channel_layer.group_add(group, self.channel_name)
            ):
                self.layer_ok = False

    async def _leave_groups(self) -> None:
        if self.layer_ok:
            for group in self.joined:
                await realtime.bounded(self.channel_layer.group_discard(group, self.channel_name))
        self.joined = []

    # The channel layer, and surviving its failures

    async def _receive_from_layer(self):
        while True:
            if self.layer_ok:
                try:
                    return await self.channel_layer.receive(self.channel_name)
                except asyncio.CancelledError:
                    raise
                except Exception:  # the layer went away under us
                    self.layer_ok = False
                    return {"type": "chat.layer_lost"}
            await asyncio.sleep(app_settings.LAYER_RETRY_SECONDS)
            if self.seat is not None:
                self.layer_ok = True
                await self._join_groups(list(self.joined))
                if self.layer_ok:
                    return {"type": "chat.layer_back"}

    async def chat_layer_lost(self, event):
        await self._tell_interrupted(None)

    async def chat_layer_back(self, event):
        """Send what was stored while live delivery was down, then the presence count."""
        # Not max(delivered) alone: a socket that reconnected with `since` to a quiet room has
        # delivered nothing yet, and would be sent the room's whole history again.
        since = max(self.caught_up_to, max(self.delivered, default=0))
        frames = await database_sync_to_async(_messages_after)(self.seat, since)
        for frame in frames:
            if frame["id"] not in self.delivered:
                self._remember([frame])
                await self.send_json(frame)
            self.caught_up_to = max(self.caught_up_to, frame["id"])
        presence.announce_soon(self.seat.room)

    async def _tell_interrupted(self, ref: str | None) -> None:
        await self._error(
            "live_delivery_interrupted",
            "Live delivery is interrupted. Messages are still saved, and everyone will get "
            "them when it is back.",
            ref,
        )

    # Frames from the client

    async def receive(self, text_data=None, bytes_data=None):
        if self.seat is None:
            return
        try:
            frame = self._parse(text_data, bytes_data)
            await self._handle(frame)
        except StopFlood as error:
            await self._error(error.code, error.detail, None)
            await self.close(code=realtime.FLOODING)
        except FrameError as error:
            await self._error(error.code, error.detail, self._ref(text_data))

    def _parse(self, text_data, bytes_data) -> dict:
        over = self.frames.take()
        if over > app_settings.MAX_REFUSED_FRAMES:
            raise StopFlood
        if over:
            raise FrameError("rate_limited", "You're sending too fast. Wait a moment.")
        if text_data is None:
            raise FrameError("binary_not_supported", "Frames must be JSON text, not binary.")
        limit = app_settings.MAX_FRAME_BYTES
        if len(text_data) > limit or len(text_data.encode("utf-8")) > limit:
            raise FrameError("frame_too_large", f"A frame can be at most {limit} bytes.")
        try:
            frame = json.loads(text_data)
        except ValueError:
            raise FrameError("invalid_json", "That frame was not valid JSON.") from None
        if not isinstance(frame, dict):
            raise FrameError("invalid_frame", "A frame must be a JSON object.")
        kind = frame.get("type")
        if not isinstance(kind, str) or kind not in FRAMES:
            raise FrameError("unknown_type", f"Unknown frame type. Known: {', '.join(FRAMES)}.")
        _check_fields(frame, FRAMES[kind])
        return frame

    def _ref(self, text_data) -> str | None:
        """The frame's client_id, if it had a readable one, so the client knows what failed."""
        try:
            ref = json.loads(text_data).get("client_id")
        except (TypeError, ValueError, AttributeError):
            return None
        return ref if isinstance(ref, str) and len(ref) <= 64 else None

    async def _handle(self, frame: dict) -> None:
        kind = frame["type"]
        if kind == "typing":
            return await self._typing()
        if kind == "history":
            reply = await self._call(
                lambda: _history(self.account, self.seat, frame["before"]), ref=None
            )
            return await self.send_json(reply) if reply else None
        if kind == "message.send":
            return await self._send(frame)
        actions = {
            "flag": lambda: _flag(self.account, self.seat, frame),
            "message.remove": lambda: _remove(self.account, self.seat, frame),
            "participant.mute": lambda: _mute(self.account, self.seat, frame),
            "session.end": lambda: _end(self.account, self.seat),
        }
        await self._call(actions[kind], ref=None)

    async def _send(self, frame: dict) -> None:
        ref = frame["client_id"]
        try:
            frame["client_id"] = uuid.UUID(ref, version=4)
        except ValueError:
            raise FrameError("invalid_field", "client_id must be a UUID.") from None
        result = await self._call(lambda: _send_message(self.account, self.seat, frame), ref=ref)
        if result is None:
            return
        message, delivered_live = result
        if message["type"] == "message":  # a removed original stays removed
            self.own_ids.add(message["id"])
        self._remember([message])
        await self.send_json(message)
        if not delivered_live:
            await self._tell_interrupted(ref)

    async def _call(self, action, *, ref: str | None):
        """Run a service in a thread; its refusals become `error` frames."""
        try:
            return await database_sync_to_async(action)()
        except Http404:
            if not await database_sync_to_async(_still_in_room)(self.account, self.seat):
                return await self._close_for(realtime.MEMBERSHIP_ENDED)
            await self._error("not_found", "There is no such message or person here.", ref)
        except ValidationError as error:
            await self._error(*_validation_error(error), ref)
        except NotAllowed as refusal:
            await self._error(_refusal_code(refusal), str(refusal), ref)
        return None

    async def _typing(self) -> None:
        now = time.monotonic()
        if now - self.last_typing < app_settings.TYPING_INTERVAL_SECONDS:
            return
        self.last_typing = now
        event = {
            "type": "chat.typing",
            "name": self.seat.persona.display_name,
            "persona": self.seat.persona.public_id,
            "channel": self.channel_name,
        }
        group = realtime.room_group(self.seat.room.public_id)
        await realtime.asend(group, event, again_later=False)

    # Events from the channel layer

    async def chat_message(self, event):
        message_id = event["id"]
        if event.get("restored"):
            # Shown again after a hide (chat.broadcast.message_restored): this socket may have
            # been sent it before it was hidden, and must be sent it again.
            self.own_ids.discard(message_id)
        elif message_id in self.own_ids:  # acknowledged to this socket already
            self.own_ids.discard(message_id)
            return
        elif message_id in self.delivered:  # in the hello or a backfill
            return
        self._remember_id(message_id)
        text = event["text"]
        if event["author"] in self.seat.blocked:
            text = realtime.frame_text({**json.loads(text), "hidden_by_block": True})
        await self.send(text_data=text)

    async def chat_forward(self, event):
        await self.send(text_data=event["text"])

    async def chat_ended(self, event):
        await self.send(text_data=event["text"])

    async def chat_typing(self, event):
        if event["channel"] != self.channel_name and event["persona"] not in self.seat.blocked:
            await self.send_json({"type": "typing", "name": event["name"]})

    async def chat_close(self, event):
        if event["room"] and event["room"] != self.seat.room.public_id:
            return
        if event["keep"] and event["keep"] == self.session_tag:
            return
        await self.send(text_data=event["text"])
        await self.close(code=event["code"])

    async def chat_blocks(self, event):
        blocked = await database_sync_to_async(_blocked_public_ids)(self.account, self.seat.room)
        self.seat.blocked = blocked

    # Sending

    async def send_json(self, content: dict) -> None:
        await self.send(text_data=realtime.frame_text(content))

    async def _error(self, code: str, detail: str, ref: str | None) -> None:
        await self.send_json({"type": "error", "code": code, "detail": detail, "ref": ref})

    async def _close_for(self, code: int) -> None:
        if self.seat.room.is_group_room:
            detail = "You are no longer a member of this group."
        else:
            detail = "This room is no longer open to you."
        await self._error("membership_ended", detail, None)
        await self.close(code=code)

    def _remember(self, frames: list[dict]) -> None:
        # Removed ones too: a late copy of a removed message's original frame (a broadcast
        # sent again after a layer outage) is not forwarded, while its restoration is.
        for frame in frames:
            if frame.get("type") in ("message", "message.removed"):
                self._remember_id(frame["id"])

    def _remember_id(self, message_id: int) -> None:
        self.delivered[message_id] = None
        if len(self.delivered) > REMEMBERED_IDS:
            self.delivered.pop(next(iter(self.delivered)))


class StopFlood(FrameError):
    def __init__(self):
        super().__init__("flooding", "Too many frames: this connection was closed.")


def _check_fields(frame: dict, fields: dict) -> None:
    for name, (kind, required) in fields.items():
        if name not in frame:
            if required:
                raise FrameError("invalid_field", f"“{name}” is missing.")
            continue
        value = frame[name]
        # bool is an int to Python, never to the protocol.
        if not isinstance(value, kind) or isinstance(value, bool):
            raise FrameError("invalid_field", f"“{name}” must be a {_type_word(kind)}.")


def _type_word(kind: type) -> str:
    return {str: "string", int: "whole number"}[kind]


def _validation_error(error: ValidationError) -> tuple[str, str]:
    if hasattr(error, "error_dict"):
        first = next(iter(error.error_dict.values()))[0]
        return ("too_long" if first.code == "too_long" else "validation"), first.messages[0]
    return "validation", error.messages[0]


def _refusal_code(refusal: NotAllowed) -> str:
    if isinstance(refusal, RateLimited):
        return "rate_limited"
    if isinstance(refusal, services.Muted):
        return "muted"
    if isinstance(refusal, services.ReadOnly):
        return "read_only"
    if isinstance(refusal, screening.Held):  # kept for a moderator; not sent to anyone
        return "held"
    if isinstance(refusal, screening.Blocked):  # a word list refused it
        return "blocked"
    return "not_allowed"
