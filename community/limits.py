"""Per-account rate limits in the shared cache (DESIGN.md §6).

Keyed by account, never by persona: every new persona would otherwise multiply the limit. The
cache key carries an HMAC of the account's pk, so Redis key names reveal no account id.
"""

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.core.cache import cache
from django.utils.crypto import salted_hmac

from community.errors import RateLimited
from community.models import Account

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_UNIT_WORDS = {"s": "second", "m": "minute", "h": "hour", "d": "day"}
_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*$")


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int
    text: str  # for messages: "10 per minute"

    @property
    def period(self) -> timedelta:
        return timedelta(seconds=self.seconds)


def parse_rate(rate: str) -> Rate:
    """ "10/m" -> 10 per 60 s; "5/10m" -> 5 per 600 s. A malformed setting fails loudly."""
    match = _RATE.match(rate)
    if not match:
        raise ValueError(f"Not a rate: {rate!r} (expected e.g. '10/m' or '5/10m').")
    count, multiplier, unit = int(match[1]), int(match[2] or 1), match[3]
    word = _UNIT_WORDS[unit]
    period = f"{multiplier} {word}s" if multiplier > 1 else word
    return Rate(count=count, seconds=multiplier * _UNITS[unit], text=f"{count} per {period}")


# (account, action, rate) -> the rate that applies to this account: moderation sets it from its
# ready() to tighten limits for new accounts (community imports no app, DESIGN.md §4).
_rate_chooser: Callable[[Account, str, str], str] | None = None


def set_rate_chooser(chooser: Callable[[Account, str, str], str] | None) -> None:
    global _rate_chooser
    _rate_chooser = chooser


def rate_for(account: Account, action: str, rate: str) -> str:
    """The one place that decides `account`'s rate for `action`, given the app's usual
    `rate`: a new account gets a stricter one (moderation's MODERATION_NEW_ACCOUNT_*)."""
    if _rate_chooser is None:
        return rate
    return _rate_chooser(account, action, rate)


def hit(*, account: Account, action: str, rate: str, message: str) -> None:
    """Count one `action` by `account`; raise RateLimited (with `message`) over the rate.

    A fixed window: simple, shared by every worker through the cache, and good enough to stop
    floods. While Redis is unreachable each process counts on its own (community/cache.py), so
    the limit loosens by the number of processes but never fails the request. `message` may
    use {rate} for the limit in words.
    """
    limit = parse_rate(rate_for(account, action, rate))
    window = int(time.time()) // limit.seconds
    owner = salted_hmac("lantern.limits", str(account.pk)).hexdigest()[:24]
    key = f"rate:{action}:{owner}:{window}"
    cache.add(key, 0, timeout=limit.seconds + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add and incr
        cache.set(key, 1, timeout=limit.seconds + 1)
        count = 1
    if count > limit.count:
        raise RateLimited(message.format(rate=limit.text))
