"""Writes for live chat: sessions, messages, mutes, quiet rooms, other apps' rooms, and the
retention purge.

Every acting persona is the account's persona in the room's space (`membership.persona`:
a group membership's, or in another app's room a `chat.room_kinds.Participant`'s); nothing
stored or broadcast leads back to the account or to its personas elsewhere. Rules are
`chat.policies`; a refusal is NotAllowed (shown as it is), bad input a ValidationError keyed
by field. The HTTP views and the WebSocket consumer call the same ones, so both paths enforce
one set of rules.
"""

import uuid
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from chat import broadcast, notification_kinds, policies, realtime
from chat.app_settings import app_settings
from chat.models import ChatSession, Message, Mute, QuietRoomRequest, Room
from chat.room_kinds import Participant, registered_room_kinds, room_kind
from community import limits, screening
from community.errors import NotAllowed
from community.models import Account, Persona, Space
from community.rendering import render_markdown
from community.services.notifications import notify
from community.submissions import create_once, earlier_submission
from community.text import check_length, clean_line, clean_multiline, isolate
from groups import policies as group_policies
from groups.models import Group, Membership


class Muted(NotAllowed):
    """A host muted the sender in this room; `until` says for how long."""

    def __init__(self, message: str, until: datetime | None = None):
        super().__init__(message)
        self.until = until


class ReadOnly(NotAllowed):
    """The room's session is not live: nothing can be sent."""


MESSAGE_RATE_MESSAGE = (
    "You're sending faster than this room allows ({rate}). Your message was not sent: wait a "
    "moment and send it again."
)
QUIET_ROOM_RATE_MESSAGE = "You've asked for quiet rooms often ({rate}). Please wait a while."


# Sessions


def _check_schedule(
    *, title: str, description: str, content_warning: str, starts_at, ends_at, capacity: int
) -> None:
    check_length(
        field="title", value=title, limit=app_settings.MAX_TITLE_CHARS, label="title", required=True
    )
    check_length(
        field="description",
        value=description,
        limit=app_settings.MAX_DESCRIPTION_CHARS,
        label="description",
        required=False,
    )
    check_length(
        field="content_warning",
        value=content_warning,
        limit=app_settings.MAX_CONTENT_WARNING_CHARS,
        label="content warning",
        required=False,
    )
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": "The end must be after the start."})
    longest = app_settings.MAX_SESSION_HOURS
    if ends_at - starts_at > timedelta(hours=longest):
        raise ValidationError({"ends_at": f"A session can last at most {longest} hours."})
    if ends_at <= timezone.now():
        raise ValidationError({"ends_at": "This end time has already passed."})
    if not 2 <= capacity <= app_settings.MAX_CAPACITY:
        raise ValidationError(
            {"capacity": f"The capacity must be between 2 and {app_settings.MAX_CAPACITY}."}
        )


@transaction.atomic
def schedule_session(
    *,
    membership: Membership | None,
    group: Group,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    capacity: int | None = None,
    description: str = "",
    content_warning: str = "",
    client_id: uuid.UUID | None = None,
) -> ChatSession:
    """A new session in `group`, hosted by the host's persona there, with its room.

    A resubmission of the form (`client_id`) returns the session it already made.
    """
    if not policies.can_schedule(membership, group):
        raise NotAllowed("Only the group's hosts can schedule sessions.")
    host = membership.persona
    earlier = earlier_submission(ChatSession, client_id=client_id, host=host)
    if earlier is not None:
        return earlier
    title, content_warning = clean_line(title), clean_line(content_warning)
    description = clean_multiline(description)
    capacity = app_settings.DEFAULT_CAPACITY if capacity is None else capacity
    _check_schedule(
        title=title,
        description=description,
        content_warning=content_warning,
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=capacity,
    )

    def make() -> ChatSession:
        room = Room.objects.create(space_id=group.space_id, group=group, kind=Room.Kind.SESSION)
        return ChatSession.objects.create(
            room=room,
            host=host,
            title=title,
            description=description,
            content_warning=content_warning,
            starts_at=starts_at,
            ends_at=ends_at,
            capacity=capacity,
            client_id=client_id,
        )

    session, _created = create_once(make, model=ChatSession, client_id=client_id, host=host)
    return session


