"""The chat part of a member's data export, registered with community.exports."""

from typing import Any

from chat.models import ChatSession, Message, QuietRoomRequest
from chat.room_kinds import room_kind
from community import exports
from community.models import Account


def _where(message: Message) -> dict[str, str]:
    """The group it was written in, or (another app's room) the label of its kind: a space's
    name may hold the other person's persona name, which is not the member's data."""
    room = message.room
    if room.group is not None:
        return {"group": room.group.name}
    registered = room_kind(room.kind)
    return {"space": registered.label if registered is not None else room.kind}


@exports.register
def export_for(account: Account) -> dict[str, Any]:
    """What `account` wrote in chat, under the persona it used in each space: its messages
    (source text as written), the sessions it scheduled, its quiet-room requests. Nothing of
    anyone else, so no other persona's name."""
    personas = account.personas.all()
    messages = (
        Message.objects.filter(author__in=personas)
        .select_related("room__group", "author")
        .order_by("pk")
    )
    return {
        "chat_messages": [
            {
                **_where(message),
                "as": message.author.name,
                "body": message.body,
                "content_warning": message.content_warning,
                "created": message.created.isoformat(timespec="seconds"),
                "removed_by_host": message.removed_at is not None,
            }
            for message in messages
        ],
        "chat_sessions_hosted": [
            {
                "group": session.room.group.name,
                "as": session.host.name,
                "title": session.title,
                "starts_at": session.starts_at.isoformat(timespec="minutes"),
                "ends_at": session.ends_at.isoformat(timespec="minutes"),
            }
            for session in ChatSession.objects.filter(host__in=personas).select_related(
                "room__group", "host"
            )
        ],
        "chat_quiet_room_requests": [
            {
                "session": request.session.title,
                "status": request.status,
                "created": request.created.isoformat(timespec="seconds"),
            }
            for request in QuietRoomRequest.objects.filter(requester__in=personas).select_related(
                "session"
            )
        ],
    }
