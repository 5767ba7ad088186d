"""Demo flags for `manage.py seed_demo`, so the demo moderator's queue is not empty.

The demo member flags a few things written by others that it can see, one of each kind first
(a post, a thread, a name: the registry's order) so the queue shows what moderators meet,
found through the flag target registry (community.flagging), so moderation names no content
app. `--json` lists them under "flags" by public id and reason, never by reporter.
Idempotent: flagging again returns the open flag (moderation.services.flag_content).
"""

from community import demo, flagging
from community.models import Account
from moderation.services import flag_content

# In the order of the targets: a post, a thread, a name (one that gives someone away).
DEMO_REASONS = ("harassment", "spam", "personal_info")
# How many of each kind's oldest rows are looked at for something the member may flag.
CANDIDATES_PER_KIND = 50


def _flaggable(reporter: Account, kind):
    for target in kind.model.objects.order_by("pk")[:CANDIDATES_PER_KIND]:
        # can_flag first: it is the kind's access rule, and a snapshot may need what it checks.
        if not kind.can_flag(reporter, target):
            continue
        author = kind.snapshot(target).get("author") or {}
        mine = reporter.personas.filter(public_id=author.get("persona")).exists()
        if author.get("persona") and not mine:
            yield target


def _targets(reporter: Account) -> list:
    """The first flaggable target of each kind, then more of the first kinds, up to one per
    reason."""
    # Lazily: each candidate costs the kind's access check, and few are needed.
    waiting = [_flaggable(reporter, kind) for kind in flagging.registered_kinds()]
    targets: list = []
    while waiting and len(targets) < len(DEMO_REASONS):
        for candidates in list(waiting):
            target = next(candidates, None)
            if target is None:
                waiting.remove(candidates)
            elif len(targets) < len(DEMO_REASONS):
                targets.append(target)
    return targets


@demo.register
def seed(accounts: dict[str, Account]) -> dict:
    reporter = accounts["member"]
    targets = _targets(reporter)
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
