"""Demo flags for `manage.py seed_demo`, so the demo moderator's queue is not empty.

The demo member flags a few things written by others that it can see, found through the flag
target registry (community.flagging), so moderation names no content app. `--json` lists them
under "flags" by public id and reason, never by reporter. Idempotent: flagging again returns
the open flag (moderation.services.flag_content).
"""

from community import demo, flagging
from community.models import Account
from moderation.services import flag_content

DEMO_REASONS = ("harassment", "personal_info", "spam")
# How many of each kind's oldest rows are looked at for something the member may flag.
CANDIDATES_PER_KIND = 50


def _flaggable(reporter: Account):
    for kind in flagging.registered_kinds():
        for target in kind.model.objects.order_by("pk")[:CANDIDATES_PER_KIND]:
            author = kind.snapshot(target).get("author") or {}
            mine = reporter.personas.filter(public_id=author.get("persona")).exists()
            if author.get("persona") and not mine and kind.can_flag(reporter, target):
                yield target


@demo.register
def seed(accounts: dict[str, Account]) -> dict:
    reporter = accounts["member"]
    targets = []
    for target in _flaggable(reporter):
        targets.append(target)
        if len(targets) == len(DEMO_REASONS):
            break
    flags = [
        flag_content(reporter=reporter, target=target, reason=reason, note="Demo flag.")
        for target, reason in zip(targets, DEMO_REASONS, strict=False)
    ]
    return {
        "flags": [
            {"public_id": flag.public_id, "reason": flag.reason, "item": flag.item.public_id}
            for flag in flags
            if flag.item is not None
        ]
    }
