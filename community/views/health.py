"""GET /healthz: is this worker able to reach the database and the channel layer?

For load balancers and monitoring. The answer says "ok" or "error" per dependency and nothing
more: no exception text, host names or versions, since the endpoint is public.
"""

import asyncio
import logging

from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def _database_answers() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


async def _channel_layer_answers() -> bool:
    # A real round trip on a fresh channel: a layer that accepts sends but never delivers
    # (Redis reachable but full, say) is as broken as one that refuses.
    layer = get_channel_layer()
    if layer is None:
        return False
    channel = await layer.new_channel("healthz")
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
        _status("database", sync_to_async(_database_answers)),
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
