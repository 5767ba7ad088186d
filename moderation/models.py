"""Flags and what moderators do with them. The reporter is never shown to anyone but staff
tooling that needs it for rate limits; the snapshot keeps the evidence (DESIGN.md §2)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from community.ids import PublicIdField
from community.models import Space


class Flag(models.Model):
    class Reason(models.TextChoices):
        HARASSMENT = "harassment", "Harassment or bullying"
        RETALIATION = "retaliation", "Retaliation against someone who spoke up"
        HATE = "hate", "Hate or discrimination"
        THREAT = "threat", "Threat of violence"
        PERSONAL_INFO = "personal_info", "Shares someone's personal information"
        SELF_HARM = "self_harm", "Someone may be at risk"
        SPAM = "spam", "Spam or advertising"
        OTHER = "other", "Something else"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        ACTIONED = "actioned", "Actioned"
        DISMISSED = "dismissed", "Dismissed"

    class Wish(models.TextChoices):
        RECORD = "record", "Just record it"
        WARN = "warn", "Warn the person"
        REMOVE = "remove", "Remove it"
        UNSAFE = "unsafe", "I feel unsafe"

    # Reasons that go to the top of the queue.
    URGENT_REASONS = ("threat", "self_harm", "personal_info")

    public_id = PublicIdField()
    # Kept for per-account limits and abuse handling; never shown to the flagged person.
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    space = models.ForeignKey(Space, on_delete=models.SET_NULL, null=True, related_name="+")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    reason = models.CharField(max_length=32, choices=Reason.choices)
    note = models.TextField(blank=True)
    # The content as it was when flagged: author persona, title, body, warning, link.
    snapshot = models.JSONField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    created = models.DateTimeField(auto_now_add=True)
    # What the reporter would like to happen; moderators read it, nobody else.
    wish = models.CharField(max_length=16, choices=Wish.choices, default=Wish.RECORD)
    item = models.ForeignKey(
        "moderation.ReviewItem", on_delete=models.SET_NULL, null=True, related_name="flags"
    )

    class Meta:
        indexes = [
            models.Index(fields=["status", "created"]),
            models.Index(fields=["content_type", "object_id"]),
        ]
        constraints = [
            # One open flag per reporter per target, whatever the race between two workers;
            # the service turns the clash into "here is your open flag".
            models.UniqueConstraint(
                fields=["reporter", "content_type", "object_id"],
                condition=models.Q(status="open"),
                name="one_open_flag_per_reporter_per_target",
            ),
        ]

    def __str__(self):
        return f"flag {self.public_id}"


class ReviewItem(models.Model):
    """Every open flag on one target, gathered for moderators: one open item per target.

    Priority (`queue_order`): a flag the retaliation guard boosted first, then threats,
    self-harm risk and identity exposure, then how many members flagged it, then the oldest.
    Moderators see the count and the notes, never who flagged.
    """

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DECIDED = "decided", "Decided"

    public_id = PublicIdField()
    space = models.ForeignKey(
        Space, on_delete=models.SET_NULL, null=True, related_name="review_items"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    # The flag target kind's name (community.flagging): "post", "thread", "message".
    kind = models.CharField(max_length=32)
    # The persona the content is by, in its own space: who a sanction acts through.
    author = models.ForeignKey(
        "community.Persona", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    urgent = models.BooleanField(default=False)
    # A flag by a member against an account once sanctioned on their flag (moderation.guard).
    boosted = models.BooleanField(default=False)
    flagger_count = models.PositiveIntegerField(default=0)
    created = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["status", "-boosted", "-urgent", "-flagger_count"])]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=models.Q(status="open"),
                name="one_open_review_item_per_target",
            )
        ]

    queue_order = ("-boosted", "-urgent", "-flagger_count", "created", "pk")

    def __str__(self):
        return f"review item {self.public_id}"


class Action(models.Model):
    """What a moderator did, on an item, to the content or through its author's persona."""

    class Kind(models.TextChoices):
        DISMISS = "dismiss", "Dismiss (no action)"
        HIDE = "hide", "Hide the content"
        DELETE = "delete", "Delete the content"
        WARN = "warn", "Warn the author"
        MUTE = "mute", "Mute in this space"
        REMOVE_FROM_GROUP = "remove_from_group", "Remove from the group"
        SUSPEND = "suspend", "Suspend the account"
        BAN = "ban", "Ban the account"
        # Taken in place, on the thread page (moderation.decisions.act_in_place).
        LOCK = "lock", "Lock the thread"
        UNLOCK = "unlock", "Unlock the thread"

    public_id = PublicIdField()
    item = models.ForeignKey(
        ReviewItem, on_delete=models.SET_NULL, null=True, related_name="actions"
    )
    kind = models.CharField(max_length=32, choices=Kind.choices)
    # A code from moderation.rules.RULES.
    rule = models.CharField(max_length=32)
    message = models.TextField(blank=True)
    until = models.DateTimeField(null=True, blank=True)
    # Never shown to the member; the audit log names the moderator's role only.
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The persona acted through (of the item's space); its account is reached by the server.
    persona = models.ForeignKey(
        "community.Persona", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The account acted on, for its history and the retaliation guard; never shown.
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    space = models.ForeignKey(Space, on_delete=models.SET_NULL, null=True, related_name="+")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["account", "kind"])]

    def __str__(self):
        return f"action {self.public_id}"


