"""The embedded default's channel layer (community.layers): Channels' in-memory layer whose
group_send stays linear in the room's size, and which still expires and bounds as Channels'."""

import asyncio
import contextlib
import logging
import time

import pytest
from channels.layers import InMemoryChannelLayer, get_channel_layer
from django.conf import settings

from community import layers
from community.layers import LinearInMemoryChannelLayer


class Clock:
    """time.time() and the layer's monotonic clock, moved by hand."""

    def __init__(self, monkeypatch):
        self.now = 1_000_000.0
        monkeypatch.setattr(time, "time", lambda: self.now)
        monkeypatch.setattr(layers, "monotonic", lambda: self.now)


async def members(layer, count: int, group: str = "room.abc") -> list[str]:
    channels = [await layer.new_channel() for _ in range(count)]
    for channel in channels:
        await layer.group_add(group, channel)
    return channels


async def pending(layer, channel: str) -> list[dict]:
    queue = layer.channels.get(channel)
    return [] if queue is None else [message for _, message in queue._queue]


def test_the_embedded_default_uses_it_with_the_named_settings():
    assert settings.CHANNEL_LAYERS["default"]["BACKEND"] == (
        "community.layers.LinearInMemoryChannelLayer"
    )
    layer = get_channel_layer()
    assert isinstance(layer, LinearInMemoryChannelLayer)
    assert layer.capacity == settings.CHANNEL_LAYER_CAPACITY
    assert layer.group_expiry == settings.CHANNEL_LAYER_GROUP_EXPIRY_SECONDS
    assert layer.cleanup_interval == settings.CHANNEL_LAYER_CLEANUP_SECONDS


def test_group_send_reaches_every_member_once_each_with_its_own_copy():
    async def scenario():
        layer = LinearInMemoryChannelLayer()
        channels = await members(layer, 3)
        outsider = await layer.new_channel()
        await layer.group_send("room.abc", {"type": "chat.message", "author": {"name": "Wren"}})
        received = [await layer.receive(channel) for channel in channels]
        received[0]["author"]["name"] = "changed by one handler"
        return received, await pending(layer, outsider)

    received, outsider = asyncio.run(scenario())
    assert received[1:] == [{"type": "chat.message", "author": {"name": "Wren"}}] * 2
    assert outsider == []


def test_a_group_send_and_every_receive_sweep_at_most_once_per_interval(monkeypatch):
    sweeps = []
    sweep = InMemoryChannelLayer._clean_expired
    monkeypatch.setattr(
        InMemoryChannelLayer, "_clean_expired", lambda layer: sweeps.append(1) or sweep(layer)
    )

    async def scenario():
        layer = LinearInMemoryChannelLayer(cleanup_interval=3600)
        channels = await members(layer, 200)
        await layer.group_send("room.abc", {"type": "chat.message"})
        for channel in channels:
            await layer.receive(channel)

    asyncio.run(scenario())
    # Channels' own layer sweeps every channel on each of these 201 calls: O(N^2) in all.
    assert len(sweeps) == 1


def test_a_full_channel_drops_the_message_for_itself_only_and_says_so(caplog):
    async def scenario():
        layer = LinearInMemoryChannelLayer(capacity=2)
        slow, fast = await members(layer, 2)
        for number in range(3):
            await layer.group_send("room.abc", {"type": "chat.message", "number": number})
            if number < 2:
                await layer.receive(fast)
        return await pending(layer, slow), await pending(layer, fast)

    with caplog.at_level(logging.WARNING, logger="community.layers"):
        slow, fast = asyncio.run(scenario())
    assert [message["number"] for message in slow] == [0, 1]  # the third did not fit
    assert [message["number"] for message in fast] == [2]
    assert "1 of its channels were full (capacity 2)" in caplog.text
    assert "room.abc" in caplog.text


