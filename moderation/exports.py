"""The moderation part of a member's data export (the flags they raised, and what they wrote
that a filter held), registered with community.exports."""

from typing import Any

from community import exports
from community.models import Account
from moderation.filters.account_data import held_for_export
from moderation.models import Action, Appeal, Flag, RevealRequest


@exports.register
def export_for(account: Account) -> dict[str, Any]:
    """Flags `account` raised: reason, note, status and a link to what was flagged. The
    snapshot is left out: it holds someone else's words, kept as evidence for moderators.
    Then the moderation decisions about `account`, as its notices told them, and the reveals
    of its account."""
    return {
        "flags_raised": [
            {
                "reason": flag.reason,
                "note": flag.note,
                "status": flag.status,
                "link": flag.snapshot.get("url", ""),
                "created": flag.created.isoformat(timespec="seconds"),
            }
            for flag in Flag.objects.filter(reporter=account).order_by("created")
        ],
        "held_for_review": held_for_export(account),
        # Decisions about the member: what, the rule, until when and the message they were
        # sent; never who flagged or who acted.
        "moderation_decisions": [
            {
                "action": action.kind,
                "rule": action.rule,
                "message": action.message,
                "until": action.until.isoformat(timespec="seconds") if action.until else None,
                "created": action.created.isoformat(timespec="seconds"),
                # Their appeal, in their words, and its outcome and reason; never who decided.
                "appeal": _appeal(action),
            }
            for action in Action.objects.filter(account=account)
            .exclude(kind=Action.Kind.DISMISS)
            .select_related("appeal")
            .order_by("created")
        ],
        # Approved break-glass reveals of the account, as the member's notice told them:
        # which persona, when and why; never who asked or approved.
        "account_reveals": [
            {
                "persona": reveal.persona_name,
                "reason": reveal.reason,
                "revealed": reveal.decided_at.isoformat(timespec="seconds"),
            }
            for reveal in RevealRequest.objects.filter(
                account=account, status=RevealRequest.Status.APPROVED
            ).order_by("decided_at")
        ],
    }


def _appeal(action: Action) -> dict[str, Any] | None:
    try:
        appeal = action.appeal
    except Appeal.DoesNotExist:
        return None
    return {
        "text": appeal.text,
        "status": appeal.status,
        "reason": appeal.reason,
        "created": appeal.created.isoformat(timespec="seconds"),
        "decided": appeal.decided_at.isoformat(timespec="seconds") if appeal.decided_at else None,
    }
