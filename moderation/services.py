"""Flags: a member asks moderators to look at a post or thread (chat messages later).

The reporter is kept on the flag for per-account limits only; nothing the flagged person or
other members see ever names them (DESIGN.md §2). The snapshot keeps the content as it is now,
so a later edit or delete does not destroy the evidence.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from community.errors import NotAllowed
from community.flagging import kind_of
from community.limits import parse_rate, rate_for
from community.models import Account
from community.text import check_length
from moderation.app_settings import app_settings
from moderation.errors import FlagRateLimited
from moderation.models import Flag

RATE_MESSAGE = (
    "You have sent a lot of flags in a short time, so this one was not recorded. Please wait "
    "a while and try again; if someone is in danger right now, use the support page."
)


def _check_input(*, reason: str, note: str) -> None:
    if reason not in Flag.Reason.values:
        raise ValidationError({"reason": "Please choose a reason."})
    check_length(field="note", value=note, limit=app_settings.FLAG_NOTE_MAX_CHARS, label="note")


def _check_rate(reporter: Account) -> None:
    # Counted from the flags themselves: shared by every worker, and per account, never per
    # persona (DESIGN.md §6).
    rate = parse_rate(rate_for(reporter, "flag", app_settings.FLAG_RATE))
    recent = Flag.objects.filter(reporter=reporter, created__gte=timezone.now() - rate.period)
    if recent.count() >= rate.count:
        raise FlagRateLimited(RATE_MESSAGE)


@transaction.atomic
def flag_content(*, reporter: Account, target, reason: str, note: str = "") -> Flag:
    """Record `reporter`'s flag on `target` (a Post or Thread) with a snapshot of it now.

    One open flag per reporter per target: flagging again returns the open flag unchanged.
    Raises NotAllowed when the reporter may not see or flag the target, FlagRateLimited over
    `MODERATION_FLAG_RATE`, ValidationError for a bad reason or an over-long note.
    """
    kind = kind_of(target)
    note = note.strip()
    _check_input(reason=reason, note=note)
    if not kind.can_flag(reporter, target):
        raise NotAllowed("This can't be flagged.")
    # Lock the reporter's row so two quick submissions cannot both pass the checks below.
    Account.objects.select_for_update().filter(pk=reporter.pk).first()
    content_type = ContentType.objects.get_for_model(target)
    existing = _open_flag(reporter=reporter, content_type=content_type, target=target)
    if existing is not None:
        return existing
    _check_rate(reporter)
    try:
        # The savepoint keeps the outer transaction usable when the constraint fires.
        with transaction.atomic():
            return Flag.objects.create(
                reporter=reporter,
                space=kind.space_of(target),
                content_type=content_type,
                object_id=target.pk,
                reason=reason,
                note=note,
                snapshot=kind.snapshot(target),
            )
    except IntegrityError:
        # Another request flagged the same target first (the row lock does not hold on every
        # database, e.g. SQLite ignores SELECT ... FOR UPDATE): return the flag it made.
        existing = _open_flag(reporter=reporter, content_type=content_type, target=target)
        if existing is None:
            raise
        return existing


def _open_flag(*, reporter: Account, content_type: ContentType, target) -> Flag | None:
    return Flag.objects.filter(
        reporter=reporter,
        content_type=content_type,
        object_id=target.pk,
        status=Flag.Status.OPEN,
    ).first()