def test_an_expired_message_is_dropped_and_its_channel_leaves_the_group(monkeypatch):
    clock = Clock(monkeypatch)

    async def scenario():
        layer = LinearInMemoryChannelLayer(expiry=60, cleanup_interval=1)
        gone, present = await members(layer, 2)
        await layer.group_send("room.abc", {"type": "chat.message", "number": 1})
        await layer.receive(present)
        clock.now += 61
        await layer.group_send("room.abc", {"type": "chat.message", "number": 2})
        members_left = list(layer.groups["room.abc"])
        return await pending(layer, gone), await pending(layer, present), members_left == [present]

    gone, present, only_present_left = asyncio.run(scenario())
    assert gone == []
    assert [message["number"] for message in present] == [2]
    assert only_present_left


def test_expired_messages_wait_for_the_next_sweep_at_most_one_interval(monkeypatch):
    clock = Clock(monkeypatch)

    async def scenario():
        layer = LinearInMemoryChannelLayer(expiry=60, cleanup_interval=100)
        [channel] = await members(layer, 1)
        await layer.group_send("room.abc", {"type": "chat.message", "number": 1})  # sweeps
        clock.now += 61
        await layer.group_send("room.abc", {"type": "chat.message", "number": 2})  # no sweep
        before = await pending(layer, channel)
        clock.now += 40
        await layer.group_send("room.abc", {"type": "chat.message", "number": 3})  # sweeps
        return before, await pending(layer, channel)

    before, after = asyncio.run(scenario())
    assert [message["number"] for message in before] == [1, 2]
    # The sweep dropped the expired first message, and with it the channel left the group,
    # as in Channels: the third never reached it.
    assert [message["number"] for message in after] == [2]


def test_a_membership_ends_after_the_group_expiry(monkeypatch):
    clock = Clock(monkeypatch)

    async def scenario():
        layer = LinearInMemoryChannelLayer(group_expiry=3600, cleanup_interval=0)
        (old,) = await members(layer, 1)
        clock.now += 3601
        (new,) = await members(layer, 1)
        await layer.group_send("room.abc", {"type": "chat.message"})
        return await pending(layer, old), await pending(layer, new)

    old, new = asyncio.run(scenario())
    assert (old, new) == ([], [{"type": "chat.message"}])


@pytest.mark.parametrize("size", [1, 50])
def test_every_member_gets_what_was_sent_in_order(size):
    async def scenario():
        layer = LinearInMemoryChannelLayer()
        channels = await members(layer, size)
        for number in range(20):  # 20 senders at once, well within the capacity
            await layer.group_send("room.abc", {"type": "chat.message", "number": number})
        return [[(await layer.receive(c))["number"] for _ in range(20)] for c in channels]

    assert asyncio.run(scenario()) == [list(range(20))] * size


def test_a_consumer_keeps_its_queue_between_receives_and_it_goes_when_it_stops():
    async def scenario():
        layer = LinearInMemoryChannelLayer()
        [channel] = await members(layer, 1)
        await layer.group_send("room.abc", {"type": "chat.message", "number": 1})
        queue = layer.channels[channel]
        await layer.receive(channel)
        kept = layer.channels.get(channel) is queue
        waiting = asyncio.ensure_future(layer.receive(channel))
        await asyncio.sleep(0)
        waiting.cancel()  # the consumer disconnected
        with contextlib.suppress(asyncio.CancelledError):
            await waiting
        return kept, channel in layer.channels

    assert asyncio.run(scenario()) == (True, False)


def test_a_channel_received_on_once_is_forgotten_at_the_next_sweep(monkeypatch):
    clock = Clock(monkeypatch)

    async def scenario():
        layer = LinearInMemoryChannelLayer(cleanup_interval=5)
        probe = await layer.new_channel("healthz")
        await layer.send(probe, {"type": "healthz.ping"})
        await layer.receive(probe)
        clock.now += 5
        await layer.group_send("room.abc", {"type": "chat.message"})  # sweeps
        return probe in layer.channels

    assert asyncio.run(scenario()) is False
