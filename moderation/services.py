"""Flags: a member asks moderators to look at a post or thread (chat messages later).

The reporter is kept on the flag for per-account limits only; nothing the flagged person or
other members see ever names them (DESIGN.md §2). The snapshot keeps the content as it is now,
so a later edit or delete does not destroy the evidence.
"""

import contextlib

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from community.errors import NotAllowed, RateLimited
from community.flagging import kind_of
from community.limits import parse_rate, rate_for
from community.models import Account, Persona
from community.services.blocks import block_persona
from community.text import check_length
from moderation import guard
from moderation.app_settings import app_settings
from moderation.errors import FlagRateLimited
from moderation.models import AuditEntry, Flag, ReviewItem

RATE_MESSAGE = (
    "You have sent a lot of flags in a short time, so this one was not recorded. Please wait "
    "a while and try again; if someone is in danger right now, use the support page."
)


def _check_input(*, reason: str, note: str, wish: str) -> None:
    if reason not in Flag.Reason.values:
        raise ValidationError({"reason": "Please choose a reason."})
    if wish not in Flag.Wish.values:
        raise ValidationError({"wish": "Please choose what you would like to happen."})
    check_length(field="note", value=note, limit=app_settings.FLAG_NOTE_MAX_CHARS, label="note")


def _check_rate(reporter: Account) -> None:
    # Counted from the flags themselves: shared by every worker, and per account, never per
    # persona (DESIGN.md §6).
    rate = parse_rate(rate_for(reporter, "flag", app_settings.FLAG_RATE))
    recent = Flag.objects.filter(reporter=reporter, created__gte=timezone.now() - rate.period)
    if recent.count() >= rate.count:
        raise FlagRateLimited(RATE_MESSAGE)


@transaction.atomic
def flag_content(
    *,
    reporter: Account,
    target,
    reason: str,
    note: str = "",
    wish: str = Flag.Wish.RECORD,
    block_author: bool = False,
) -> Flag:
    """Record `reporter`'s flag on `target` (any registered flag target) with a snapshot of it
    now, gathered into the target's open review item (one per target).

    One open flag per reporter per target: flagging again returns the open flag unchanged.
    `wish` is what the reporter would like to happen (moderators read it); `block_author`
    also blocks the author's persona, silently, in its space (community.services.blocks).
    Raises NotAllowed when the reporter may not see or flag the target, FlagRateLimited over
    `MODERATION_FLAG_RATE`, ValidationError for a bad reason or wish or an over-long note.
    """
    kind = kind_of(target)
    note = note.strip()
    _check_input(reason=reason, note=note, wish=wish)
    if not kind.can_flag(reporter, target):
        raise NotAllowed("This can't be flagged.")
    # Lock the reporter's row so two quick submissions cannot both pass the checks below.
    Account.objects.select_for_update().filter(pk=reporter.pk).first()
    content_type = ContentType.objects.get_for_model(target)
    snapshot = kind.snapshot(target)
    author = _author_of(snapshot)
    flag = _record(
        reporter=reporter,
        kind=kind,
        target=target,
        content_type=content_type,
        reason=reason,
        note=note,
        wish=wish,
        snapshot=snapshot,
        author=author,
    )
    if block_author and author is not None and author.account_id not in (None, reporter.pk):
        # The flag matters more than the block; the block link stays there to try again.
        with contextlib.suppress(RateLimited):
            block_persona(blocker=reporter, persona=author)
    return flag


def _record(*, reporter, kind, target, content_type, reason, note, wish, snapshot, author) -> Flag:
    existing = _open_flag(reporter=reporter, content_type=content_type, target=target)
    if existing is not None:
        return existing
    _check_rate(reporter)
    try:
        # The savepoint keeps the outer transaction usable when the constraint fires.
        with transaction.atomic():
            flag = Flag.objects.create(
                reporter=reporter,
                space=kind.space_of(target),
                content_type=content_type,
                object_id=target.pk,
                reason=reason,
                note=note,
                wish=wish,
                snapshot=snapshot,
            )
            _gather(flag, kind_name=kind.name, author=author)
            return flag
    except IntegrityError:
        # Another request flagged the same target first (the row lock does not hold on every
        # database, e.g. SQLite ignores SELECT ... FOR UPDATE): return the flag it made.
        existing = _open_flag(reporter=reporter, content_type=content_type, target=target)
        if existing is None:
            raise
        return existing


@transaction.atomic
def flag_as_system(*, target, reason: str, note: str = "") -> Flag:
    """A flag raised by Lantern itself (an automatic filter), not by a member: no reporter, no
    rate, gathered into the target's open review item as a member's flag is (one open system
    flag per target: flagging again returns it). The item's flagger count counts members
    only, so "N members flagged this" stays true."""
    kind = kind_of(target)
    content_type = ContentType.objects.get_for_model(target)
    existing = Flag.objects.filter(
        reporter=None, content_type=content_type, object_id=target.pk, status=Flag.Status.OPEN
    ).first()
    if existing is not None:
        return existing
    snapshot = kind.snapshot(target)
    flag = Flag.objects.create(
        reporter=None,
        space=kind.space_of(target),
        content_type=content_type,
        object_id=target.pk,
        reason=reason,
        note=note,
        snapshot=snapshot,
    )
    _gather(flag, kind_name=kind.name, author=_author_of(snapshot))
    return flag


def _open_flag(*, reporter: Account, content_type: ContentType, target) -> Flag | None:
    return Flag.objects.filter(
        reporter=reporter,
        content_type=content_type,
        object_id=target.pk,
        status=Flag.Status.OPEN,
    ).first()


def _author_of(snapshot: dict) -> Persona | None:
    public_id = (snapshot.get("author") or {}).get("persona")
    if not public_id:
        return None
    return Persona.objects.filter(public_id=public_id).first()


def _gather(flag: Flag, *, kind_name: str, author: Persona | None) -> ReviewItem:
    """Put `flag` into its target's open review item (made if none) and update its priority.

    Runs inside flag_content's savepoint: two first flags on one target racing to make the item
    meet the one-open-item constraint, and the loser's flag is retried by the caller's path.
    """
    item = (
        ReviewItem.objects.select_for_update()
        .filter(
            content_type=flag.content_type, object_id=flag.object_id, status=ReviewItem.Status.OPEN
        )
        .first()
    )
    if item is None:
        item = ReviewItem.objects.create(
            space=flag.space,
            content_type=flag.content_type,
            object_id=flag.object_id,
            kind=kind_name,
            author=author,
        )
    flag.item = item
    flag.save(update_fields=["item"])
    item.flagger_count = (
        Flag.objects.filter(item=item, reporter__isnull=False).values("reporter").distinct().count()
    )
    item.urgent = item.urgent or flag.reason in Flag.URGENT_REASONS
    # A member flagging an account once sanctioned on their flag: straight to the top.
    if author is not None and guard.were_sanctioned_on_flag(flag.reporter, author.account):
        item.boosted = True
    item.save(update_fields=["flagger_count", "urgent", "boosted"])
    return item


def write_audit_entry(
    *, event: str, actor: Account, actor_role: str, space=None, persona=None, detail: str = ""
) -> AuditEntry:
    """One audit entry for what another app did (community.audit): a role change, a new
    invite link. Names the persona acted on (of `space`) and the actor's role, never an
    account."""
    return AuditEntry.objects.create(
        event=event,
        actor=actor,
        actor_role=actor_role,
        space=space,
        persona_name=persona.display_name if persona is not None else "",
        persona_public_id=persona.public_id if persona is not None else "",
        detail=detail[: AuditEntry._meta.get_field("detail").max_length],
    )
