"""The embedded default's channel layer: Channels' in-memory layer, with fan-out that stays
linear in the size of a room.

Channels' `InMemoryChannelLayer` runs `_clean_expired` on every `receive` and every
`group_send`, and that walks every channel and every group membership of the process. A room
of N members receives N messages per `group_send`, so one chat message cost O(N^2) work: at 500
members that is 250,000 steps per message, and the event loop that serves every socket of the
process spends its time there. It also starts an asyncio task per recipient to send.

This layer cleans at most once every `cleanup_interval` seconds (CHANNEL_LAYER_CLEANUP_SECONDS),
puts a group message straight onto each member's queue, and keeps a consumer's queue between
receives instead of making a new one each time (a tenth of the server's time at saturation in
bench/chat_fanout.py's profile). What Channels guarantees stays:
a message older than `expiry` is dropped (within one interval more), a channel with an
expired message leaves its groups, memberships older than `group_expiry` end, each recipient
gets its own copy of the message, and a full channel (`capacity`) drops the message for that
recipient only, as Channels does, though here it is logged.
"""

import asyncio
import logging
import time
from copy import deepcopy
from time import monotonic

from channels.layers import InMemoryChannelLayer

logger = logging.getLogger(__name__)


class LinearInMemoryChannelLayer(InMemoryChannelLayer):
    def __init__(self, cleanup_interval: float = 1.0, **kwargs):
        super().__init__(**kwargs)
        self.cleanup_interval = cleanup_interval
        self._next_cleanup = 0.0

    def _clean_expired(self) -> None:
        """Channels' full sweep, but only once per interval: called on every receive, it is
        what made a group message cost the square of the room's size."""
        now = monotonic()
        if now < self._next_cleanup:
            return
        self._next_cleanup = now + self.cleanup_interval
        super()._clean_expired()
        # Queues are kept between receives (see `receive`); one that is empty with nobody
        # waiting on it belongs to a channel used once (a health probe's) or between two
        # receives, which simply makes a new one.
        for channel, queue in list(self.channels.items()):
            if queue.empty() and not queue._getters:
                del self.channels[channel]

    async def receive(self, channel: str) -> dict:
        """Channels' receive, without building a queue to throw away on every call (its
        `setdefault(channel, asyncio.Queue(...))` does) and without dropping the consumer's
        queue each time it empties: a busy room made one queue per delivery. The queue still
        goes when its consumer stops receiving (cancelled: disconnected), and at the next sweep
        when it is empty with nobody waiting."""
        self.require_valid_channel_name(channel)
        self._clean_expired()
        queue = self.channels.get(channel)
        if queue is None:
            queue = self.channels[channel] = asyncio.Queue(maxsize=self.get_capacity(channel))
        try:
            _, message = await queue.get()
        except BaseException:
            if queue.empty() and self.channels.get(channel) is queue:
                del self.channels[channel]
            raise
        return message

    async def group_send(self, group: str, message: dict) -> None:
        assert isinstance(message, dict), "Message is not a dict"  # noqa: S101 - Channels' check
        self.require_valid_group_name(group)
        self._clean_expired()
        expires = time.time() + self.expiry
        full = 0
        by_group = self.groups  # Channels' {group: {channel: when it joined}}
        for channel in list(by_group.get(group, {})):
            queue = self.channels.get(channel)
            if queue is None:
                queue = self.channels[channel] = asyncio.Queue(maxsize=self.get_capacity(channel))
            try:
                # A copy each, as Channels' send makes: a handler that changes the event it
                # got (adding a per-viewer flag, say) must not change what the others get.
                queue.put_nowait((expires, deepcopy(message)))
            except asyncio.QueueFull:
                full += 1
        if full:
            # Channels drops these silently; a dropped chat message is worth a log line.
            logger.warning(
                "group_send to %s: %d of its channels were full (capacity %d); the message "
                "was dropped for them",
                group,
                full,
                self.capacity,
            )
