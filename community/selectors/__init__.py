"""Reads of the identity layer. Nothing returned here carries an account to a template."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from community import pseudonyms
from community.models import Account, Block, Persona, Space


def blocked_accounts_of(account: Account) -> QuerySet:
    """Accounts whose content `account` must not see: those it blocked.

    Returns a values queryset of account pks, for use in `__in` filters (never shown).
    """
    return Block.objects.filter(blocker=account).values("blocked")


def is_blocked_between(first: Account, second: Account) -> bool:
    """Whether either account blocked the other."""
    return Block.objects.filter(
        Q(blocker=first, blocked=second) | Q(blocker=second, blocked=first)
    ).exists()


@dataclass(frozen=True)
class BlockEntry:
    """One line of a member's own block list: the persona they blocked, as they saw it.

    Only the persona of the space where the block was made; never the account, nor the
    account's other personas.
    """

    persona_name: str
    persona_public_id: str
    space: Space


def blocks_of(account: Account) -> list[BlockEntry]:
    """The blocks `account` made, newest first, for its own block list."""
    blocks = (
        Block.objects.filter(blocker=account)
        .select_related("via_persona__space")
        .order_by("-created", "-pk")
    )
    return [
        BlockEntry(
            persona_name=block.via_persona.display_name,
            persona_public_id=block.via_persona.public_id,
            space=block.via_persona.space,
        )
        for block in blocks
    ]


def name_taken_in(*, space: Space, name: str, exclude: Persona | None = None) -> bool:
    """Whether another persona of `space` has a name with the same confusable key."""
    personas = Persona.objects.filter(space=space, name_key=pseudonyms.name_key(name))
    if exclude is not None:
        personas = personas.exclude(pk=exclude.pk)
    return personas.exists()
