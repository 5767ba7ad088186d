"""Reaching open sockets through the channel layer, on every worker (DESIGN.md §5, §6).

Group names carry public ids or keyed hashes, never an email or an account pk:

- `room.<room public id>`: every socket in the room (messages, removals, presence, typing, end).
- `persona.<persona public id>`: one persona's sockets. A persona lives in one group, so this
  reaches that group's rooms only (a mute, the membership ending).
- `account.<hmac>`: every socket of one account (signed out everywhere, blocks changed, and
  moderation's suspensions and bans).
- `session.<hmac>`: the sockets opened by one signed-in session (logout, a session ended).

Sends never fail the caller: a message is stored and acknowledged whether or not the layer
(Redis at scale) answers. A failed or slow call (CHAT_LAYER_TIMEOUT_SECONDS) marks live delivery
as interrupted in this process for CHAT_LAYER_RETRY_SECONDS, so the next sends do not each wait
out the timeout. What was not sent is kept, in order, and sent again once the layer answers
(`_Undelivered`): the sockets that noticed the outage backfill on their own, but those that did
not (on other workers, or whose own connection to Redis never broke) learn of a missed message
only from this second send.
"""

import asyncio
import json
import logging
import threading
import time
from collections import deque

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.utils.crypto import salted_hmac

from chat.app_settings import app_settings

logger = logging.getLogger(__name__)

# Close codes (README "Live chat", DESIGN.md §5). Clients reconnect after none of the first
# four and 4011, after a pause for 4006, 4008, 4009 and 4010, and with backoff after anything
# else.
SIGNED_OUT = 4001
NOT_ALLOWED = 4003
MEMBERSHIP_ENDED = 4005
MUTED = 4006
ACCOUNT_SUSPENDED = 4007
ROOM_FULL = 4008
FLOODING = 4009
# A moderator reset the persona's name (or gave it back): the socket knows the old one.
NAME_CHANGED = 4010
ROOM_ENDED = 4011  # the app that owns the room's space ended it (chat.services.end_room)
# The `error` frame's code sent before each close.
CLOSE_ERRORS = {
    SIGNED_OUT: "signed_out",
    NOT_ALLOWED: "not_allowed",
    MEMBERSHIP_ENDED: "membership_ended",
    MUTED: "muted",
    ACCOUNT_SUSPENDED: "account_suspended",
    ROOM_FULL: "room_full",
    FLOODING: "flooding",
    NAME_CHANGED: "name_changed",
    ROOM_ENDED: "room_ended",
}


def room_group(room_public_id: str) -> str:
    return f"room.{room_public_id}"


def persona_group(persona_public_id: str) -> str:
    return f"persona.{persona_public_id}"


def account_group(account_id: int) -> str:
    return "account." + salted_hmac("chat.realtime.account", str(account_id)).hexdigest()[:32]


def session_group(session_key: str) -> str:
    return "session." + session_tag(session_key)


def session_tag(session_key: str | None) -> str:
    """A session key's stand-in in events: a socket compares tags, never sees the key."""
    if not session_key:
        return ""
    return salted_hmac("chat.realtime.session", session_key).hexdigest()[:32]


def frame_text(frame: dict) -> str:
    """Serialized once per broadcast: every recipient's socket gets this same string."""
    return json.dumps(frame, separators=(",", ":"), ensure_ascii=False)


class _Layer:
    """This process's view of whether the channel layer answers."""

    down_until = 0.0

    @classmethod
    def is_up(cls) -> bool:
        return time.monotonic() >= cls.down_until

    @classmethod
    def failed(cls) -> None:
        cls.down_until = time.monotonic() + app_settings.LAYER_RETRY_SECONDS

    @classmethod
    def answered(cls) -> None:
        cls.down_until = 0.0


def layer_is_up() -> bool:
    """False while this process counts live delivery as interrupted."""
    return _Layer.is_up()


async def bounded(call) -> bool:
    """Await a layer call within CHAT_LAYER_TIMEOUT_SECONDS; whether it succeeded."""
    try:
        await asyncio.wait_for(call, timeout=app_settings.LAYER_TIMEOUT_SECONDS)
    except asyncio.CancelledError:
        raise
    except Exception as error:  # refused, reset, timed out: all mean "not delivered live"
        logger.warning("channel layer call failed: %s", type(error).__name__)
        _Layer.failed()
        return False
    _Layer.answered()
    return True


