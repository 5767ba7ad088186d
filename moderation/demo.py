"""Demo moderation for `manage.py seed_demo`: something believable on every moderation page.

- Flags: the demo member flags a few things written by others, one of each kind first (a
  post, a thread, a name: the registry's order) so the queue shows what moderators meet
  (`"flags"` in `--json`, by public id and reason, never by reporter).
- Appeals: the demo advocate, as a host, hid a chat message and warned a member for a post;
  both authors appealed. One appeal waits for the demo moderator, who decided the other
  (`"appeals"`: public ids and states only).
- The filters (moderation.filters.demo): a site and a group word list entry, and two chat
  messages held for review in the live room (`"held"`, `"word_lists"`).
- History: flags and decisions dated last month, so the public transparency page (which shows
  completed months only, and small figures as "fewer than N") has figures to show.

Content is found through the flag target registry (community.flagging) and the live room
through a chat message's snapshot, so moderation names no content app. Idempotent: flagging
again returns the open flag; an appeal is found by its words; held messages by their
client_id; the history is made once (any flag older than this month means it is there).
"""

import contextlib
from datetime import datetime, timedelta
from unittest import mock

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from community import demo, flagging
from community.models import Account, Persona
from moderation.appeals import decide_appeal, submit_appeal
from moderation.decisions import take_action
from moderation.filters import demo as filters_demo
from moderation.models import Appeal, Flag, ReviewItem
from moderation.selectors import hosted_space_ids
from moderation.services import flag_content
from moderation.transparency import window

# In the order of the targets: a post, a thread, a name (one that gives someone away).
DEMO_REASONS = ("harassment", "spam", "personal_info")
# How many of each kind's oldest rows are looked at for something the member may flag.
CANDIDATES_PER_KIND = 50
# How many rows are looked at for another app's demo content (the newest or oldest).
SEARCHED_PER_KIND = 200


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


def _seed_flags(reporter: Account) -> list[dict]:
    targets = _targets(reporter)
    flags = [
        flag_content(reporter=reporter, target=target, reason=reason, note="Demo flag.")
        for target, reason in zip(targets, DEMO_REASONS, strict=False)
    ]
    return [
        {"public_id": flag.public_id, "reason": flag.reason, "item": flag.item.public_id}
        for flag in flags
        if flag.item is not None
    ]


# --- Finding the demo's content and people ------------------------------------------------------


def _newest(kind_name: str, opening: str):
    """The newest `kind_name` target whose text starts with `opening` (another app's demo
    content), or None when that app or that text is not there."""
    kind = flagging.kind_named(kind_name)
    if kind is None:
        return None
    for target in kind.model.objects.order_by("-pk")[:SEARCHED_PER_KIND]:
        if kind.snapshot(target).get("body", "").startswith(opening):
            return target
    return None


def _author(target) -> Persona | None:
    public_id = (flagging.kind_of(target).snapshot(target).get("author") or {}).get("persona")
    return Persona.objects.select_related("account").filter(public_id=public_id).first()


def _others(space, *, leaving_out: list[Account]) -> list[Persona]:
    """Personas of `space` whose accounts are none of `leaving_out`, oldest first: the demo's
    other voices there."""
    return list(
        Persona.objects.filter(space=space, account__isnull=False)
        .exclude(account__in=leaving_out)
        .select_related("account")
        .order_by("pk")
    )


# --- Appeals ----------------------------------------------------------------------------------


# (kind, opening words of the content, reason flagged, the flagger's note, the host's action,
# rule, message to the member, the member's appeal, the demo moderator's decision and reason
# (None: still waiting for them)).
APPEALS = [
    (
        "message",
        "I had my follow-up meeting with HR today.",
        "personal_info",
        "This could identify her company's HR team.",
        "hide",
        "unmasking",
        "Hidden for now: details of an HR process can point at a workplace. You can appeal.",
        "I didn't name my company, my HR team or anyone at all. It's my own experience, and "
        "people here said it helped them to hear it.",
        None,
    ),
    (
        "post",
        'I added "working hours and channels" to my contract template',
        "spam",
        "Sounds like an ad for a contract template.",
        "warn",
        "spam",
        "Please don't advertise services or products here.",
        "I wasn't selling anything. I described what I changed in my own contract so that "
        "others could do the same.",
        (
            "overturned",
            "Describing your own contract to help someone is not advertising. The warning is "
            "withdrawn and no longer counts against you.",
        ),
    ),
]


def _seed_appeals(accounts: dict[str, Account]) -> list[Appeal]:
    made = []
    for kind, opening, reason, note, action_kind, rule, message, text, decision in APPEALS:
        appeal = Appeal.objects.filter(text=text).first()
        if appeal is None:
            target = _newest(kind, opening)
            if target is None:
                continue
            appeal = _appeal_of(accounts, target, reason, note, action_kind, rule, message, text)
            if appeal is None:
                continue
        if decision is not None and appeal.status == Appeal.Status.OPEN:
            reviewer = accounts["moderator"]
            if appeal.reviewer_id in (None, reviewer.pk):
                outcome, why = decision
                decide_appeal(reviewer=reviewer, appeal=appeal, outcome=outcome, reason=why)
                appeal.refresh_from_db()
        made.append(appeal)
    return made


