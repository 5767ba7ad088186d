"""What a sanction in a space does, registered by the apps that own what it affects.

Moderation decides that a persona is muted in its space until a time, or removed from it; it
does not know what that means in a group, a chat room or (later) a mentorship. Each content
app registers a handler from its own `flagging` module (autodiscovered), as it registers flag
targets, and moderation calls `apply`; community names no app (DESIGN.md §4).

    from community import sanctions

    sanctions.register(sanctions.MUTE, lambda persona, until: ...)
    sanctions.register(sanctions.REMOVE, lambda persona, until: ...)

An appeal that overturns a sanction undoes it through the same registry (what can be undone):

    sanctions.register(sanctions.UNMUTE, lambda persona, until: ...)  # the mute ending `until`
    sanctions.register(sanctions.READMIT, lambda persona, until: ...)  # back in, as a member

Who moderates a space besides the site moderators (a group's hosts) is answered the same way:

    sanctions.register_hosts(lambda account: {space pks `account` hosts})

Handlers run inside moderation's transaction, in registration order (INSTALLED_APPS), and
broadcast with `transaction.on_commit` like any service.
"""

from collections.abc import Callable

MUTE = "mute"  # handler(persona, until): may not post or send in the persona's space until then
REMOVE = "remove"  # handler(persona, until=None): out of the space, open sockets closed
# Undone on appeal: the mute that was to end at `until` is lifted (a later one stays); a
# removed persona is a member of its space again.
UNMUTE = "unmute"
READMIT = "readmit"

_handlers: dict[str, dict[str, Callable]] = {MUTE: {}, REMOVE: {}, UNMUTE: {}, READMIT: {}}
_hosts: dict[str, Callable] = {}


def register(action: str, handler: Callable) -> Callable:
    if action not in _handlers:
        raise ValueError(f"Unknown sanction {action!r}.")
    _handlers[action][f"{handler.__module__}.{handler.__qualname__}"] = handler
    return handler


def apply(action: str, *, persona, until=None) -> None:
    for handler in _handlers[action].values():
        handler(persona, until)


def register_hosts(hosted_by: Callable) -> Callable:
    """`hosted_by(account)` -> the pks of the spaces `account` moderates as a host (one query)."""
    _hosts[f"{hosted_by.__module__}.{hosted_by.__qualname__}"] = hosted_by
    return hosted_by


def hosted_space_ids(account) -> frozenset[int]:
    found: set[int] = set()
    for hosted_by in _hosts.values():
        found.update(hosted_by(account))
    return frozenset(found)
