"""Broadcasts the channel layer did not take are sent again, in order, once it answers.

Without this, a message stored while Redis was down reached only the sockets that noticed the
outage themselves; those on other workers, or whose own Redis connection never broke, never
got it (tests/faults/test_chat_live_layer_down.py shows it with real servers). Here the layer
is the in-memory one, made to refuse while `down` is set.
"""

import asyncio
import time

import pytest
from asgiref.sync import async_to_sync
from channels.layers import InMemoryChannelLayer

from chat import realtime

GROUP = "room.test"
# A bound on waiting for an event, so a missing one fails the test instead of hanging it.
RECEIVE_WITHIN_SECONDS = 5


class FlakyLayer(InMemoryChannelLayer):
    down = False

    async def group_send(self, group, message):
        if self.down:
            raise ConnectionError("the layer is down")
        await super().group_send(group, message)


@pytest.fixture
def layer(monkeypatch, settings):
    settings.CHAT_LAYER_RETRY_SECONDS = 0.01
    flaky = FlakyLayer()
    monkeypatch.setattr(realtime, "get_channel_layer", lambda: flaky)
    monkeypatch.setattr(realtime._Undelivered, "events", realtime.deque())
    monkeypatch.setattr(realtime._Layer, "down_until", 0.0)
    yield flaky
    task = realtime._Undelivered.retrying
    if task is not None:
        task.cancel()
        realtime._Undelivered.retrying = None


async def receive(layer, channel) -> dict:
    return await asyncio.wait_for(layer.receive(channel), RECEIVE_WITHIN_SECONDS)


async def listening(layer) -> str:
    channel = await layer.new_channel()
    await layer.group_add(GROUP, channel)
    return channel


@pytest.mark.asyncio
async def test_an_event_sent_while_the_layer_is_down_arrives_once_it_is_back(layer):
    channel = await listening(layer)
    layer.down = True

    assert await realtime.asend(GROUP, {"type": "chat.message", "id": 1}) is False
    layer.down = False

    assert await receive(layer, channel) == {"type": "chat.message", "id": 1}


@pytest.mark.asyncio
async def test_kept_events_go_out_before_a_newer_one_in_the_order_they_were_sent(layer):
    channel = await listening(layer)
    layer.down = True
    await realtime.asend(GROUP, {"type": "chat.message", "id": 1})
    await realtime.asend(GROUP, {"type": "chat.message", "id": 2})
    layer.down = False
    realtime._Layer.answered()

    assert await realtime.asend(GROUP, {"type": "chat.message", "id": 3}) is True
    received = [await receive(layer, channel) for _ in range(3)]
    assert [event["id"] for event in received] == [1, 2, 3]


@pytest.mark.asyncio
async def test_typing_and_presence_are_not_kept(layer):
    channel = await listening(layer)
    layer.down = True
    await realtime.asend(GROUP, {"type": "chat.typing"}, again_later=False)
    layer.down = False
    realtime._Layer.answered()

    await realtime.asend(GROUP, {"type": "chat.message", "id": 1})
    assert await receive(layer, channel) == {"type": "chat.message", "id": 1}
    assert not realtime._Undelivered.events


@pytest.mark.asyncio
async def test_at_most_the_newest_kept_events_are_kept(layer, settings):
    settings.CHAT_MAX_UNDELIVERED_EVENTS = 2
    layer.down = True
    for number in range(1, 4):
        await realtime.asend(GROUP, {"type": "chat.message", "id": number})

    assert [event["id"] for _group, event in realtime._Undelivered.events] == [2, 3]


def test_a_sync_caller_without_a_server_loop_gets_its_event_sent_by_a_retry_thread(layer):
    """As a page worker (gunicorn) calls it: `send` from sync code, whose loop ends with it."""
    channel = async_to_sync(listening)(layer)
    layer.down = True

    assert realtime.send(GROUP, {"type": "chat.close", "code": 4005}) is False
    layer.down = False

    deadline = time.monotonic() + RECEIVE_WITHIN_SECONDS
    while realtime._Undelivered.events and time.monotonic() < deadline:
        time.sleep(0.01)
    assert async_to_sync(receive)(layer, channel) == {"type": "chat.close", "code": 4005}
