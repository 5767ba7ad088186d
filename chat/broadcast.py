"""Where stored changes reach open sockets: hooks the services call on commit.

The services call these through `transaction.on_commit`, so a message is stored before anyone
could be told of it, and a rolled-back write never reaches a socket (DESIGN.md §5). Each builds
its frame once, serializes it once, and makes one `group_send` (`chat.realtime`); the
consumers only forward the text, adding nothing but the blocker's fold.

The listeners at the bottom close sockets when access ends elsewhere (community and groups
announce it by signal, since they cannot import chat); `ChatConfig.ready()` connects them.
"""

from django.db import transaction

from chat import realtime, selectors
from chat.models import ChatSession, Message, Mute, Room


def message_stored(message: Message) -> bool:
    """Send the new message's frame to its room; whether the layer took it."""
    frame = selectors.message_frame(message)
    event = {
        "type": "chat.message",
        "id": message.pk,
        "author": message.author.public_id,
        "text": realtime.frame_text(frame),
    }
    return realtime.send(realtime.room_group(message.room.public_id), event)


def message_restored(message: Message) -> bool:
    """A hidden message shown again (an appeal overturned the hide): its ordinary `message`
    frame, sent again (DESIGN.md §5 has no other frame for it). The event says it is a
    restoration, so the consumers forward it even to sockets that were sent it before it was
    hidden, which they would otherwise skip as a duplicate; the client puts it back in its
    place by id."""
    frame = selectors.message_frame(message)
    if frame["type"] != "message":  # deleted or hidden again since: nothing to show
        return True
    event = {
        "type": "chat.message",
        "id": message.pk,
        "author": message.author.public_id,
        "text": realtime.frame_text(frame),
        "restored": True,
    }
    return realtime.send(realtime.room_group(message.room.public_id), event)


def message_removed(message: Message) -> bool:
    frame = {"type": "message.removed", "id": message.pk}
    event = {"type": "chat.forward", "text": realtime.frame_text(frame)}
    return realtime.send(realtime.room_group(message.room.public_id), event)


def participant_muted(mute: Mute) -> bool:
    """Tell the muted persona's sockets in that room, and close them (4006)."""
    until = mute.until.strftime("%H:%M UTC")
    event = realtime.close_event(
        realtime.MUTED,
        f"A host muted you in this room until {until}. You can still read.",
        error="muted",
        room=mute.room.public_id,
    )
    return realtime.send(realtime.persona_group(mute.persona.public_id), event)


def session_ended(session: ChatSession) -> None:
    """`session.ended` to the session's room and its quiet rooms (which close with it)."""
    event = {"type": "chat.ended", "text": realtime.frame_text({"type": "session.ended"})}
    realtime.send(realtime.room_group(session.room.public_id), event)
    for room_public_id in session.quiet_rooms.values_list("public_id", flat=True):
        realtime.send(realtime.room_group(room_public_id), event)


def room_ended(room: Room, *, code: int, detail: str) -> bool:
    """Close every socket of another app's room whose space ended (`services.end_room`)."""
    event = realtime.close_event(
        code, detail, error=realtime.CLOSE_ERRORS[code], room=room.public_id
    )
    return realtime.send(realtime.room_group(room.public_id), event)


# Listeners (community.signals, groups.signals)


def close_ended_sessions(sender, session_keys, **kwargs) -> None:
    event = realtime.close_event(realtime.SIGNED_OUT, "You were signed out.", error="signed_out")
    for key in session_keys:
        realtime.send(realtime.session_group(key), event)


def close_signed_out_account(sender, account_id, except_session_key, **kwargs) -> None:
    event = realtime.close_event(
        realtime.SIGNED_OUT,
        "You were signed out.",
        error="signed_out",
        keep=realtime.session_tag(except_session_key),
    )
    realtime.send(realtime.account_group(account_id), event)


def reload_blocks(sender, account_id, **kwargs) -> None:
    realtime.send(realtime.account_group(account_id), {"type": "chat.blocks"})


def close_ended_membership(sender, membership, **kwargs) -> None:
    event = realtime.close_event(
        realtime.MEMBERSHIP_ENDED,
        "You are no longer a member of this group.",
        error="membership_ended",
    )
    realtime.send(realtime.persona_group(membership.persona.public_id), event)


def close_renamed_persona(sender, persona_public_id, **kwargs) -> None:
    """The persona's sockets were opened under its old name (their hello, their typing
    frames): they close and reconnect under the new one (4010)."""
    event = realtime.close_event(
        realtime.NAME_CHANGED,
        "A moderator changed your name in this group. Reconnecting under the new name.",
        error="name_changed",
    )
    realtime.send(realtime.persona_group(persona_public_id), event)


def close_deactivated_account(sender, instance, update_fields=None, **kwargs) -> None:
    """An account switched off (staff's `is_active`, moderation's suspensions and bans) loses
    its open sockets at once; its sessions already stop authenticating."""
    if instance.is_active or (update_fields is not None and "is_active" not in update_fields):
        return
    event = realtime.close_event(
        realtime.ACCOUNT_SUSPENDED,
        "Your account is suspended, so you can't take part for now.",
        error="account_suspended",
    )
    group = realtime.account_group(instance.pk)
    transaction.on_commit(lambda: realtime.send(group, event))


def close_suspended_account(sender, account_id, detail, **kwargs) -> None:
    """Moderation suspended or banned the account: the same close as a switched-off account
    (4007), with the sentence saying until when."""
    event = realtime.close_event(realtime.ACCOUNT_SUSPENDED, detail, error="account_suspended")
    realtime.send(realtime.account_group(account_id), event)


def connect_listeners() -> None:
    from django.db.models.signals import post_save

    from community import signals as community_signals
    from community.models import Account
    from groups import signals as group_signals

    post_save.connect(close_deactivated_account, sender=Account)

    community_signals.sessions_ended.connect(close_ended_sessions)
    community_signals.signed_out_everywhere.connect(close_signed_out_account)
    community_signals.blocks_changed.connect(reload_blocks)
    community_signals.account_suspended.connect(close_suspended_account)
    community_signals.persona_renamed.connect(close_renamed_persona)
    group_signals.membership_ended.connect(close_ended_membership)