@transaction.atomic
def edit_session(
    *,
    membership: Membership | None,
    session: ChatSession,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    capacity: int,
    description: str = "",
    content_warning: str = "",
) -> ChatSession:
    """Change a session that has not finished (any host of the group may)."""
    if not policies.can_edit_session(membership, session, timezone.now()):
        raise NotAllowed("This session can no longer be changed.")
    title, content_warning = clean_line(title), clean_line(content_warning)
    description = clean_multiline(description)
    _check_schedule(
        title=title,
        description=description,
        content_warning=content_warning,
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=capacity,
    )
    session.title, session.description, session.content_warning = (
        title,
        description,
        content_warning,
    )
    session.starts_at, session.ends_at, session.capacity = starts_at, ends_at, capacity
    session.save(
        update_fields=[
            "title",
            "description",
            "content_warning",
            "starts_at",
            "ends_at",
            "capacity",
        ]
    )
    return session


@transaction.atomic
def cancel_session(*, membership: Membership | None, session: ChatSession) -> ChatSession:
    """Call off a session that has not finished; a live one ends for everyone in it."""
    now = timezone.now()
    if not policies.can_edit_session(membership, session, now):
        raise NotAllowed("This session has already finished.")
    session.cancelled_at = now
    session.save(update_fields=["cancelled_at"])
    _close_quiet_room_requests(session)
    transaction.on_commit(lambda: broadcast.session_ended(session))
    return session


@transaction.atomic
def open_session(*, membership: Membership | None, session: ChatSession) -> ChatSession:
    """Open the room before its start time (at the start time it opens by itself)."""
    if not policies.can_open(membership, session, timezone.now()):
        raise NotAllowed("This session can't be opened now.")
    session.opened_at = timezone.now()
    session.save(update_fields=["opened_at"])
    return session


@transaction.atomic
def end_session(
    *, membership: Membership | Participant | None, session: ChatSession | None
) -> ChatSession:
    """End a live session now: its room and quiet rooms become read-only, waiting quiet-room
    requests close, and the retention period starts."""
    now = timezone.now()
    if not policies.can_end(membership, session, now):
        raise NotAllowed("Only a host can end a live session.")
    session.ended_at = now
    session.save(update_fields=["ended_at"])
    _close_quiet_room_requests(session)
    transaction.on_commit(lambda: broadcast.session_ended(session))
    return session


def _close_quiet_room_requests(session: ChatSession) -> None:
    session.quiet_room_requests.filter(status=QuietRoomRequest.Status.PENDING).update(
        status=QuietRoomRequest.Status.CLOSED, decided_at=timezone.now()
    )


# Messages


def muted_until(persona: Persona, room: Room, now: datetime) -> datetime | None:
    """When the persona's longest running mute in `room` ends, or None."""
    mutes = Mute.objects.filter(room=room, persona=persona, until__gt=now)
    return mutes.order_by("-until").values_list("until", flat=True).first()


def is_muted(persona: Persona, room: Room, now: datetime) -> bool:
    return muted_until(persona, room, now) is not None


class _Holding(Exception):  # noqa: N818 (a signal inside this module, not an error)
    """Raised out of the message's transaction so the hold is recorded outside it."""

    def __init__(self, verdict, record: dict):
        super().__init__(verdict.message)
        self.verdict, self.record = verdict, record


def send_message(**fields) -> Message:
    """Store a message by the member's persona in the room's group, then announce it (see
    `_store_message`). A message the filters hold is not stored: moderation keeps it (in its
    own transaction, so the refusal does not roll it back) and `screening.Held` tells the
    sender why."""
    try:
        return _store_message(**fields)
    except _Holding as holding:
        screening.record_hold(verdict=holding.verdict, **holding.record)
        raise screening.Held(holding.verdict.message) from None


