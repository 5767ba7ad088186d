"""Live chat: rooms, the advocate-hosted sessions that open them, messages, mutes, quiet rooms.

Every room belongs to a space (`Room.space`): a group's (session and quiet rooms, which also
point at the group) or another app's (a room of a kind registered in `chat.room_kinds`).
Every author, host and participant is a Persona of the room's space; nothing here points at an
account, so nothing rendered from these rows can lead to one.

Message ids: a message's id in frames (DESIGN.md §5) is its auto primary key. It increases
within a room because it increases across the whole table, which is what "ids increase within
a room" needs for `since` backfill and `before` paging. It says how many messages Lantern
holds, nothing about any person, so it is the one pk that leaves the server.
"""

import uuid

from django.db import models
from django.urls import reverse

from chat.room_kinds import GROUP_ROOM_KINDS, MAX_KIND_LENGTH, room_kind, room_kind_choices
from community.ids import PublicIdField
from community.models import Persona, Space
from community.submissions import submission_constraint
from groups.models import Group


class Room(models.Model):
    """Where messages are written: a session's room, a quiet room for two personas, or the
    room of another app's space.

    A quiet room belongs to the session it was asked for in (`session`), is between the
    session's host and one member (`quiet_host`, `quiet_member`), and is live exactly while
    that session is (`chat.policies.room_is_live`): it closes with the session.

    Session and quiet rooms have a `group` (whose space is `space`). A room of any other kind
    has none: the app that registered its kind (`chat.room_kinds`) says who is in it, whether
    it is live, and where its page is.
    """

    class Kind(models.TextChoices):
        SESSION = "session", "Session room"
        QUIET = "quiet", "Quiet room"

    public_id = PublicIdField()
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="chat_rooms")
    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, null=True, blank=True, related_name="chat_rooms"
    )
    # Kind's values, or a kind another app registered (chat.room_kinds).
    kind = models.CharField(
        max_length=MAX_KIND_LENGTH, choices=room_kind_choices, default=Kind.SESSION
    )
    session = models.ForeignKey(
        "ChatSession",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="quiet_rooms",
    )
    quiet_host = models.ForeignKey(
        Persona, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    quiet_member = models.ForeignKey(
        Persona, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            # A group's rooms, and only they, have a group.
            models.CheckConstraint(
                condition=models.Q(kind__in=GROUP_ROOM_KINDS, group__isnull=False)
                | (~models.Q(kind__in=GROUP_ROOM_KINDS) & models.Q(group__isnull=True)),
                name="group_rooms_and_only_they_have_a_group",
            )
        ]

    def __str__(self):
        return f"room {self.public_id}"

    def get_absolute_url(self) -> str:
        if not self.is_group_room:
            registered = room_kind(self.kind)
            return registered.url_of(self) if registered is not None else ""
        return reverse(
            "chat:room", kwargs={"slug": self.group.slug, "room_public_id": self.public_id}
        )

    @property
    def ws_url(self) -> str:
        return f"/ws/rooms/{self.public_id}/"

    @property
    def is_group_room(self) -> bool:
        """A session or quiet room (chat's own), rather than another app's."""
        return self.kind in GROUP_ROOM_KINDS

    @property
    def live_session(self) -> "ChatSession | None":
        """The session whose liveness this room follows (its own, or the one it was asked
        in); None for another app's room, whose liveness that app decides."""
        if self.kind == self.Kind.QUIET:
            return self.session
        return self.chat_session if self.kind == self.Kind.SESSION else None


class ChatSession(models.Model):
    """A scheduled, advocate-hosted session: its room is open for messages while it is live."""

    room = models.OneToOneField(Room, on_delete=models.CASCADE, related_name="chat_session")
    host = models.ForeignKey(Persona, on_delete=models.CASCADE, related_name="hosted_sessions")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    content_warning = models.CharField(max_length=200, blank=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    capacity = models.PositiveIntegerField()
    opened_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    # The schedule form's one-time token (community.submissions).
    client_id = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        indexes = [models.Index(fields=["starts_at"]), models.Index(fields=["ends_at"])]
        constraints = [submission_constraint(owner="host", name="one_session_per_submission")]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        return self.room.get_absolute_url()


class Message(models.Model):
    """One message. `body_html` is rendered and sanitized once, on save, exactly as posts are.

    `client_id` is the sender's uuid4 for this message (DESIGN.md §5): unique per (room,
    author), so a resend finds the message already stored instead of storing it twice.
    A removed message keeps its row (and place) with its text blanked.
    """

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(Persona, on_delete=models.CASCADE, related_name="chat_messages")
    body = models.TextField()
    body_html = models.TextField()
    content_warning = models.CharField(max_length=200, blank=True)
    client_id = models.UUIDField(default=uuid.uuid4, editable=False)
    created = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        Persona, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Hidden by a moderator: a removal frame for everyone, its words kept for an appeal.
    hidden_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["room", "author", "client_id"], name="one_message_per_client_id"
            )
        ]

    def __str__(self):
        return f"message {self.pk}"


class Mute(models.Model):
    """`persona` may not send in `room` until `until` (a host's decision, not a sanction)."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="mutes")
    persona = models.ForeignKey(Persona, on_delete=models.CASCADE, related_name="chat_mutes")
    until = models.DateTimeField()
    muted_by = models.ForeignKey(
        Persona, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["room", "persona", "until"])]

    def __str__(self):
        return f"mute {self.pk}"


class QuietRoomRequest(models.Model):
    """A member asking the session's host for a one-to-one quiet room, during a live session.

    Other members see nothing of it. Accepting opens `room`; ending the session closes
    pending requests (`closed`).
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for the host"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        CLOSED = "closed", "Closed with the session"

    public_id = PublicIdField()
    session = models.ForeignKey(
        ChatSession, on_delete=models.CASCADE, related_name="quiet_room_requests"
    )
    requester = models.ForeignKey(Persona, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    room = models.OneToOneField(
        Room, on_delete=models.SET_NULL, null=True, blank=True, related_name="quiet_request"
    )
    created = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "requester"],
                condition=models.Q(status="pending"),
                name="one_pending_quiet_room_request",
            )
        ]

    def __str__(self):
        return f"quiet room request {self.public_id}"


class Connection(models.Model):
    """One open socket in a room, for presence and capacity, shared by every worker.

    A row per socket (a member with two tabs has two; presence counts personas). `worker` is
    the serving process's random id; each worker touches its rows every
    CHAT_PRESENCE_HEARTBEAT_SECONDS (one UPDATE for all of them), so the rows of a worker that
    died stop counting once they are older than three heartbeats, and are deleted then.
    `channel` is the socket's channel-layer name, never shown to anyone.
    """

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="connections")
    persona = models.ForeignKey(Persona, on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(max_length=200, unique=True)
    worker = models.CharField(max_length=32)
    seen_at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(fields=["room", "seen_at"]),
            models.Index(fields=["worker"]),
        ]

    def __str__(self):
        return f"connection {self.pk}"
