"""One door per kind of object inside chat, beside `groups.access` (DESIGN.md §4).

`access_room` and `access_message` return the object and the viewer's active membership in
the room's group, or raise Http404: for a visitor, a non-member (staff included), a pending
applicant, a member who left or was removed, an unknown id, an id reached through another
group's URL, and, for a quiet room, anyone but its two personas. Views, flags and (later) the
consumer all come through here, so the rule is written once (`chat.policies.is_in_room`).

Blocks never close a door: a blocked persona's messages are folded for the blocker
(`hidden_by_block` in `chat.selectors`), never refused.
"""

from django.http import Http404

from chat import policies
from chat.models import Message, Room
from community import access as space_access
from groups.models import Membership

ROOM_RELATIONS = ("group", "chat_session__host", "session__room", "quiet_host", "quiet_member")


def _membership_in(viewer, room: Room) -> Membership:
    """The viewer's membership in the room's group, if the room is theirs to read; else 404."""
    if not viewer.is_authenticated:
        raise Http404
    standing = space_access.standing_in(viewer, room.group.space_id, related=["membership"])
    try:
        membership = standing.persona.membership if standing.persona else None
    except Membership.DoesNotExist:  # a persona of this space that never joined
        membership = None
    if not policies.is_in_room(membership, room):
        raise Http404
    membership.group = room.group  # already loaded; saves a query wherever it is used
    return membership


def _room_or_404(rooms) -> Room:
    room = rooms.select_related(*ROOM_RELATIONS).first()
    if room is None:
        raise Http404
    return room


def access_room(viewer, room_public_id: str, group: str | None = None) -> tuple[Room, Membership]:
    """The room and the viewer's membership; `group` is the slug from the URL, if any.

    Two queries: the room (with its group and session) and the viewer's persona there.
    """
    rooms = Room.objects.filter(public_id=room_public_id)
    if group is not None:
        rooms = rooms.filter(group__slug=group)
    room = _room_or_404(rooms)
    return room, _membership_in(viewer, room)


def access_message(
    viewer, message_id: int | str, room: Room | None = None
) -> tuple[Message, Membership]:
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
    """Personas of the room's group the viewer blocked (there, and so nowhere else)."""
    return space_access.blocked_persona_ids(viewer, room.group.space_id)