@transaction.atomic
def _store_message(
    *,
    account: Account,
    membership: Membership | Participant | None,
    room: Room,
    body: str,
    client_id: uuid.UUID,
    content_warning: str = "",
) -> Message:
    """Store a message by the member's persona in the room's space, then announce it.

    Idempotent by `client_id` (DESIGN.md §5): a resend of a stored message returns the
    original, even after the session ended or the sender hit the rate limit, so a client
    retrying after a lost acknowledgement learns that its message did arrive. The message is
    stored before any broadcast: `broadcast.message_stored` runs on commit only.
    """
    if not policies.is_in_room(membership, room):
        raise NotAllowed(
            "Only members of this group can write here."
            if room.is_group_room
            else "Only the people in this room can write here."
        )
    persona = membership.persona
    earlier = earlier_submission(Message, client_id=client_id, room=room, author=persona)
    if earlier is not None:
        return earlier
    now = timezone.now()
    until = muted_until(persona, room, now)
    if until is None and isinstance(membership, Membership) and group_policies.is_muted(membership):
        # A moderator's mute in the group covers rooms made after it too.
        until = membership.muted_until
    if not policies.can_send(membership, room, now, is_muted=until is not None):
        if until is not None:
            raise Muted("A host has muted you here for a while.", until=until)
        raise ReadOnly(
            "This room is read-only: its session is not live."
            if room.is_group_room
            else "This room is read-only now."
        )
    body, content_warning = clean_multiline(body), clean_line(content_warning)
    check_length(
        field="body",
        value=body,
        limit=app_settings.MAX_MESSAGE_CHARS,
        label="message",
        required=True,
    )
    check_length(
        field="content_warning",
        value=content_warning,
        limit=app_settings.MAX_CONTENT_WARNING_CHARS,
        label="content warning",
        required=False,
    )
    limits.hit(
        account=account,
        action="chat_message",
        rate=app_settings.MESSAGE_RATE,
        message=MESSAGE_RATE_MESSAGE,
    )
    verdict = _screen(
        account=account,
        room=room,
        persona=persona,
        body=body,
        warning=content_warning,
        client_id=client_id,
    )
    message, created = create_once(
        lambda: Message.objects.create(
            room=room,
            author=persona,
            body=body,
            body_html=render_markdown(body),
            content_warning=content_warning,
            client_id=client_id,
        ),
        model=Message,
        client_id=client_id,
        room=room,
        author=persona,
    )
    if created:
        transaction.on_commit(lambda: broadcast.message_stored(message))
        if verdict.flags:
            screening.record_flag(verdict=verdict, target=message)
    return message


def _screen(*, account, room: Room, persona: Persona, body: str, warning: str, client_id):
    """The filters' verdict (community.screening). A block or a hold raises: a held message is
    not stored, so it reaches no socket and no history; moderation keeps its text until a
    moderator releases it (`chat.screening`), and the sender is told why."""
    text = "\n".join(part for part in (warning, body) if part)
    verdict = screening.screen(text, space=room.space_id, account=account)
    screening.refuse_blocked(verdict)
    if verdict.holds:
        record = {
            "kind": "message",
            "space": room.space_id,
            "author": persona,
            "content": {
                "room": room.public_id,
                "body": body,
                "content_warning": warning,
                "client_id": str(client_id) if client_id else None,
            },
        }
        raise _Holding(verdict, record)
    return verdict


@transaction.atomic
def remove_message(*, membership: Membership | Participant | None, message: Message) -> Message:
    """A host takes a message down: its text is blanked in place (a flag's snapshot, taken
    earlier, keeps what moderators need) and open rooms are told to drop it."""
    if not policies.can_remove_message(membership, message):
        raise NotAllowed("Only a host can remove messages.")
    message.removed_at = timezone.now()
    message.removed_by = membership.persona
    message.body = message.body_html = message.content_warning = ""
    message.save(update_fields=["removed_at", "removed_by", "body", "body_html", "content_warning"])
    transaction.on_commit(lambda: broadcast.message_removed(message))
    return message


