"""One door per kind of object inside chat, beside `groups.access` (DESIGN.md §4).

`access_room` and `access_message` return the object and the viewer's active membership in
the room's group, or raise Http404: for a visitor, a non-member (staff included), a pending
applicant, a member who left or was removed, an unknown id, an id reached through another
group's URL, and, for a quiet room, anyone but its two personas. Views, flags and the
consumer all come through here, so the rule is written once (`chat.policies.is_in_room`).

A room of another app's space (`chat.room_kinds`) has no group: there the owning app's
`access` names the viewer's persona, returned as a `Participant` where a membership would be,
and None is the same 404 (an unknown id, a kind no installed app registers).

Blocks never close a door: a blocked persona's messages are folded for the blocker
(`hidden_by_block` in `chat.selectors`), never refused.
"""

from django.http import Http404

from chat import policies
from chat.models import Message, Room
from chat.room_kinds import Participant, room_kind
from community import access as space_access
from groups.models import Membership

ROOM_RELATIONS = (
    "space",
    "group",
    "chat_session__host",
    "session__room",
    "quiet_host",
    "quiet_member",
)


def _membership_in(viewer, room: Room) -> Membership | Participant:
    """The viewer's membership in the room's group (or, in another app's room, its place
    there), if the room is theirs to read; else 404."""
    if not viewer.is_authenticated:
        raise Http404
    if not room.is_group_room:
        return _participant_in(viewer, room)
    standing = space_access.standing_in(viewer, room.space_id, related=["membership"])
    try:
        membership = standing.persona.membership if standing.persona else None
    except Membership.DoesNotExist:  # a persona of this space that never joined
        membership = None
    if not policies.is_in_room(membership, room):
        raise Http404
    membership.group = room.group  # already loaded; saves a query wherever it is used
    return membership


def _participant_in(viewer, room: Room) -> Participant:
    registered = room_kind(room.kind)
    persona = registered.access(viewer, room) if registered is not None else None
    # The owner's answer is checked, not trusted: its persona must be the viewer's, here.
    if persona is None or persona.account_id != viewer.pk:
        raise Http404
    participant = Participant(persona=persona)
    if not policies.is_in_room(participant, room):
        raise Http404
    return participant


def _room_or_404(rooms) -> Room:
    room = rooms.select_related(*ROOM_RELATIONS).first()
    if room is None:
        raise Http404
    return room


def access_room(
    viewer, room_public_id: str, group: str | None = None
) -> tuple[Room, Membership | Participant]:
    """The room and the viewer's membership; `group` is the slug from the URL, if any (so
    another app's room, having no group, is 404 through a group's URL).

    Two queries for a group room: the room (with its group and session) and the viewer's
    persona there; another app's room costs what its `access` costs after the first.
    """
    rooms = Room.objects.filter(public_id=room_public_id)
    if group is not None:
        rooms = rooms.filter(group__slug=group)
    room = _room_or_404(rooms)
    return room, _membership_in(viewer, room)


def access_message(
    viewer, message_id: int | str, room: Room | None = None
) -> tuple[Message, Membership | Participant]:
    """The message (removed or not: callers decide) and the viewer's membership.

    `message_id` is the id of frames (DESIGN.md §5); a string that is not a number is 404.
    With `room`, a message of another room is 404 too.
    """
    try:
        number = int(message_id)
    except (TypeError, ValueError):
        raise Http404 from None
    messages = Message.objects.select_related("author").filter(pk=number)
    if room is not None:
        message = messages.filter(room=room).first()
        if message is None:
            raise Http404
        message.room = room
        return message, _membership_in(viewer, room)
    message = messages.select_related(*(f"room__{relation}" for relation in ROOM_RELATIONS)).first()
    if message is None:
        raise Http404
    return message, _membership_in(viewer, message.room)


def blocked_persona_ids(viewer, room: Room) -> frozenset[int]:
    """Personas of the room's space the viewer blocked (there, and so nowhere else)."""
    return space_access.blocked_persona_ids(viewer, room.space_id)
