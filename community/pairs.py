"""Pairs of accounts never to be matched as mentor and mentee: a registry of providers.

An app that knows of such pairs registers a provider from its own `ready()`, as moderation
sets the flag recorder (`community.flagging.set_recorder`), since the apps that match people
cannot import it (DESIGN.md §4):

    from community import pairs

    pairs.register(forbidden_pairs)

`forbidden_pairs(account_ids)` answers, in one query, the pairs among `account_ids` (a
collection of account pks, or a values queryset of them used as a subquery) that must never
be matched, each a frozenset of two account pks, in either direction. Neither account is ever
told: a match that does not happen looks like no match at all. Blocks are not a provider
here: the identity layer answers them itself (`community.selectors.blocked_pairs_among`).
"""

from collections.abc import Callable, Iterable

Provider = Callable[[Iterable[int]], set[frozenset[int]]]

# Keyed by dotted name, so a ready() run twice registers a provider once.
_providers: dict[str, Provider] = {}


def register(provider: Provider) -> Provider:
    _providers[f"{provider.__module__}.{provider.__qualname__}"] = provider
    return provider


def registered_providers() -> list[Provider]:
    return list(_providers.values())


def forbidden_pairs(account_ids: Iterable[int]) -> set[frozenset[int]]:
    """Every provider's pairs among `account_ids` (one query per provider)."""
    found: set[frozenset[int]] = set()
    for provider in _providers.values():
        found |= provider(account_ids)
    return found


def is_forbidden(first: int, second: int) -> bool:
    """Whether accounts `first` and `second` must never be matched (one query per provider)."""
    return frozenset((first, second)) in forbidden_pairs([first, second])
