"""What the automatic filters keep: held content waiting for a moderator, and word lists.

Imported by `moderation.models` (Django finds an app's models there); kept apart so the
filters' tables sit beside their code.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from community.ids import PublicIdField
from community.models import Persona, Space


class HeldContent(models.Model):
    """One thing a filter held back before it was published: the moderators' queue entry.

    `target` is the held post or thread (stored, in a held state only its author sees); a
    chat message has no target (it is stored only when released) and lives in `content`
    until then. `author` is the persona of the space: moderators act through it and never
    see the account (DESIGN.md §1). There is no reporter: a filter held it.
    """

    class Reason(models.TextChoices):
        PERSONAL_INFO = "personal_info", "Shares personal information"
        WORD_LIST = "word_list", "Matches a word list"

    class Status(models.TextChoices):
        HELD = "held", "Waiting for review"
        RELEASED = "released", "Released by a moderator"
        REJECTED = "rejected", "Kept back by a moderator"
        CLEARED = "cleared", "Edited by its author and published"
        # Deleted by its author while held: out of the queue, its words kept as a flag's
        # snapshot is (an attempt to expose someone is worth a moderator's record).
        WITHDRAWN = "withdrawn", "Deleted by its author"

    public_id = PublicIdField()
    kind = models.CharField(max_length=32)  # "thread", "post", "message"
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(Persona, on_delete=models.SET_NULL, null=True, related_name="+")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, null=True)
    object_id = models.PositiveBigIntegerField(null=True)
    target = GenericForeignKey("content_type", "object_id")
    reason = models.CharField(max_length=32, choices=Reason.choices)
    # For moderators: what matched ("an email address", "site word list: …").
    detail = models.CharField(max_length=300, blank=True)
    # What the author was told.
    message = models.TextField(blank=True)
    # The text as held (title, body, content warning; for chat, its room and client_id).
    content = models.JSONField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.HELD)
    created = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name_plural = "held content"
        indexes = [
            models.Index(fields=["status", "created"]),
            models.Index(fields=["content_type", "object_id"]),
        ]

    def __str__(self):
        return f"held {self.kind} {self.public_id}"


class WordListEntry(models.Model):
    """A word or phrase and what happens to text containing it, site-wide (`space` null) or in
    one group's space. Matched whole-word, case-insensitively, after NFKC normalization."""

    class Action(models.TextChoices):
        BLOCK = "block", "Block it, with a message to the writer"
        HOLD = "hold", "Hold it for review"
        FLAG = "flag", "Publish it and flag it for moderators"

    public_id = PublicIdField()
    space = models.ForeignKey(
        Space, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    pattern = models.CharField(max_length=100)
    # The pattern as matched (NFKC, casefolded, spaces collapsed): unique per scope.
    normalized = models.CharField(max_length=400, editable=False)
    action = models.CharField(max_length=16, choices=Action.choices)
    # Shown to the writer when the action is block (a default sentence when empty).
    message = models.CharField(max_length=300, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "word list entries"
        constraints = [
            models.UniqueConstraint(
                fields=["space", "normalized"], name="one_word_entry_per_scope"
            ),
            models.UniqueConstraint(
                fields=["normalized"],
                condition=models.Q(space__isnull=True),
                name="one_site_word_entry",
            ),
        ]

    def __str__(self):
        return self.pattern
