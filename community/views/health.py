"""GET /healthz: is this worker able to reach the database and the channel layer?

For load balancers and monitoring. The answer says "ok" or "error" per dependency and nothing
more: no exception text, host names or versions, since the endpoint is public.
"""

import asyncio
import contextlib
import logging
import threading
import weakref
from functools import cache

from channels.layers import get_channel_layer
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def _database_answers() -> bool:
    # A fresh connection, closed after: it proves a new connection can be made now, and a probe
    # that hangs holds no connection that a request would go on to reuse.
    probe = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        with probe.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    finally:
        probe.close()


@cache
def _probe_slots() -> threading.BoundedSemaphore:
    return threading.BoundedSemaphore(settings.HEALTHZ_MAX_STUCK_DATABASE_PROBES)


async def _database_check() -> bool:
    """`_database_answers` in a daemon thread of its own, awaited without blocking anything.

    Not `sync_to_async`: a probe stuck on a hung database could not be cancelled there, and it
    would hold the one thread that serves every sync view under daphne, so /healthz and then
    every page would hang with it. Here the wait is cut by HEALTHZ_TIMEOUT_SECONDS, a stuck
    thread ends with the driver's own timeout, and, being a daemon, never delays a shutdown.
    At most HEALTHZ_MAX_STUCK_DATABASE_PROBES are ever stuck; past that the answer is "error"
    at once, which it is anyway.
    """
    slots = _probe_slots()
    if not slots.acquire(blocking=False):
        raise RuntimeError("Earlier database probes are still waiting for the database.")
    loop = asyncio.get_running_loop()
    answer = loop.create_future()

    def settle(passed: bool | None, error: BaseException | None) -> None:
        if answer.done():  # the wait was already given up
            return
        if error is None:
            answer.set_result(passed)
        else:
            answer.set_exception(error)

    def probe() -> None:
        try:
            outcome = (_database_answers(), None)
        except Exception as error:
            outcome = (None, error)
        finally:
            slots.release()
        # RuntimeError: the loop that asked is gone (a WSGI request answered long ago).
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(settle, *outcome)

    threading.Thread(target=probe, name="healthz-database", daemon=True).start()
    return await answer


# The probe's channel, one per event loop (and layer). channels_redis' pub/sub layer keeps a
# channel subscribed in Redis for as long as its loop runs (it unsubscribes only a receive that
# is cancelled), so under daphne a fresh channel per probe would add a subscription per
# /healthz request; and it subscribes per loop, so a channel made in another loop (an earlier
# WSGI request's) would miss its own ping.
_probe_channels: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


async def _probe_channel(layer) -> str:
    loop = asyncio.get_running_loop()
    found = _probe_channels.get(loop)
    if found is None or found[0] is not layer:
        found = _probe_channels[loop] = (layer, await layer.new_channel("healthz"))
    return found[1]


async def _channel_layer_answers() -> bool:
    # A real round trip: a layer that accepts sends but never delivers (Redis reachable but
    # full, say) is as broken as one that refuses. Two probes at once on the one channel
    # each get a ping, both the same.
    layer = get_channel_layer()
    if layer is None:
        return False
    channel = await _probe_channel(layer)
    await layer.send(channel, {"type": "healthz.ping"})
    message = await layer.receive(channel)
    return message == {"type": "healthz.ping"}


async def _status(name: str, check) -> str:
    try:
        passed = await asyncio.wait_for(check(), timeout=settings.HEALTHZ_TIMEOUT_SECONDS)
    except Exception:
        # Logged for the operators; the public answer stays "error".
        logger.exception("Health check of the %s failed", name)
        return "error"
    return "ok" if passed else "error"


@never_cache
@require_safe
async def healthz(request):
    # Side by side, so a load balancer waits one timeout at most, not one per dependency.
    database, channel_layer = await asyncio.gather(
        _status("database", _database_check),
        _status("channel layer", _channel_layer_answers),
    )
    healthy = database == channel_layer == "ok"
    return JsonResponse(
        {
            "status": "ok" if healthy else "error",
            "database": database,
            "channel_layer": channel_layer,
        },
        status=200 if healthy else 503,
    )
