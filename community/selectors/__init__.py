"""Reads of the identity layer. Nothing returned here carries an account to a template."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from community import pseudonyms
from community.models import Account, Block, Persona, Space


def blocked_personas_of(account: Account) -> QuerySet:
    """Every persona `account` blocked, each acting in its own space only.

    A values queryset of persona pks, for `__in` filters on things that carry their persona
    (a notification's actor): matching on personas, never on the account behind them, keeps a
    block from reaching into other spaces. For one space at a time use
    `community.access.standing_in`.
    """
    return Block.objects.filter(blocker=account).values("persona")


def is_blocked_between(first: Account, second: Account) -> bool:
    """Whether either account blocked a persona of the other, in any space.

    For the account-wide "never matched as mentor and mentee" rule only; never for what is
    shown, or the answer would link the personas.
    """
    return Block.objects.filter(
        Q(blocker=first, blocked_account=second) | Q(blocker=second, blocked_account=first)
    ).exists()


def blocked_pairs_among(account_ids) -> set[frozenset[int]]:
    """The pairs of accounts among `account_ids` where one blocked a persona of the other, in
    any space: one query. `account_ids` is a collection of pks or a values queryset of them.

    Like `is_blocked_between`, for "never matched as mentor and mentee" only.
    """
    rows = Block.objects.filter(
        blocker__in=account_ids, blocked_account__in=account_ids
    ).values_list("blocker_id", "blocked_account_id")
    return {frozenset(row) for row in rows.distinct() if row[0] != row[1]}


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
        .select_related("persona__space")
        .order_by("-created", "-pk")
    )
    return [
        BlockEntry(
            persona_name=block.persona.display_name,
            persona_public_id=block.persona.public_id,
            space=block.persona.space,
        )
        for block in blocks
    ]


def name_taken_in(*, space: Space, name: str, exclude: Persona | None = None) -> bool:
    """Whether another persona of `space` has a name with the same confusable key."""
    personas = Persona.objects.filter(space=space, name_key=pseudonyms.name_key(name))
    if exclude is not None:
        personas = personas.exclude(pk=exclude.pk)
    return personas.exists()
