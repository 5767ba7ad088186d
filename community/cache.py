"""A Redis cache that degrades to a per-process cache instead of failing (issue #9, part 2).

Every rate limit (allauth's login limits, `community.limits.hit`) and the notification email
throttle count in the cache. With Django's RedisCache a stopped or hung Redis raises on every
call, so logging in and posting answered 500 and lost the member's text. Here each call that
cannot reach Redis is answered by a local-memory cache instead: limits keep counting, per
process, and the request goes on. The switch is logged once, and so is the recovery.

After a failure, Redis is left alone for `REDIS_RETRY_SECONDS`, so that a hung Redis costs one
socket timeout (`REDIS_SOCKET_TIMEOUT_SECONDS`) per process and back-off, not one per call.
Counts made meanwhile stay in the process that made them; they are not copied to Redis.
"""

import logging
import threading
import time

from django.conf import settings
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("lantern.cache")

# A refused or reset connection, or a Redis that does not answer within the socket timeout.
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)


class _Location:
    """What this process knows of Redis at one location: whether it answered last time, and
    the local store that answers meanwhile. Django makes one cache object per thread, so this
    is kept outside them and shared by all the threads of the process.
    """

    def __init__(self, params: dict):
        self.down = False
        self.retry_at = 0.0
        # Room for many counters: culling would quietly forget some of them under attack. The
        # same key function and prefix as Redis, so local key names are as unreadable.
        self.fallback = LocMemCache(
            f"lantern-fallback-{id(self)}",
            {**params, "OPTIONS": {"MAX_ENTRIES": settings.CACHE_FALLBACK_MAX_ENTRIES}},
        )


_locations: dict[str, _Location] = {}
_locations_lock = threading.Lock()


class ResilientRedisCache(RedisCache):
    """Django's RedisCache, answered from a per-process LocMemCache while Redis is unreachable."""

    def __init__(self, server, params):
        super().__init__(server, params)
        location = server if isinstance(server, str) else ",".join(server)
        with _locations_lock:
            if location not in _locations:
                _locations[location] = _Location(params)
            self._state = _locations[location]
        self._fallback = self._state.fallback

    def _call(self, method: str, *args, **kwargs):
        if self._state.down and not self._may_retry():
            return getattr(self._fallback, method)(*args, **kwargs)
        try:
            result = getattr(super(), method)(*args, **kwargs)
        except UNREACHABLE as error:
            self._mark_down(error)
            return getattr(self._fallback, method)(*args, **kwargs)
        if self._state.down:
            self._mark_up()
        return result

    def _may_retry(self) -> bool:
        """Past the back-off, one caller tries Redis; the others keep to the local cache
        meanwhile, so a hung Redis holds up one request per back-off, not all of them."""
        with _locations_lock:
            if time.monotonic() < self._state.retry_at:
                return False
            self._state.retry_at = time.monotonic() + settings.REDIS_RETRY_SECONDS
            return True

    def _mark_down(self, error: Exception) -> None:
        with _locations_lock:
            was_down = self._state.down
            self._state.down = True
            self._state.retry_at = time.monotonic() + settings.REDIS_RETRY_SECONDS
        if not was_down:
            # The error's class only: its text may name the host, and the URL a password.
            logger.warning(
                "Redis cache unreachable (%s): using a per-process cache and rate limits "
                "until it answers again; retrying every %s s.",
                type(error).__name__,
                settings.REDIS_RETRY_SECONDS,
            )

    def _mark_up(self) -> None:
        with _locations_lock:
            was_down = self._state.down
            self._state.down = False
        if was_down:
            logger.info("Redis cache answers again: rate limits are shared again.")

    def add(self, key, value, timeout=None, version=None):
        return self._call("add", key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call("get", key, default, version)

    def set(self, key, value, timeout=None, version=None):
        return self._call("set", key, value, timeout, version)

    def touch(self, key, timeout=None, version=None):
        return self._call("touch", key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", key, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", key, version)

    def incr(self, key, delta=1, version=None):
        return self._call("incr", key, delta, version)

    def set_many(self, data, timeout=None, version=None):
        return self._call("set_many", data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", keys, version)

    def clear(self):
        # Counts kept while Redis was away go too, or a cleared limit would live on locally.
        self._fallback.clear()
        return self._call("clear")
