"""The filters' part of a member's data export and of deleting an account (moderation's
`exports.py` and `erasure.py` register them).

Export: what the account wrote that a filter held (its own words, with the reason it was told
and the status), never who decided it. Erasure: whatever still waits for review goes with the
account (its held posts and threads are blanked by the groups part when the member deletes
what they wrote; a held chat message lives only here). Decided entries stay, as flags'
snapshots do: moderators may need the record of what they released or kept back.
"""

from typing import Any

from django.db.models import QuerySet

from community.models import Account, Persona
from moderation.filters.models import HeldContent


def held_for_export(account: Account) -> list[dict[str, Any]]:
    held = HeldContent.objects.filter(author__account=account).order_by("created")
    return [
        {
            "kind": entry.kind,
            "content": entry.content,
            "reason": entry.message,
            "status": entry.status,
            "created": entry.created.isoformat(timespec="seconds"),
        }
        for entry in held
    ]


def erase_held(personas: QuerySet[Persona], *, keep_content: bool) -> None:
    waiting = HeldContent.objects.filter(author__in=personas, status=HeldContent.Status.HELD)
    if keep_content:
        # Held posts and threads stay (a moderator may still publish them, as "former
        # member"); a held chat message has no place to stay in, so its words go.
        waiting = waiting.filter(kind="message")
    waiting.delete()