class AccountRestriction(models.Model):
    """A suspension (until a time) or a ban (no end) of an account: it cannot sign in."""

    class Kind(models.TextChoices):
        SUSPENSION = "suspension", "Suspension"
        BAN = "ban", "Ban"

    account = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    until = models.DateTimeField(null=True, blank=True)
    rule = models.CharField(max_length=32)
    action = models.ForeignKey(Action, on_delete=models.SET_NULL, null=True, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    # This restriction switched the account's `is_active` off (so every session of it stops
    # authenticating at once, whether or not usersessions has a row for it); the first login
    # after the last restriction ends switches it back on (moderation.restrictions).
    deactivated = models.BooleanField(default=False)
    lifted_at = models.DateTimeField(null=True, blank=True)
    # Its action was overturned on appeal: no longer in force, whatever `until` says.
    overturned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["account", "until"])]

    def __str__(self):
        return f"{self.kind} {self.pk}"


class BannedEmail(models.Model):
    """A banned account's address, as a keyed HMAC of its normalized form: never in clear."""

    digest = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"banned email {self.pk}"


class RetaliationGuard(models.Model):
    """`sanctioned` was sanctioned on a flag by `flagger` (moderation.guard)."""

    flagger = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    sanctioned = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["flagger", "sanctioned"], name="one_guard_per_pair")
        ]

    def __str__(self):
        return f"guard {self.pk}"


class AppendOnly(Exception):
    """The audit log is never changed or deleted through the application."""


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnly("Audit entries cannot be changed.")

    def delete(self):
        raise AppendOnly("Audit entries cannot be deleted.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnly("Audit entries cannot be changed.")


class AuditEntry(models.Model):
    """One line of the append-only audit log: what was done, where, on which rule.

    Names the persona acted on (of the space shown) and the actor's role, never an account.
    """

    created = models.DateTimeField(auto_now_add=True, db_index=True)
    # "action.warn", "action.dismiss", later "appeal.decided", "role.changed", "reveal"...
    event = models.CharField(max_length=64)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    actor_role = models.CharField(max_length=32)  # "site moderator", "host"
    space = models.ForeignKey(Space, on_delete=models.SET_NULL, null=True, related_name="+")
    persona_name = models.CharField(max_length=64, blank=True)
    persona_public_id = models.CharField(max_length=32, blank=True)
    item_public_id = models.CharField(max_length=32, blank=True)
    rule = models.CharField(max_length=32, blank=True)
    detail = models.CharField(max_length=300, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name_plural = "audit entries"

    def __str__(self):
        return f"audit {self.pk}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnly("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("Audit entries cannot be deleted.")


class Appeal(models.Model):
    """A member's one appeal against an action taken on them, in their own words.

    One per action (the one-to-one key holds it whatever the race). It goes to a reviewer who
    did not take the action (moderation.appeals.choose_reviewer); the member is told the
    outcome and its reason, never who flagged or who decided.
    """

    class Status(models.TextChoices):
        OPEN = "open", "Waiting for a moderator"
        UPHELD = "upheld", "Upheld"
        OVERTURNED = "overturned", "Overturned"

    public_id = PublicIdField()
    action = models.OneToOneField(Action, on_delete=models.CASCADE, related_name="appeal")
    # The member appealing (the account the action hit); never shown to anyone.
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    text = models.TextField()
    # Never the moderator who acted, nor the member; None: no one else could be found, and
    # any site moderator but those two may take it.
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    reason = models.TextField(blank=True)  # the reviewer's reason, read by the member
    created = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["reviewer", "status"])]

    def __str__(self):
        return f"appeal {self.public_id}"


class RevealRequest(models.Model):
    """A "break glass" request: which account (email) is behind `persona` (DESIGN.md §1).

    Made by a staff member holding the `reveal_account` permission, with a written reason and a
    fresh MFA code; the email is shown to the requester only once a *second* holder approved
    it with their own fresh code. The member is told afterwards, with the reason. Every step
    writes an AuditEntry (moderation.reveals).
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a second staff member"
        APPROVED = "approved", "Approved"
        REFUSED = "refused", "Refused"

    public_id = PublicIdField()
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    persona = models.ForeignKey(
        "community.Persona", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Kept as they were when requested, so the list still reads after the persona is gone.
    persona_name = models.CharField(max_length=64)
    persona_public_id = models.CharField(max_length=32)
    space = models.ForeignKey(Space, on_delete=models.SET_NULL, null=True, related_name="+")
    # The account behind the persona at request time; its email is shown only after approval.
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Read by the approver and, afterwards, by the member.
    reason = models.TextField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Why a request was refused (optional), read by the requester.
    decision_note = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        permissions = [
            (
                "reveal_account",
                "Can request and approve revealing the account behind a persona",
            )
        ]

    def __str__(self):
        return f"reveal request {self.public_id}"


# The automatic filters' models (held content, word lists), beside their code.
from moderation.filters.models import HeldContent, WordListEntry  # noqa: E402, F401
