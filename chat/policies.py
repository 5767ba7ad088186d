"""Who may do what in chat, and when a room is live: plain questions, answered without queries.

`membership` is the viewer's active membership in the room's group as `chat.access` returns
it (None or inactive means "not a member"). Hosts are the group's hosts (`groups.policies`);
staff have no bypass inside a group, as in groups. Services ask these and raise NotAllowed;
views show their answers and never re-derive them.
"""

from datetime import datetime

from chat.models import ChatSession, Message, Room
from groups import policies as group_policies
from groups.models import Group, Membership


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
    """A quiet room lives and closes with the session it was asked for in."""
    return is_live(room.live_session, now)


def is_in_room(membership: Membership | None, room: Room) -> bool:
    """Members of the room's group; for a quiet room, only its two personas."""
    if not group_policies.is_active_member(membership) or membership.group_id != room.group_id:
        return False
    if room.kind == Room.Kind.QUIET:
        return membership.persona_id in (room.quiet_host_id, room.quiet_member_id)
    return True


def can_schedule(membership: Membership | None, group: Group) -> bool:
    return group_policies.is_host(membership) and membership.group_id == group.pk


def can_host(membership: Membership | None, session: ChatSession) -> bool:
    """Open, end, edit and cancel a session, remove messages, mute, decide quiet rooms: the
    group's hosts (any of them, so a session survives its host being away)."""
    return group_policies.is_host(membership) and membership.group_id == session.room.group_id


def can_edit_session(membership: Membership | None, session: ChatSession, now: datetime) -> bool:
    return can_host(membership, session) and not has_finished(session, now)


def can_open(membership: Membership | None, session: ChatSession, now: datetime) -> bool:
    return (
        can_host(membership, session)
        and not has_finished(session, now)
        and session.opened_at is None
        and not is_live(session, now)
    )


def can_end(membership: Membership | None, session: ChatSession, now: datetime) -> bool:
    return can_host(membership, session) and is_live(session, now)


def can_send(membership: Membership | None, room: Room, now: datetime, *, is_muted: bool) -> bool:
    return is_in_room(membership, room) and room_is_live(room, now) and not is_muted


def can_remove_message(membership: Membership | None, message: Message) -> bool:
    return (
        group_policies.is_host(membership)
        and membership.group_id == message.room.group_id
        and message.removed_at is None
        and message.hidden_at is None
    )


def can_request_quiet_room(
    membership: Membership | None, session: ChatSession, now: datetime
) -> bool:
    """Members (not hosts: they are the ones asked) while the session is live."""
    return (
        group_policies.is_active_member(membership)
        and membership.group_id == session.room.group_id
        and not group_policies.is_host(membership)
        and is_live(session, now)
    )
