"""Each app's part in deleting an account, registered by the app that holds the content.

`community.services.accounts.delete_account` detaches the account's personas (they show as
"former member" from then on) and calls every registered part with them, before the account
itself goes. An app adds its part from its own `erasure.py` (found by `CommunityConfig.ready()`,
like `exports.py`):

    from community import erasure

    @erasure.register
    def erase_for(personas: QuerySet[Persona], *, keep_content: bool) -> None:
        ...

A part always removes what only the leaving account needs (a request waiting for hosts, say)
and, with keep_content=False, what the account wrote. It must leave other members' content
whole, and whatever they still see in place (a thread others replied in) in its place.
"""

from collections.abc import Callable
from typing import Any

ErasurePart = Callable[..., None]

# Keyed by dotted name, so importing a module twice replaces its part instead of adding it again.
_parts: dict[str, ErasurePart] = {}


def register(part: ErasurePart) -> ErasurePart:
    _parts[f"{part.__module__}.{part.__qualname__}"] = part
    return part


def registered_parts() -> list[ErasurePart]:
    return list(_parts.values())


def erase(personas: Any, *, keep_content: bool) -> None:
    for part in registered_parts():
        part(personas, keep_content=keep_content)
