"""Stricter rates for new accounts, chosen through `community.limits.rate_for`.

An account younger than MODERATION_NEW_ACCOUNT_DAYS gets, for posts, chat messages, flags
and joins, the stricter of the app's usual rate and MODERATION_NEW_ACCOUNT_<ACTION>_RATE: a
throwaway account made to flood or harass cannot go at a trusted member's pace. Staff and
accounts with a role (advocates, moderators) were vetted and keep the usual rates.
"""

from datetime import timedelta

from django.utils import timezone

from community.limits import parse_rate
from community.models import Account
from moderation.app_settings import app_settings

# The limits' action names and the setting that tightens each.
NEW_ACCOUNT_SETTINGS = {
    "post": "NEW_ACCOUNT_POST_RATE",
    "chat_message": "NEW_ACCOUNT_MESSAGE_RATE",
    "flag": "NEW_ACCOUNT_FLAG_RATE",
    "join": "NEW_ACCOUNT_JOIN_RATE",
}


def is_new(account: Account) -> bool:
    if account.is_staff or account.role != Account.Role.MEMBER:
        return False
    age = timedelta(days=app_settings.NEW_ACCOUNT_DAYS)
    return account.date_joined > timezone.now() - age


def _per_second(rate: str) -> float:
    parsed = parse_rate(rate)
    return parsed.count / parsed.seconds


def rate_for(account: Account, action: str, rate: str) -> str:
    """`rate`, or the new-account rate for `action` when `account` is new and it is stricter."""
    setting = NEW_ACCOUNT_SETTINGS.get(action)
    if setting is None or not is_new(account):
        return rate
    stricter = getattr(app_settings, setting)
    return stricter if _per_second(stricter) < _per_second(rate) else rate
