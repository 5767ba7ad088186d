"""What the filters record, and what moderators do with held content.

Registered with `community.screening` from `ModerationConfig.ready()`:

- `hold_content`: a filter held something back; one open HeldContent per held thing (a
  re-held edit updates it, a resent chat message finds it) for the review queue.
- `flag_automatically`: a word list entry said "publish and flag": a Flag with no reporter
  (reporter=None means the system), gathered into the target's ReviewItem by the core, so
  the queue shows it with members' flags.
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
from community.services.notifications import notify
from community.spaces import names_of_spaces
from community.text import isolate
from moderation.filters import notification_kinds, policies
from moderation.filters.models import HeldContent
from moderation.models import Flag
from moderation.services import flag_as_system

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
    """A flag raised by a filter: no reporter, the filter's finding as its note, gathered into
    the target's review item by the core (`moderation.services.flag_as_system`), so the queue
    shows it with members' flags. One open filter flag per target: editing a flagged post
    again does not flag it twice."""
    return flag_as_system(
        target=target,
        reason=AUTOMATIC_FLAG_REASONS.get(verdict.reason, Flag.Reason.OTHER),
        note=f"Flagged automatically. {verdict.detail}",
    )


def clear_hold(*, target, withdrawn: bool = False) -> None:
    """Close `target`'s open hold: its author edited it clean (published), or deleted it."""
    status = HeldContent.Status.WITHDRAWN if withdrawn else HeldContent.Status.CLEARED
    HeldContent.objects.filter(
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        status=HeldContent.Status.HELD,
    ).update(status=status, decided_at=timezone.now())


def _decide(held: HeldContent, moderator: Account, status: str) -> None:
    if not policies.can_review_held(moderator, held):
        raise NotAllowed("Only the site's moderators or this group's hosts can review this.")
    if held.status != HeldContent.Status.HELD:
        raise NotAllowed("This was already decided.")
    held.status, held.decided_at, held.decided_by = status, timezone.now(), moderator
    held.save(update_fields=["status", "decided_at", "decided_by"])


KIND_WORDS = {"thread": "thread", "post": "reply", "message": "chat message"}


@transaction.atomic
def release_held(*, moderator: Account, held: HeldContent) -> HeldContent:
    """Publish what a filter held: the content app shows it to everyone (a chat message is
    stored and broadcast now, with the next id of its room). The author is told, never by
    whom."""
    held = HeldContent.objects.select_for_update().get(pk=held.pk)
    _decide(held, moderator, HeldContent.Status.RELEASED)
    published = screening.release(held.kind, held.target, held.content, held.author)
    _tell_author(held, "published your {kind} in “{space}”.", published)
    return held


@transaction.atomic
def reject_held(*, moderator: Account, held: HeldContent) -> HeldContent:
    """Keep it back: it stays visible to its author only (who may still edit it). A held chat
    message was never stored, so it simply is not sent."""
    held = HeldContent.objects.select_for_update().get(pk=held.pk)
    _decide(held, moderator, HeldContent.Status.REJECTED)
    sentence = "kept back your {kind} in “{space}”: only you can see it."
    if held.kind == "message":
        sentence = "kept back your chat message in “{space}”: it was not sent."
    _tell_author(held, sentence, held.target)
    return held


def _tell_author(held: HeldContent, sentence: str, target) -> None:
    author = held.author
    if author is None or author.account_id is None:  # a former member: nobody to tell
        return
    space = names_of_spaces([held.space]).get(held.space_id, "")
    kind = KIND_WORDS.get(held.kind, held.kind)
    text = "A moderator " + sentence.format(kind=kind, space=isolate(space))
    url = ""
    if target is not None:
        url = flagging.kind_of(target).snapshot(target).get("url", "")
    notify(
        account=author.account,
        kind=notification_kinds.HELD_DECISION,
        text=text,
        url=url,
        subject=target,
    )
