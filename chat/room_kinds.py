"""Rooms owned by another app: the kinds of room chat hosts for spaces that are not groups.

Group rooms (session and quiet rooms) are chat's own: a group's members are in them and its
hosts run them. Any other space (a mentorship, say) gets its room from the app that owns the
space, which cannot be imported here (imports run community <- groups <- chat <- mentoring).
So that app registers its kind of room from its `AppConfig.ready()`, and chat asks it:

    register_room_kind(
        "mentorship",
        label="Mentorship",
        access=persona_in_mentorship,        # (account, room) -> Persona | None
        is_live=mentorship_is_open,          # (room, now) -> bool
        url_of=mentorship_page,              # (room) -> str
        spaces_ended_before=ended_spaces,    # (moment) -> queryset of the ended spaces' pks
    )

then makes its rooms with `chat.services.open_room(space=..., kind="mentorship")` and, when
its space ends, closes their sockets with `chat.services.end_room(room)`.

- `access(account, room)`: the account's persona in `room.space`, or None. None is the same
  refusal as for an unknown room (404 on pages, close 4003 on the socket): nothing leaks.
  The persona must be of `room.space` and of that account; chat checks both again.
- `is_live(room, now)`: open for messages; otherwise read-only (history still readable to
  whoever `access` lets in).
- `url_of(room)`: the page that shows the room (flags link back to it).
- `spaces_ended_before(moment)`: the spaces of this kind whose owner ended before `moment`,
  as a queryset of their pks (a subquery: the purge stays one statement per batch). Their
  rooms' messages are purged CHAT_RETENTION_DAYS after that end.

Such a room has no hosts: nobody removes messages or mutes people in it, and it has no session
to end (those frames answer `not_allowed`); flags, blocks, presence, typing, history and the
retention purge work as in group rooms. The viewer in such a room is a `Participant`, which
stands where a group membership stands for group rooms.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ImproperlyConfigured

if TYPE_CHECKING:
    from chat.models import Room
    from community.models import Persona

# Chat's own kinds (chat.models.Room.Kind), which no other app may take.
GROUP_ROOM_KINDS = ("session", "quiet")
# The length of `Room.kind`.
MAX_KIND_LENGTH = 16


@dataclass(frozen=True)
class RoomKind:
    kind: str
    label: str
    access: Callable[..., "Persona | None"]
    is_live: Callable[["Room", datetime], bool]
    url_of: Callable[["Room"], str]
    spaces_ended_before: Callable[[datetime], object]


@dataclass(frozen=True)
class Participant:
    """The viewer in a room of a registered kind: its persona in the room's space, nothing
    more (no group, no role: such rooms have no hosts)."""

    persona: "Persona"

    @property
    def persona_id(self) -> int:
        return self.persona.pk


_kinds: dict[str, RoomKind] = {}


def register_room_kind(
    kind: str,
    *,
    label: str,
    access: Callable[..., "Persona | None"],
    is_live: Callable[["Room", datetime], bool],
    url_of: Callable[["Room"], str],
    spaces_ended_before: Callable[[datetime], object],
) -> RoomKind:
    if kind in GROUP_ROOM_KINDS or not kind or len(kind) > MAX_KIND_LENGTH:
        raise ImproperlyConfigured(
            f"Room kind {kind!r}: chat's own kinds are taken, and a kind has 1 to "
            f"{MAX_KIND_LENGTH} characters."
        )
    registered = RoomKind(
        kind=kind,
        label=label,
        access=access,
        is_live=is_live,
        url_of=url_of,
        spaces_ended_before=spaces_ended_before,
    )
    if _kinds.get(kind, registered) != registered:
        raise ImproperlyConfigured(f"Room kind {kind!r} is registered twice.")
    _kinds[kind] = registered
    return registered


def unregister_room_kind(kind: str) -> None:
    """Forget `kind` (tests that register one of their own)."""
    _kinds.pop(kind, None)


def room_kind(kind: str) -> RoomKind | None:
    """The registered kind, or None (a group room's kind, or an app no longer installed)."""
    return _kinds.get(kind)


def registered_room_kinds() -> list[RoomKind]:
    return list(_kinds.values())


def room_kind_choices() -> list[tuple[str, str]]:
    """For `Room.kind`: chat's own kinds, then every registered one."""
    from chat.models import Room  # here: the model's field names this function

    return [*Room.Kind.choices, *((kind.kind, kind.label) for kind in _kinds.values())]
