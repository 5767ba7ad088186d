"""Demo data hooks: how each app adds its part to `manage.py seed_demo`.

An app registers a seeder from its own `demo.py` (found by `CommunityConfig.ready()`):

    from community import demo

    @demo.register
    def seed(accounts: dict[str, Account]) -> dict:
        ...

Seeders run in registration order, which is INSTALLED_APPS order, so an app's seeder may use
what the seeders of the apps below it made. `accounts` maps "member", "advocate", "moderator"
(and "member1", "member2", ... with `--members N`) to their Account. Each seeder must be
idempotent (get_or_create), print nothing on stdout (it is redirected to stderr so `--json`
stays JSON), and return what it made, JSON-ready, e.g. `{"spaces": [{"name": ..., "url": ...}]}`.

Returned dicts are merged into the command's output in order: lists under the same key are
concatenated, dicts updated, anything else replaced.
"""

from collections.abc import Callable
from typing import Any

Seeder = Callable[[dict[str, Any]], dict[str, Any]]

# Keyed by dotted name, so importing a module twice does not seed twice.
_seeders: dict[str, Seeder] = {}


def register(seeder: Seeder) -> Seeder:
    _seeders[f"{seeder.__module__}.{seeder.__qualname__}"] = seeder
    return seeder


def registered_seeders() -> list[Seeder]:
    return list(_seeders.values())
