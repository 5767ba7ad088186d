"""Reads for live chat: sessions for the group page, and messages as protocol frames.

Message payloads are exactly DESIGN.md §5's frames, built from the persona of this group
only: `{"type": "message", "id", "client_id", "author": {"persona", "name"}, "body_html",
"content_warning", "created"}`. A removed message appears in history as its removal frame,
`{"type": "message.removed", "id"}`, so a client backfilling with `since` learns of removals
it missed and keeps ids in order.

Blocks (DESIGN.md §2): for a viewer who blocked the author in this group, the frame carries one
more key, `"hidden_by_block": true`, and is otherwise unchanged (the client folds it as
"hidden: you blocked this person", with a way to show it). The key is absent for everyone
else, so the frame built once per message for the broadcast is the §5 frame itself, and the
consumer adds the key only on the copies for blockers.
"""

from datetime import datetime

from django.db.models import Q, QuerySet

from chat import policies
from chat.access import blocked_persona_ids
from chat.app_settings import app_settings
from chat.models import ChatSession, Message, QuietRoomRequest, Room
from community.models import Persona
from groups.models import Group
from groups.people import people_path_prefix, person_path


def message_frame(message: Message) -> dict:
    """The broadcast frame for `message`: persona-only, JSON-ready, the same for everyone."""
    if message.removed_at is not None or message.hidden_at is not None:
        return {"type": "message.removed", "id": message.pk}
    return {
        "type": "message",
        "id": message.pk,
        "client_id": str(message.client_id),
        "author": {"persona": message.author.public_id, "name": message.author.display_name},
        "body_html": message.body_html,
        "content_warning": message.content_warning,
        "created": message.created.isoformat(),
    }


def frame_for_viewer(frame: dict, author_id: int, blocked: frozenset[int]) -> dict:
    """`frame` as seen by a viewer who blocked `blocked` personas (see the module docstring)."""
    if frame["type"] == "message" and author_id in blocked:
        return {**frame, "hidden_by_block": True}
    return frame


def _frames(messages, blocked: frozenset[int]) -> list[dict]:
    return [
        frame_for_viewer(message_frame(message), message.author_id, blocked) for message in messages
    ]


def _messages_of(room: Room) -> QuerySet[Message]:
    return Message.objects.filter(room=room).select_related("author")


def _blocked_for(room: Room, viewer, blocked: frozenset[int] | None) -> frozenset[int]:
    """`blocked` when the caller loaded it already (the consumer, at connect), else one query."""
    if blocked is not None:
        return blocked
    return blocked_persona_ids(viewer, room) if viewer is not None else frozenset()


def recent_messages(
    room: Room, viewer=None, limit: int | None = None, *, blocked: frozenset[int] | None = None
) -> list[dict]:
    """The newest `limit` messages (CHAT_HISTORY_PAGE_SIZE), oldest first, as `viewer` (an
    account) sees them: one query, plus one for the viewer's blocks unless `blocked` is given.
    """
    limit = limit or app_settings.HISTORY_PAGE_SIZE
    blocked = _blocked_for(room, viewer, blocked)
    newest = list(_messages_of(room).order_by("-pk")[:limit])
    return _frames(reversed(newest), blocked)


def messages_since(
    room: Room, message_id: int, viewer=None, *, blocked: frozenset[int] | None = None
) -> list[dict]:
    """Every message after `message_id`, oldest first: a reconnecting client's backfill.

    Removals of earlier messages (by a host, or hidden by a moderator) come first (among the
    newest CHAT_TRANSCRIPT_MAX_MESSAGES at or before `message_id`), so a client that was away
    when a host removed something it still shows drops it too.
    """
    blocked = _blocked_for(room, viewer, blocked)
    removed = (
        Message.objects.filter(room=room, pk__lte=message_id)
        .filter(Q(removed_at__isnull=False) | Q(hidden_at__isnull=False))
        .order_by("-pk")
        .values_list("pk", flat=True)[: app_settings.TRANSCRIPT_MAX_MESSAGES]
    )
    removals = [{"type": "message.removed", "id": pk} for pk in sorted(removed)]
    later = _messages_of(room).filter(pk__gt=message_id).order_by("pk")
    return removals + _frames(later, blocked)


def messages_before(
    room: Room,
    message_id: int,
    limit: int | None = None,
    viewer=None,
    *,
    blocked: frozenset[int] | None = None,
) -> list[dict]:
    """The `limit` messages just before `message_id`, oldest first: one page of history."""
    limit = limit or app_settings.HISTORY_PAGE_SIZE
    blocked = _blocked_for(room, viewer, blocked)
    older = list(_messages_of(room).filter(pk__lt=message_id).order_by("-pk")[:limit])
    return _frames(reversed(older), blocked)


def transcript_of(room: Room) -> list[Message]:
    """The newest CHAT_TRANSCRIPT_MAX_MESSAGES messages, oldest first, authors loaded: one
    query, for the read-only transcript on the session page."""
    newest = list(_messages_of(room).order_by("-pk")[: app_settings.TRANSCRIPT_MAX_MESSAGES])
    newest.reverse()
    return newest


def room_on_page(viewer, room: Room, membership, now: datetime) -> dict:
    """What a page needs to show `room` through `chat/_room.html`: the live room (chat.js)
    while it is live, and the read-only transcript (shown without JavaScript, and once the
    room is read-only), with messages of personas the viewer blocked in this space folded.

    `membership` is what `chat.access.access_room` returned with the room (a group
    membership, or another app's `Participant`). Chat's session page uses this, and so can
    the page of another app's room (`chat.room_kinds`). Two queries: blocks and transcript.
    """
    blocked = blocked_persona_ids(viewer, room)
    transcript = transcript_of(room)
    # Names in a group's rooms link to their page in the group; other spaces' rooms have none.
    people = people_path_prefix(room.group) if room.group_id else None
    for message in transcript:
        message.is_hidden_by_block = message.author_id in blocked
        message.is_own = message.author_id == membership.persona_id
        message.author_url = person_path(people, message.author) if people else ""
    return {
        "room": room,
        "viewer": membership.persona,
        "transcript": transcript,
        "is_live": policies.room_is_live(room, now),
        # The live room's limits, so the page states them and chat.js keeps to them.
        "chat_limits": app_settings,
    }


def sessions_for_group_page(group: Group, now: datetime) -> list[ChatSession]:
    """Live and upcoming sessions, soonest first (at most CHAT_UPCOMING_SESSIONS_SHOWN): one
    query. Cancelled and ended ones are not listed."""
    return list(
        ChatSession.objects.filter(
            room__group=group, ends_at__gt=now, ended_at__isnull=True, cancelled_at__isnull=True
        )
        .select_related("room")
        .order_by("starts_at")[: app_settings.UPCOMING_SESSIONS_SHOWN]
    )


def pending_quiet_room_requests(session: ChatSession) -> list[QuietRoomRequest]:
    """For the hosts' controls on the session page."""
    return list(
        session.quiet_room_requests.filter(status=QuietRoomRequest.Status.PENDING)
        .select_related("requester")
        .order_by("created")
    )


def quiet_room_request_of(persona: Persona, session: ChatSession) -> QuietRoomRequest | None:
    """The member's latest request in this session (their own, to show its state)."""
    return (
        session.quiet_room_requests.filter(requester=persona)
        .select_related("room")
        .order_by("-created")
        .first()
    )
