"""Where a notification leads, asked of the app that owns its subject at the moment it is opened.

An app whose notifications are about its own objects (a post) calls
`register_target(model, resolver, kinds=...)` from its `AppConfig.ready()`; for a notification
of one of `kinds` about a `model`, `resolver(account, subject)` returns the path that shows
`subject` to `account` now (the right page, with an anchor), or None when `account` can no
longer reach it (deleted, hidden, membership ended). Other kinds about the same object (a
moderator's notice about a post, which must stay readable after the post is gone) keep the link
stored with them. community keeps no list of apps and imports none of them, like
community.notification_kinds.
"""

from collections.abc import Callable, Iterable

from django.db import models

from community.models import Account

Resolver = Callable[[Account, models.Model], "str | None"]

_resolvers: dict[tuple[type[models.Model], str], Resolver] = {}


def register_target(model: type[models.Model], resolver: Resolver, *, kinds: Iterable[str]) -> None:
    for kind in kinds:
        _resolvers[(model, kind)] = resolver


def target_url(account: Account, subject: models.Model, *, kind: str, default: str) -> str | None:
    """The path `subject` is at for `account`, or None if it is gone for them; `default` (the
    link stored with the notification) when no app resolves notifications of `kind` about it."""
    resolver = _resolvers.get((type(subject), kind))
    if resolver is None:
        return default
    return resolver(account, subject)
