"""Where stored changes will reach open sockets: hooks the services call on commit.

The services call these through `transaction.on_commit`, so a message is stored before anyone
could be told of it, and a rolled-back write never reaches a socket (DESIGN.md §5). For now
nothing is connected to tell: the WebSocket consumer (the second half of issue #10) fills
these in with one `group_send` to `room.<public_id>` each, building the persona-only payload
once (`chat.selectors.message_frame`). Until then they do nothing, on purpose.
"""

from chat.models import ChatSession, Message, Mute


def message_stored(message: Message) -> None:
    """A new message is stored: send its frame to the room. No-op until the consumer."""


def message_removed(message: Message) -> None:
    """A host removed a message: send `{"type": "message.removed", "id": ...}`. No-op for now."""


def participant_muted(mute: Mute) -> None:
    """A persona was muted in a room: tell its sockets. No-op for now."""


def session_ended(session: ChatSession) -> None:
    """The session ended: send `{"type": "session.ended"}` to it and its quiet rooms. No-op."""
