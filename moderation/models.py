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


# The automatic filters' models (held content, word lists), beside their code.
from moderation.filters.models import HeldContent, WordListEntry  # noqa: E402, F401
