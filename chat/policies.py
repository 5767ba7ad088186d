"""Who may do what in chat, and when a room is live: plain questions, answered without queries.

`membership` is the viewer's active membership in the room's group as `chat.access` returns
it (None or inactive means "not a member"). Hosts are the group's hosts (`groups.policies`);
staff have no bypass inside a group, as in groups. Services ask these and raise NotAllowed;
views show their answers and never re-derive them.

In a room of another app's space (`chat.room_kinds`) the viewer is a `Participant` instead:
the owning app decides who that is and whether the room is live; nobody hosts such a room.
"""

from datetime import datetime

from chat.models import ChatSession, Message, Room
from chat.room_kinds import Participant, room_kind
from groups import policies as group_policies
from groups.models import Group, Membership

Viewer = Membership | Participant | None


def _hosts_group(membership: Viewer, group_id: int | None) -> bool:
    """A host of group `group_id` (a participant of another app's room never is)."""
    return (
        isinstance(membership, Membership)
        and group_policies.is_host(membership)
        and membership.group_id == group_id
    )


def is_live(session: ChatSession, now: datetime) -> bool:
    """Open for messages: not ended or cancelled, before its end time, and either opened by
    the host or past its start time (a session opens by itself when it starts)."""
    if session.ended_at is not None or session.cancelled_at is not None:
        return False
    if now >= session.ends_at:
        return False
    return session.opened_at is not None or now >= session.starts_at


def has_finished(session: ChatSession, now: datetime) -> bool:
    """Ended by the host, cancelled, or past its end time: read-only for good."""
    return (
        session.ended_at is not None or session.cancelled_at is not None or now >= session.ends_at
    )


def room_is_live(room: Room, now: datetime) -> bool:
    """A quiet room lives and closes with the session it was asked for in; another app's
    room is live when that app says so (never, once the app is no longer installed)."""
    if not room.is_group_room:
        registered = room_kind(room.kind)
        return registered is not None and registered.is_live(room, now)
    return is_live(room.live_session, now)


def is_in_room(membership: Viewer, room: Room) -> bool:
    """Members of the room's group; for a quiet room, only its two personas; for another
    app's room, the persona of its space that app's `access` named."""
    if not room.is_group_room:
        return isinstance(membership, Participant) and membership.persona.space_id == room.space_id
    if not isinstance(membership, Membership):
        return False
    if not group_policies.is_active_member(membership) or membership.group_id != room.group_id:
        return False
    if room.kind == Room.Kind.QUIET:
        return membership.persona_id in (room.quiet_host_id, room.quiet_member_id)
    return True


def can_schedule(membership: Viewer, group: Group) -> bool:
    return _hosts_group(membership, group.pk)


def can_host(membership: Viewer, session: ChatSession | None) -> bool:
    """Open, end, edit and cancel a session, remove messages, mute, decide quiet rooms: the
    group's hosts (any of them, so a session survives its host being away). Without a
    session (another app's room) nobody hosts."""
    return session is not None and _hosts_group(membership, session.room.group_id)


def can_host_room(membership: Viewer, room: Room) -> bool:
    """Host controls in `room`: those of the session it follows, if it has one."""
    return can_host(membership, room.live_session)


def can_edit_session(membership: Viewer, session: ChatSession, now: datetime) -> bool:
    return can_host(membership, session) and not has_finished(session, now)


def can_open(membership: Viewer, session: ChatSession, now: datetime) -> bool:
    return (
        can_host(membership, session)
        and not has_finished(session, now)
        and session.opened_at is None
        and not is_live(session, now)
    )


def can_end(membership: Viewer, session: ChatSession | None, now: datetime) -> bool:
    return can_host(membership, session) and is_live(session, now)


def can_send(membership: Viewer, room: Room, now: datetime, *, is_muted: bool) -> bool:
    return is_in_room(membership, room) and room_is_live(room, now) and not is_muted


def can_remove_message(membership: Viewer, message: Message) -> bool:
    """A group's hosts, in its rooms. Nobody in another app's room: members cannot remove
    even their own messages anywhere in chat, and such rooms have no hosts."""
    return (
        message.room.is_group_room
        and _hosts_group(membership, message.room.group_id)
        and message.removed_at is None
        and message.hidden_at is None
    )


def can_request_quiet_room(membership: Viewer, session: ChatSession, now: datetime) -> bool:
    """Members (not hosts: they are the ones asked) while the session is live."""
    return (
        isinstance(membership, Membership)
        and group_policies.is_active_member(membership)
        and membership.group_id == session.room.group_id
        and not group_policies.is_host(membership)
        and is_live(session, now)
    )
