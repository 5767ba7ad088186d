"""Where a notification leads, asked of the app that owns its subject at the moment it is opened.

An app whose notifications are about its own objects (a post) calls
`register_target(model, resolver)` from its `AppConfig.ready()`; `resolver(account, subject)`
returns the path that shows `subject` to `account` now (the right page, with an anchor), or
None when `account` can no longer reach it (deleted, hidden, membership ended). community keeps
no list of apps and imports none of them, like community.notification_kinds.
"""

from collections.abc import Callable

from django.db import models

from community.models import Account

Resolver = Callable[[Account, models.Model], "str | None"]

_resolvers: dict[type[models.Model], Resolver] = {}


def register_target(model: type[models.Model], resolver: Resolver) -> None:
    _resolvers[model] = resolver


def target_url(account: Account, subject: models.Model, default: str) -> str | None:
    """The path `subject` is at for `account`, or None if it is gone for them; `default` (the
    link stored with the notification) when no app registered a resolver for its kind."""
    resolver = _resolvers.get(type(subject))
    if resolver is None:
        return default
    return resolver(account, subject)