@transaction.atomic
def mute_participant(
    *, membership: Membership | Participant | None, room: Room, persona_public_id: str, minutes: int
) -> Mute:
    """A host stops a persona of this group from sending in `room` for `minutes`.

    The persona is named by its public id; one not in this group is "not found", the same
    answer as an unknown id. Hosts cannot be muted (they would only mute each other). Another
    app's room has no hosts: nobody mutes there.
    """
    if not policies.can_host_room(membership, room):
        raise NotAllowed("Only a host can mute someone.")
    longest = app_settings.MAX_MUTE_MINUTES
    if not 1 <= minutes <= longest:
        raise ValidationError({"minutes": f"Mute for 1 to {longest} minutes."})
    target = (
        Membership.objects.select_related("persona")
        .filter(group=room.group, persona__public_id=persona_public_id)
        .first()
    )
    if target is None or target.status != Membership.Status.ACTIVE:
        raise NotAllowed("There is nobody by that name in this group.")
    if target.role == Membership.Role.HOST:
        raise NotAllowed("Hosts can't be muted.")
    mute = Mute.objects.create(
        room=room,
        persona=target.persona,
        until=timezone.now() + timedelta(minutes=minutes),
        muted_by=membership.persona,
    )
    transaction.on_commit(lambda: broadcast.participant_muted(mute))
    return mute


# Quiet rooms


@transaction.atomic
def request_quiet_room(
    *, account: Account, membership: Membership | None, session: ChatSession
) -> QuietRoomRequest:
    """A member asks the session's host for a one-to-one room. Only the host is told, by the
    member's persona name in this group; asking twice while one waits returns that one."""
    if not policies.can_request_quiet_room(membership, session, timezone.now()):
        raise NotAllowed("Quiet rooms can be asked for during a live session only.")
    waiting = session.quiet_room_requests.filter(
        requester=membership.persona, status=QuietRoomRequest.Status.PENDING
    ).first()
    if waiting is not None:
        return waiting
    limits.hit(
        account=account,
        action="chat_quiet_room",
        rate=app_settings.QUIET_ROOM_RATE,
        message=QUIET_ROOM_RATE_MESSAGE,
    )
    request = QuietRoomRequest.objects.create(session=session, requester=membership.persona)
    if session.host.account_id is not None:
        notify(
            account=session.host.account,
            kind=notification_kinds.QUIET_ROOM_REQUESTED,
            text=f"{isolate(membership.persona.name)} asked for a quiet room in "
            f"“{isolate(session.title)}”.",
            url=session.get_absolute_url(),
            actor_persona=membership.persona,
        )
    return request


def _decidable(membership: Membership | None, request: QuietRoomRequest) -> None:
    if not policies.can_host(membership, request.session):
        raise NotAllowed("Only a host can answer quiet-room requests.")
    if request.status != QuietRoomRequest.Status.PENDING:
        raise NotAllowed("This request was already answered.")


@transaction.atomic
def accept_quiet_room(*, membership: Membership | None, request: QuietRoomRequest) -> Room:
    """Open a quiet room between the accepting host's persona and the requester's; it closes
    with the session. The requester is told; no other member learns of it."""
    _decidable(membership, request)
    session = request.session
    if not policies.is_live(session, timezone.now()):
        raise NotAllowed("The session is no longer live.")
    group = session.room.group
    room = Room.objects.create(
        space_id=group.space_id,
        group=group,
        kind=Room.Kind.QUIET,
        session=session,
        quiet_host=membership.persona,
        quiet_member=request.requester,
    )
    request.status, request.room, request.decided_at = (
        QuietRoomRequest.Status.ACCEPTED,
        room,
        timezone.now(),
    )
    request.save(update_fields=["status", "room", "decided_at"])
    _tell_requester(request, f"{isolate(membership.persona.name)} opened a quiet room with you.")
    return room


