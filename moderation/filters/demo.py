"""The filters' part of `manage.py seed_demo` (called by moderation's demo seeder): a word list
entry for the site and one for a group, and two chat messages held for review in the demo's
live room, one for identity exposure and one by the group's word list.

The held messages go through the real screener (`moderation.filters.screen`) and are recorded
as chat's own path records them (`hold_content`, with the room and a client_id), so releasing
one from the queue stores and sends it like any held message. Idempotent: an entry already on
its list is left alone, and a held message is found by its fixed client_id, whatever became of
it since (a moderator may have published it).
"""

import uuid

from community.models import Account, Persona, Space
from community.screening import HOLD
from community.spaces import names_of_spaces
from moderation.filters import screen
from moderation.filters.models import HeldContent, WordListEntry
from moderation.filters.services import hold_content
from moderation.filters.wordlist_services import add_word
from moderation.filters.wordlists import normalize_pattern

SITE_WORDS = [
    (
        "kill yourself",
        WordListEntry.Action.BLOCK,
        "Lantern does not allow this. If you are struggling yourself, the Support page lists "
        "people you can talk to tonight.",
    ),
]
# The live room's group: its host keeps dismissals of what members go through for review.
GROUP_WORDS = [("overreacting", WordListEntry.Action.HOLD, "")]

# (which of the room's other members, oldest first, text): the filters hold both.
HELD_MESSAGES = [
    (
        2,
        "If anyone wants to talk one to one after this, write to me at north.maple.talks@gmail.com",
    ),
    (0, "Honestly, are you sure you're not overreacting? HR might just be busy."),
]
HELD_NAMESPACE = uuid.UUID("5b0f7a52-4f8e-4d7e-9a43-6d1c0e0c1a10")


def seed_word_lists(*, staff: Account, host: Account, space: Space | None) -> list[dict]:
    """The site's entries (added by `staff`) and, when `space` is given, its group's entries
    (added by `host`, who hosts it), as {"pattern", "action", "scope"}."""
    made = [_entry(staff, None, *entry) for entry in SITE_WORDS]
    if space is not None:
        made += [_entry(host, space, *entry) for entry in GROUP_WORDS]
    names = names_of_spaces([space]) if space is not None else {}
    return [
        {
            "pattern": entry.pattern,
            "action": entry.action,
            "scope": "site" if entry.space_id is None else names.get(entry.space_id, ""),
        }
        for entry in made
    ]


def _entry(actor: Account, space: Space | None, pattern: str, action: str, message: str):
    normalized = normalize_pattern(pattern)
    existing = WordListEntry.objects.filter(space=space, normalized=normalized).first()
    if existing is not None:
        return existing
    return add_word(actor=actor, space=space, pattern=pattern, action=action, message=message)


def seed_held(*, room_public_id: str, space: Space, writers: list[Persona]) -> list[HeldContent]:
    """Chat messages by `writers` (personas of `space`, not the demo's own accounts) that the
    filters hold, waiting in the queue; those the screener would publish are skipped."""
    held = []
    for number, (which, text) in enumerate(HELD_MESSAGES):
        if not writers:
            break
        client_id = str(uuid.uuid5(HELD_NAMESPACE, f"held-{number}"))
        existing = HeldContent.objects.filter(kind="message", content__client_id=client_id)
        if existing.exists():
            held.append(existing.first())
            continue
        verdict = screen(text, space=space)
        if verdict.action != HOLD:  # e.g. MODERATION_HOLD_IDENTITY_EXPOSURE is off
            continue
        held.append(
            hold_content(
                verdict=verdict,
                kind="message",
                space=space,
                author=writers[min(which, len(writers) - 1)],
                content={
                    "room": room_public_id,
                    "body": text,
                    "content_warning": "",
                    "client_id": client_id,
                },
            )
        )
    return held
