"""How a held chat message is published when a moderator releases it, registered with
`community.screening`. A held message was never stored (so no socket, history or transcript
ever had it): it is stored now, with the next id of its room, and broadcast like any other."""

import uuid

from django.db import transaction

from chat import broadcast
from chat.models import Message, Room
from community.rendering import render_markdown
from community.screening import register_release


@transaction.atomic
def release_message(target, content: dict, author) -> Message | None:
    room = Room.objects.filter(public_id=content["room"]).first()
    if room is None or author is None:  # the room was purged, or the author erased
        return None
    client_id = uuid.UUID(content["client_id"]) if content.get("client_id") else uuid.uuid4()
    message, created = Message.objects.get_or_create(
        room=room,
        author=author,
        client_id=client_id,
        defaults={
            "body": content["body"],
            "body_html": render_markdown(content["body"]),
            "content_warning": content.get("content_warning", ""),
        },
    )
    if created:
        transaction.on_commit(lambda: broadcast.message_stored(message))
    return message


register_release("message", release_message)
