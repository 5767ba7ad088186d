"""Chat messages as a flag target, registered into `community.flagging`.

Found through `chat.access`, so a flag follows the room's rule: members of the group (for a
quiet room, its two personas), 404 otherwise. The flag URL carries the message's id, the same
number frames carry (DESIGN.md §5). A removed message has no words left to flag.
"""

from django.http import Http404
from django.utils import timezone

from chat.access import access_message
from chat.models import Message
from community.flagging import TargetKind, register
from community.text import isolate


def snapshot_message(message: Message) -> dict:
    room = message.room
    session = room.live_session
    return {
        "kind": "message",
        "id": message.pk,
        # The persona of this space only: moderators act through it, never see the account.
        "author": {"persona": message.author.public_id, "name": message.author.display_name},
        "body": message.body,
        "body_html": message.body_html,
        "content_warning": message.content_warning,
        "group": {"name": room.group.name, "slug": room.group.slug},
        "room": {"public_id": room.public_id, "kind": room.kind, "session": session.title},
        "url": f"{room.get_absolute_url()}#message-{message.pk}",
        "created": message.created.isoformat(),
        "taken": timezone.now().isoformat(),
    }


def find_message(account, message_id: str) -> Message:
    """The message, if `account` may see it and it still has words; 404 otherwise."""
    message, _membership = access_message(account, message_id)
    if message.removed_at is not None:
        raise Http404
    return message


def _can_flag(account, message: Message) -> bool:
    try:
        find_message(account, message.pk)
    except Http404:
        return False
    return True


register(
    TargetKind(
        name="message",
        model=Message,
        find=find_message,
        can_flag=_can_flag,
        space_of=lambda message: message.room.group.space,
        snapshot=snapshot_message,
        describe=lambda message: f"a chat message in {isolate(message.room.group.name)}",
    )
)
