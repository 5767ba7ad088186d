"""The space-level primitive under every access function: who the viewer is in one space, and
whom they blocked there.

Each app's `access.py` (an `access_thread`, an `access_message`: one function per kind)
finds its object, then asks `standing_in(account, space_id)` for the viewer's persona in the
object's space and decides with its own policies. Blocks are read here and nowhere else, and
only those made in this space: a block acts where it was made and nowhere else (DESIGN.md §2),
so nothing a viewer sees in one space depends on a block made in another.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from community.models import Block, Persona


def blocked_persona_ids(account, space_id: int) -> frozenset[int]:
    """The personas of space `space_id` that `account` blocked: one query."""
    if not account.is_authenticated:
        return frozenset()
    return frozenset(
        Block.objects.filter(blocker=account, persona__space_id=space_id).values_list(
            "persona_id", flat=True
        )
    )


@dataclass
class Standing:
    """One account's place in one space: its persona there (or None) and its blocks there.

    `persona` is loaded at once (the access decision needs it); `blocked_persona_ids` on first
    use, since only pages that show people need it. A chat consumer reads both at connect.
    """

    account: object
    space_id: int
    persona: Persona | None

    @cached_property
    def blocked_persona_ids(self) -> frozenset[int]:
        return blocked_persona_ids(self.account, self.space_id)

    def has_blocked(self, persona_id: int | None) -> bool:
        """Whether the viewer blocked the persona `persona_id` (of this space)."""
        return persona_id is not None and persona_id in self.blocked_persona_ids


def standing_in(account, space_id: int, *, related: Iterable[str] = ()) -> Standing:
    """`account`'s persona in space `space_id` (one query; none when logged out).

    `related` names relations of the persona to load with it in the same query, such as
    "membership" for a group.
    """
    persona = None
    if account.is_authenticated:
        persona = (
            Persona.objects.select_related(*related)
            .filter(account=account, space_id=space_id)
            .first()
        )
    return Standing(account=account, space_id=space_id, persona=persona)
