"""The kinds of space there are, each registered by the app that owns it (DESIGN.md §4).

Community knows spaces only as rows with a kind; the app that owns a kind says, from its
`AppConfig.ready()`, what the kind is called and how to name and link its spaces:

    register_space_kind(
        "thing", label="Thing", names_of=names_of_things, url_of=url_of_thing
    )

`names_of(spaces)` answers {space pk: display name} for a list of spaces of that kind in one
query, so a list of many spaces costs one query per kind, not one per row. `url_of(space)`
answers the address of one space's page.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ImproperlyConfigured

if TYPE_CHECKING:
    from community.models import Space


@dataclass(frozen=True)
class SpaceKind:
    kind: str
    label: str
    names_of: Callable[[list["Space"]], dict[int, str]]
    url_of: Callable[["Space"], str]


_kinds: dict[str, SpaceKind] = {}


def register_space_kind(
    kind: str,
    *,
    label: str,
    names_of: Callable[[list["Space"]], dict[int, str]],
    url_of: Callable[["Space"], str],
) -> None:
    registered = SpaceKind(kind=kind, label=label, names_of=names_of, url_of=url_of)
    if _kinds.get(kind, registered) != registered:
        raise ImproperlyConfigured(f"Space kind {kind!r} is registered twice.")
    _kinds[kind] = registered


def space_kind_choices() -> list[tuple[str, str]]:
    """(kind, label) of every registered kind, for `Space.kind`'s choices."""
    return [(registered.kind, registered.label) for registered in _kinds.values()]


def space_kind(kind: str) -> SpaceKind:
    try:
        return _kinds[kind]
    except KeyError:
        raise LookupError(f"No app registered the space kind {kind!r}.") from None


def names_of_spaces(spaces: Iterable["Space"]) -> dict[int, str]:
    """{space pk: display name} for `spaces`, with one call to each kind's `names_of`.

    A space its kind cannot name (its page is gone) is called by the kind's label; a space of
    a kind no installed app registers is left out.
    """
    by_kind: dict[str, list[Space]] = defaultdict(list)
    for space in spaces:
        by_kind[space.kind].append(space)
    names: dict[int, str] = {}
    for kind, members in by_kind.items():
        if kind not in _kinds:
            continue
        registered = _kinds[kind]
        found = registered.names_of(members)
        names.update({space.pk: found.get(space.pk, registered.label) for space in members})
    return names


def url_of_space(space: "Space") -> str:
    return space_kind(space.kind).url_of(space)


# Who hosts a space, per kind: moderation asks it (a group's hosts review what was held in
# their group, and edit its word list) without importing the app that owns the kind.
_host_checks: dict[str, Callable[..., bool]] = {}
_hosted_by: dict[str, Callable[..., Iterable[int]]] = {}


def register_space_hosts(
    kind: str, is_host: Callable[..., bool], hosted_by: Callable[..., Iterable[int]]
) -> None:
    """`is_host(account, space) -> bool`: whether `account` hosts `space` now (one query);
    `hosted_by(account)`: the pks of the spaces of this kind it hosts (a query or subquery)."""
    _host_checks[kind] = is_host
    _hosted_by[kind] = hosted_by


def is_space_host(account, space: "Space") -> bool:
    check = _host_checks.get(space.kind)
    return bool(account.is_authenticated and check is not None and check(account, space))


def spaces_hosted_by(account) -> list:
    """Per kind, what `hosted_by` answers (querysets stay lazy: usable as subqueries)."""
    if not account.is_authenticated:
        return []
    return [hosted_by(account) for hosted_by in _hosted_by.values()]