class _Undelivered:
    """Events the layer did not take, oldest first, sent again in order once it answers.

    Consumers take a second copy without harm: a message is forwarded once per socket (by id),
    a removal or a close twice changes nothing. At most CHAT_MAX_UNDELIVERED_EVENTS are kept;
    past that the oldest are dropped (sockets that reconnect still backfill them).
    """

    events: deque[tuple[str, dict]] = deque()
    retrying: asyncio.Task | None = None

    @classmethod
    def keep(cls, group: str, event: dict) -> None:
        if len(cls.events) >= app_settings.MAX_UNDELIVERED_EVENTS:
            cls.events.popleft()
            logger.warning("channel layer down too long: an undelivered event was dropped")
        cls.events.append((group, event))


async def asend(group: str, event: dict, *, again_later: bool = True) -> bool:
    """group_send `event`; False (and nothing raised) when the layer is down.

    Unless `again_later` is False (typing, presence: stale by then), an event that could not
    be sent now is sent once the layer answers, after those kept before it.
    """
    layer = get_channel_layer()
    if layer is None:
        return True
    sent_now = not _Undelivered.events and _Layer.is_up()
    if sent_now and await bounded(layer.group_send(group, event)):
        return True
    if not again_later:
        return False
    _Undelivered.keep(group, event)
    return await _send_kept(layer)


async def _send_kept(layer) -> bool:
    """Send kept events in order while the layer takes them; whether none is left."""
    while _Undelivered.events and _Layer.is_up():
        group, event = _Undelivered.events[0]
        if not await bounded(layer.group_send(group, event)):
            break
        # Another caller may have sent it meanwhile: drop it only if it is still first.
        if _Undelivered.events and _Undelivered.events[0][1] is event:
            _Undelivered.events.popleft()
    if _Undelivered.events:
        _retry_later()
        return False
    return True


def _retry_later() -> None:
    """Keep trying every CHAT_LAYER_RETRY_SECONDS from this event loop (daphne's runs for the
    life of the process; a sync caller's short-lived loop ends, and `send` starts a thread)."""
    loop = asyncio.get_running_loop()
    task = _Undelivered.retrying
    if task is not None and not task.done() and task.get_loop() is loop:
        return
    _Undelivered.retrying = loop.create_task(_retry_until_sent())


async def _retry_until_sent() -> None:
    _Undelivered.retrying = asyncio.current_task()
    while _Undelivered.events:
        await asyncio.sleep(app_settings.LAYER_RETRY_SECONDS)
        layer = get_channel_layer()
        if layer is None:
            return
        await _send_kept(layer)


def send(group: str, event: dict) -> bool:
    """`asend` from synchronous code (services' on-commit hooks, signal receivers).

    Synchronous code running inside an event loop's thread (a script or test driving an async
    library) cannot wait on it; the send is then scheduled on that loop instead of raising into
    the service that stored the change.
    """
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:  # the usual case: a worker thread, or a WSGI process
        sent = async_to_sync(asend)(group, event)
        if not sent:
            _keep_retrying()
        return sent
    loop.create_task(asend(group, event))  # if kept, retried from this same loop
    return _Layer.is_up()


def _keep_retrying() -> None:
    """Under daphne the retry task lives on the server's event loop. Elsewhere (gunicorn's page
    workers, a management command) async_to_sync's loop ended with the call and cancelled it:
    a thread retries instead, so a close (a logout, a member leaving) does not wait for this
    process's next broadcast."""
    task = _Undelivered.retrying
    if task is not None and not task.done():
        return
    threading.Thread(
        target=asyncio.run, args=(_retry_until_sent(),), name="chat-layer-retry", daemon=True
    ).start()


def close_event(code: int, detail: str, *, error: str, room: str = "", keep: str = "") -> dict:
    """Tell sockets to say `detail` (an `error` frame coded `error`) and close with `code`.

    `room` limits it to one room's sockets; `keep` spares the socket whose session tag it is.
    """
    return {
        "type": "chat.close",
        "code": code,
        "text": frame_text({"type": "error", "code": error, "detail": detail, "ref": None}),
        "room": room,
        "keep": keep,
    }
