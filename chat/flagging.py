"""Chat messages as a flag target, registered into `community.flagging`.

Found through `chat.access`, so a flag follows the room's rule: members of the group (for a
quiet room, its two personas; for another app's room, whom that app lets in), 404 otherwise.
The flag URL carries the message's id, the same number frames carry (DESIGN.md §5). A removed
message has no words left to flag.
"""

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from chat import broadcast, realtime
from chat.access import access_message
from chat.models import Message, Mute, Room
from chat.room_kinds import room_kind
from community import sanctions
from community.flagging import TargetKind, register
from community.models import Persona
from community.spaces import names_of_spaces
from community.text import isolate

# Messages shown around a flagged message on the review page, before and after it.
CONTEXT_MESSAGES = 5


def _room_title(room: Room) -> str:
    """The session's title, or the label of another app's kind of room."""
    if room.live_session is not None:
        return room.live_session.title
    registered = room_kind(room.kind)
    return registered.label if registered is not None else ""


def snapshot_message(message: Message) -> dict:
    room = message.room
    snapshot = {
        "kind": "message",
        "id": message.pk,
        # The persona of this space only: moderators act through it, never see the account.
        "author": {"persona": message.author.public_id, "name": message.author.display_name},
        "body": message.body,
        "body_html": message.body_html,
        "content_warning": message.content_warning,
        "room": {"public_id": room.public_id, "kind": room.kind, "session": _room_title(room)},
        "url": f"{room.get_absolute_url()}#message-{message.pk}",
        "created": message.created.isoformat(),
        "taken": timezone.now().isoformat(),
    }
    if room.group is not None:  # another app's room has none: its space names it
        snapshot["group"] = {"name": room.group.name, "slug": room.group.slug}
    return snapshot


def _where(message: Message) -> str:
    room = message.room
    if room.group is not None:
        return room.group.name
    return names_of_spaces([room.space]).get(room.space_id) or _room_title(room)


def find_message(account, message_id: str) -> Message:
    """The message, if `account` may see it and it still has words; 404 otherwise."""
    message, _membership = access_message(account, message_id)
    if message.removed_at is not None or message.hidden_at is not None:
        raise Http404
    return message


def hide_message(message: Message) -> None:
    """Gone from the room for everyone (a removal frame, live and in history), kept for appeal."""
    message.hidden_at = timezone.now()
    message.save(update_fields=["hidden_at"])
    transaction.on_commit(lambda: broadcast.message_removed(message))


def delete_message(message: Message) -> None:
    message.removed_at = timezone.now()
    message.body = message.body_html = message.content_warning = ""
    message.save(update_fields=["removed_at", "body", "body_html", "content_warning"])
    transaction.on_commit(lambda: broadcast.message_removed(message))


def unhide_message(message: Message) -> None:
    """An overturned hide: back in the room's history, and in the rooms open now (its
    `message` frame again, which the client puts back in its place by id)."""
    message.hidden_at = None
    message.save(update_fields=["hidden_at"])
    transaction.on_commit(lambda: broadcast.message_restored(message))


def live_message(message: Message) -> dict | None:
    return None if message.removed_at is not None else snapshot_message(message)


def context_of_message(message: Message) -> list[dict]:
    messages = Message.objects.filter(room_id=message.room_id).select_related("author")
    before = list(messages.filter(pk__lt=message.pk).order_by("-pk")[:CONTEXT_MESSAGES])
    after = list(messages.filter(pk__gt=message.pk).order_by("pk")[:CONTEXT_MESSAGES])
    return [
        {
            "name": other.author.display_name,
            "body_html": "" if other.removed_at else other.body_html,
            "gone": "deleted" if other.removed_at else ("hidden" if other.hidden_at else ""),
            "is_target": other.pk == message.pk,
        }
        for other in [*reversed(before), message, *after]
    ]


def mute_in_rooms(persona: Persona, until) -> None:
    """A moderator's mute in a space reaches every room of it (a group's, or another app's
    room there): no sending until `until`."""
    rooms = list(Room.objects.filter(space_id=persona.space_id))
    Mute.objects.bulk_create([Mute(room=room, persona=persona, until=until) for room in rooms])
    if not rooms:
        return
    where = "group" if rooms[0].is_group_room else "room"
    event = realtime.close_event(
        realtime.MUTED,
        f"A moderator muted you in this {where} until {until:%H:%M UTC, %d %B}. You can still "
        "read; your notifications say why.",
        error="muted",
    )
    group_name = realtime.persona_group(persona.public_id)
    transaction.on_commit(lambda: realtime.send(group_name, event))


def unmute_in_rooms(persona: Persona, until) -> None:
    """An overturned moderator's mute: its rows (no `muted_by`, ending at `until`) go; a
    host's own mutes stay."""
    Mute.objects.filter(
        persona=persona, room__space_id=persona.space_id, muted_by__isnull=True, until=until
    ).delete()


sanctions.register(sanctions.MUTE, mute_in_rooms)
sanctions.register(sanctions.UNMUTE, unmute_in_rooms)


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
        space_of=lambda message: message.room.space,
        snapshot=snapshot_message,
        describe=lambda message: f"a chat message in {isolate(_where(message))}",
        hide=hide_message,
        delete=delete_message,
        unhide=unhide_message,
        live=live_message,
        context=context_of_message,
        noun="chat message",
    )
)