def _appeal_of(accounts, target, reason, note, action_kind, rule, message, text) -> Appeal | None:
    """A member's flag on `target`, the demo advocate's action on it as its group's host, and
    its author's appeal (which goes to the demo moderator, the site's moderator)."""
    kind = flagging.kind_of(target)
    space = kind.space_of(target)
    author = _author(target)
    host = accounts["advocate"]
    if author is None or author.account is None or space.pk not in hosted_space_ids(host):
        return None
    leaving_out = [author.account, host, accounts["member"], accounts["moderator"]]
    others = _others(space, leaving_out=leaving_out)
    flaggers = [persona for persona in others if kind.can_flag(persona.account, target)]
    if not flaggers:
        return None
    item = flag_content(reporter=flaggers[0].account, target=target, reason=reason, note=note).item
    action = take_action(
        moderator=host,
        item=item,
        kind=action_kind,
        rule=rule,
        message=message,
        hosted=hosted_space_ids(host),
    )
    return submit_appeal(account=author.account, action=action, text=text)


# --- The filters ------------------------------------------------------------------------------


def _seed_filters(accounts: dict[str, Account]) -> tuple[list, list]:
    """Word lists, and held messages in the live room (found through one of its messages)."""
    message = _newest("message", APPEALS[0][1])
    space = room_public_id = None
    if message is not None:
        kind = flagging.kind_of(message)
        space = kind.space_of(message)
        room_public_id = kind.snapshot(message)["room"]["public_id"]
    words = filters_demo.seed_word_lists(
        staff=accounts["moderator"], host=accounts["advocate"], space=space
    )
    held = []
    if space is not None:
        leaving_out = [accounts["advocate"], accounts["member"], accounts["moderator"]]
        held = filters_demo.seed_held(
            room_public_id=room_public_id,
            space=space,
            writers=_others(space, leaving_out=leaving_out),
        )
    return words, held


# --- Last month's history, for the transparency page --------------------------------------------

# (reason flagged, the rule the dismissal cites, hours until a moderator dismissed it):
# members flag what worries them, and most of it turns out fine. Five of one reason and every
# decision of one kind, so that the page shows exact figures (a figure under
# MODERATION_TRANSPARENCY_MIN_COUNT is shown as "fewer than N") and a median time.
HISTORY = [
    ("harassment", "kindness", 3),
    ("harassment", "harassment", 9),
    ("spam", "spam", 2),
    ("harassment", "kindness", 20),
    ("other", "reporting", 5),
    ("harassment", "harassment", 4),
    ("spam", "spam", 30),
    ("harassment", "kindness", 7),
]


@contextlib.contextmanager
def _dated(moment: datetime):
    """Run the services as if at `moment`, so that every row they write (flags, items,
    actions, audit entries, notifications) is dated then, consistently. The audit log is
    append-only: its entries cannot be moved back afterwards, only written at their time."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def _seed_history(accounts: dict[str, Account]) -> None:
    """Last month's flags on posts, each dismissed hours later by the group's host (or the
    site's moderator), through the same services as the pages."""
    months, _start, this_month = window()
    if Flag.objects.filter(created__lt=this_month).exists():
        return  # made by an earlier run (or real history: either way, there is some)
    kind = flagging.kind_named("post")
    if kind is None:
        return
    first_day = datetime(
        months[0].year, months[0].month, 1, 10, tzinfo=timezone.get_current_timezone()
    )
    waiting = set(
        ReviewItem.objects.filter(status=ReviewItem.Status.OPEN).values_list(
            "content_type_id", "object_id"
        )
    )
    number = 0
    for target in kind.model.objects.order_by("pk")[:SEARCHED_PER_KIND]:
        if number == len(HISTORY):
            break
        people = _history_people(accounts, kind, target, waiting)
        if people is None:
            continue
        reporter, moderator = people
        reason, rule, hours = HISTORY[number]
        flagged_at = first_day + timedelta(days=2 + 3 * number, hours=number % 5)
        with _dated(flagged_at):
            item = flag_content(reporter=reporter, target=target, reason=reason).item
        with _dated(flagged_at + timedelta(hours=hours)):
            take_action(
                moderator=moderator,
                item=item,
                kind="dismiss",
                rule=rule,
                hosted=hosted_space_ids(moderator),
            )
        number += 1


def _history_people(accounts, kind, target, waiting) -> tuple[Account, Account] | None:
    """(who flags `target`, who decides) for one case of the history, or None when `target`
    does not fit: it waits in the queue already, or nobody else there could flag it."""
    if (ContentType.objects.get_for_model(target).pk, target.pk) in waiting:
        return None
    author = _author(target)
    # Not the demo member's own posts: whoever tries the demo as them finds nothing odd.
    if author is None or author.account is None or author.account == accounts["member"]:
        return None
    space = kind.space_of(target)
    host = accounts["advocate"]
    leaving_out = [author.account, host, accounts["member"], accounts["moderator"]]
    reporters = [p.account for p in _others(space, leaving_out=leaving_out)]
    reporters = [account for account in reporters if kind.can_flag(account, target)]
    if not reporters:
        return None
    # The group's host decides, unless it is their own post: then the site's moderator.
    hosts_it = space.pk in hosted_space_ids(host) and author.account_id != host.pk
    return reporters[target.pk % len(reporters)], host if hosts_it else accounts["moderator"]


@demo.register
@transaction.atomic
def seed(accounts: dict[str, Account]) -> dict:
    flags = _seed_flags(accounts["member"])
    appeals = _seed_appeals(accounts)
    words, held = _seed_filters(accounts)
    _seed_history(accounts)
    return {
        "flags": flags,
        "appeals": [{"public_id": a.public_id, "status": a.status} for a in appeals],
        "held": [{"public_id": h.public_id, "kind": h.kind, "reason": h.reason} for h in held],
        "word_lists": words,
    }
