"""The chat part of a member's data export, registered with community.exports."""

from typing import Any

from chat.models import ChatSession, Message, QuietRoomRequest
from community import exports
from community.models import Account


@exports.register
def export_for(account: Account) -> dict[str, Any]:
    """What `account` wrote in chat, under the persona it used in each group: its messages
    (source text as written), the sessions it scheduled, its quiet-room requests. Nothing of
    anyone else, so no other persona's name."""
    personas = account.personas.all()
    return {
        "chat_messages": [
            {
                "group": message.room.group.name,
                "as": message.author.name,
                "body": message.body,
                "content_warning": message.content_warning,
                "created": message.created.isoformat(timespec="seconds"),
                "removed_by_host": message.removed_at is not None,
            }
            for message in Message.objects.filter(author__in=personas)
            .select_related("room__group", "author")
            .order_by("pk")
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
