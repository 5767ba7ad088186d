"""Who is in a room, shared by every worker: one `Connection` row per open socket.

Presence is the number of distinct personas with a live row; capacity is checked against it
when someone connects (hosts always get in). Each worker refreshes its own rows with one UPDATE
every CHAT_PRESENCE_HEARTBEAT_SECONDS, so a worker that is killed stops counting three heartbeats
later, and whichever worker beats next deletes its rows.

Joins and leaves are announced as one `presence` frame per room per worker per
CHAT_PRESENCE_DEBOUNCE_SECONDS: five hundred members arriving at once make a handful of frames,
not five hundred times five hundred.
"""

import asyncio
import logging
import uuid
from datetime import timedelta

from channels.db import database_sync_to_async
from django.utils import timezone

from chat import realtime
from chat.app_settings import app_settings
from chat.models import Connection, Room

logger = logging.getLogger(__name__)

# This process's id on its rows: random, so it says nothing about the machine.
WORKER = uuid.uuid4().hex
_pending: dict[str, asyncio.Task] = {}
_heartbeats: dict[asyncio.AbstractEventLoop, asyncio.Task] = {}


def _fresh_since():
    return timezone.now() - timedelta(seconds=3 * app_settings.PRESENCE_HEARTBEAT_SECONDS)


def count(room: Room | int, *, excluding_persona: int | None = None) -> int:
    """Distinct personas with an open socket in `room`: one query."""
    rows = Connection.objects.filter(room=room, seen_at__gte=_fresh_since())
    if excluding_persona is not None:
        rows = rows.exclude(persona_id=excluding_persona)
    return rows.values("persona_id").distinct().count()


def is_full(room: Room, persona_id: int, capacity: int) -> bool:
    return count(room, excluding_persona=persona_id) >= capacity


def arrive(room: Room, persona_id: int, channel: str) -> None:
    Connection.objects.update_or_create(
        channel=channel,
        defaults={
            "room": room,
            "persona_id": persona_id,
            "worker": WORKER,
            "seen_at": timezone.now(),
        },
    )


def leave(channel: str) -> None:
    Connection.objects.filter(channel=channel).delete()


def beat() -> None:
    """Mark this worker's sockets as present, and forget the rows of workers that died."""
    Connection.objects.filter(worker=WORKER).update(seen_at=timezone.now())
    Connection.objects.filter(seen_at__lt=_fresh_since()).delete()


async def _announce(room_pk: int, room_public_id: str) -> None:
    try:
        await asyncio.sleep(app_settings.PRESENCE_DEBOUNCE_SECONDS)
        number = await database_sync_to_async(count)(room_pk)
        frame = {"type": "presence", "count": number}
        event = {"type": "chat.forward", "text": realtime.frame_text(frame)}
        await realtime.asend(realtime.room_group(room_public_id), event, again_later=False)
    finally:
        _pending.pop(room_public_id, None)


def announce_soon(room: Room) -> None:
    """Schedule one presence frame for `room` from this worker, unless one is on its way."""
    if room.public_id not in _pending:
        _pending[room.public_id] = asyncio.ensure_future(_announce(room.pk, room.public_id))


async def _beat_forever() -> None:
    while True:
        await asyncio.sleep(app_settings.PRESENCE_HEARTBEAT_SECONDS)
        try:
            await database_sync_to_async(beat)()
        except Exception:  # the database is down for a moment: try again next beat
            logger.warning("presence heartbeat failed; trying again next beat")


def keep_beating() -> None:
    """Start this event loop's heartbeat once (daphne runs one loop per process)."""
    loop = asyncio.get_running_loop()
    task = _heartbeats.get(loop)
    if task is None or task.done():
        _heartbeats[loop] = loop.create_task(_beat_forever())