@transaction.atomic
def decline_quiet_room(
    *, membership: Membership | None, request: QuietRoomRequest
) -> QuietRoomRequest:
    _decidable(membership, request)
    request.status, request.decided_at = QuietRoomRequest.Status.DECLINED, timezone.now()
    request.save(update_fields=["status", "decided_at"])
    _tell_requester(
        request,
        f"A quiet room isn't possible right now in “{isolate(request.session.title)}”. "
        "You're welcome to stay in the session.",
    )
    return request


def _tell_requester(request: QuietRoomRequest, text: str) -> None:
    if request.requester.account_id is None:
        return
    url = request.room.get_absolute_url() if request.room else request.session.get_absolute_url()
    notify(
        account=request.requester.account,
        kind=notification_kinds.QUIET_ROOM_DECIDED,
        text=text,
        url=url,
    )


# Rooms of other apps' spaces (chat.room_kinds)


def open_room(*, space: Space, kind: str) -> Room:
    """A room of a registered kind for `space` (another app's: a mentorship's, say). Who is
    in it and whether it is live is that app's answer, through its registration."""
    if room_kind(kind) is None:
        raise ValueError(f"No app registered the room kind {kind!r}.")
    return Room.objects.create(space=space, kind=kind)


def end_room(
    room: Room,
    *,
    code: int = realtime.ROOM_ENDED,
    detail: str = "This conversation has ended. You can no longer write here.",
) -> None:
    """Close every open socket of `room`, on every worker, with `code` (4011 unless the owner
    says otherwise) after an `error` frame saying `detail`: the owning app calls this when
    its space ends. Sent once the caller's transaction commits, so a client reconnecting at
    once already finds the room as the owner left it (read-only, or closed to it).

    `detail` reaches both sides alike: it should not say why the space ended (a block ends
    a mentorship silently)."""
    if code not in realtime.CLOSE_ERRORS:
        raise ValueError(f"{code} is not one of chat's close codes (chat.realtime).")
    transaction.on_commit(lambda: broadcast.room_ended(room, code=code, detail=detail))


# Retention


def expired_messages(now: datetime | None = None):
    """Messages of rooms whose session finished more than CHAT_RETENTION_DAYS ago.

    A session finishes when ended, cancelled, or at its end time if nobody ended it; a quiet
    room's messages follow its session's. Another app's room finishes when its space ends,
    as that app says (`spaces_ended_before`, chat.room_kinds).
    """
    cutoff = (now or timezone.now()) - timedelta(days=app_settings.RETENTION_DAYS)

    def finished_before(prefix: str) -> Q:
        return (
            Q(**{f"{prefix}ended_at__lt": cutoff})
            | Q(**{f"{prefix}cancelled_at__lt": cutoff})
            | Q(**{f"{prefix}ends_at__lt": cutoff})
        )

    expired = finished_before("room__chat_session__") | finished_before("room__session__")
    for registered in registered_room_kinds():
        expired |= Q(
            room__kind=registered.kind,
            room__space__in=registered.spaces_ended_before(cutoff),
        )
    return Message.objects.filter(expired)


def purge_expired(*, now: datetime | None = None, batch_size: int | None = None) -> int:
    """Delete expired messages in batches (short transactions, safe beside live traffic and
    from cron: a second run finds nothing left). Returns how many were deleted."""
    batch_size = batch_size or app_settings.PURGE_BATCH_SIZE
    deleted = 0
    while True:
        batch = list(expired_messages(now).order_by("pk").values_list("pk", flat=True)[:batch_size])
        if not batch:
            return deleted
        with transaction.atomic():
            count, _by_model = Message.objects.filter(pk__in=batch).delete()
        deleted += count
