"""Demo data hooks: how each app adds its part to `manage.py seed_demo`.

`SEEDERS` lists dotted paths to functions `seed(accounts: dict[str, Account]) -> dict`, called
in order after the demo accounts exist. `accounts` maps "member", "advocate", "moderator" (and
"member1", "member2", ... with `--members N`) to their Account. Each seeder must be idempotent
(get_or_create), print nothing on stdout (it is redirected to stderr so `--json` stays JSON),
and return what it made, JSON-ready, e.g. `{"groups": [{"name": ..., "url": ...}]}`.

Returned dicts are merged into the command's output in order: lists under the same key are
concatenated, dicts updated, anything else replaced.
"""

SEEDERS: list[str] = [
    "groups.demo.seed",
]
