"""What the filters record, and what moderators do with held content.

Registered with `community.screening` from `ModerationConfig.ready()`:

- `hold_content`: a filter held something back; one open HeldContent per held thing (a
  re-held edit updates it, a resent chat message finds it) for the review queue.
- `flag_automatically`: a word list entry said "publish and flag": a Flag with no reporter
  (reporter=None means the system), so the queue shows it with members' flags.
- `clear_hold`: the author edited a held post or thread and it passed the filters: it is
  published, and its hold closed as "cleared".

`release_held` and `reject_held` are the moderators' decisions.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from community import flagging, screening
from community.errors import NotAllowed
from community.models import Account, Persona, Space
from community.screening import Verdict
from moderation.filters import policies
from moderation.filters.models import HeldContent
from moderation.models import Flag

AUTOMATIC_FLAG_REASONS = {"personal_info": Flag.Reason.PERSONAL_INFO}


def _open_hold_of(target) -> HeldContent | None:
    return HeldContent.objects.filter(
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        status=HeldContent.Status.HELD,
    ).first()


@transaction.atomic
def hold_content(
    *,
    verdict: Verdict,
    kind: str,
    space: Space | int,
    author: Persona,
    target=None,
    content: dict,
) -> HeldContent:
    """Record that `author`'s `kind` in `space` is held back, with what they wrote."""
    space_id = getattr(space, "pk", space)
    if target is not None:
        existing = _open_hold_of(target)
    else:
        # A resent chat message (same client_id) is the same held message, not a second one.
        existing = HeldContent.objects.filter(
            kind=kind,
            space_id=space_id,
            author=author,
            status=HeldContent.Status.HELD,
            content__client_id=content.get("client_id"),
        ).first()
    fields = {
        "reason": verdict.reason,
        "detail": verdict.detail[:300],
        "message": verdict.message,
        "content": content,
    }
    if existing is not None:
        for name, value in fields.items():
            setattr(existing, name, value)
        existing.save(update_fields=list(fields))
        return existing
    return HeldContent.objects.create(
        kind=kind,
        space_id=space_id,
        author=author,
        content_type=ContentType.objects.get_for_model(target) if target is not None else None,
        object_id=target.pk if target is not None else None,
        **fields,
    )


def flag_automatically(*, verdict: Verdict, target) -> Flag:
    """A flag raised by a filter: no reporter, the filter's finding as its note."""
    kind = flagging.kind_of(target)
    return Flag.objects.create(
        reporter=None,
        space=kind.space_of(target),
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        reason=AUTOMATIC_FLAG_REASONS.get(verdict.reason, Flag.Reason.OTHER),
        note=f"Flagged automatically. {verdict.detail}",
        snapshot=kind.snapshot(target),
    )


def clear_hold(*, target) -> None:
    HeldContent.objects.filter(
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        status=HeldContent.Status.HELD,
    ).update(status=HeldContent.Status.CLEARED, decided_at=timezone.now())


def _decide(held: HeldContent, moderator: Account, status: str) -> None:
    if not policies.can_review_held(moderator, held):
        raise NotAllowed("Only the site's moderators or this group's hosts can review this.")
    if held.status != HeldContent.Status.HELD:
        raise NotAllowed("This was already decided.")
    held.status, held.decided_at, held.decided_by = status, timezone.now(), moderator
    held.save(update_fields=["status", "decided_at", "decided_by"])


@transaction.atomic
def release_held(*, moderator: Account, held: HeldContent) -> HeldContent:
    """Publish what a filter held: the content app shows it to everyone (a chat message is
    stored and broadcast now, with the next id of its room)."""
    held = HeldContent.objects.select_for_update().get(pk=held.pk)
    _decide(held, moderator, HeldContent.Status.RELEASED)
    screening.release(held.kind, held.target, held.content, held.author)
    return held


@transaction.atomic
def reject_held(*, moderator: Account, held: HeldContent) -> HeldContent:
    """Keep it back: it stays visible to its author only (who may still edit it)."""
    held = HeldContent.objects.select_for_update().get(pk=held.pk)
    _decide(held, moderator, HeldContent.Status.REJECTED)
    return held
