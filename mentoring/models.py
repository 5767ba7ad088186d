"""Peer mentoring: mentor profiles, mentees' requests, proposals and mentorships (issue 12).

Everyone here is pseudonymous twice over (DESIGN.md §1):

- A mentor's profile is shown to proposed mentees under a persona of its own, in a space of
  its own (kind "mentor"), unlinkable to the mentor's group personas. Being a Persona, it
  follows the pseudonym rules, can be blocked and flagged, and moderators act through it.
- An accepted proposal opens a Mentorship: a new Space (kind "mentorship") with two fresh
  personas, one per side, again unlinkable to anything else either account has.

What only matching needs (the employers a member named) is kept as keyed HMACs and shown to
nobody.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from community.ids import PublicIdField
from community.models import Persona, Space


class FocusArea(models.Model):
    """A curated tag a mentor offers and a mentee asks for ("Reporting to HR"); staff edit
    the list in the admin."""

    public_id = PublicIdField()
    name = models.CharField(max_length=80, unique=True)
    description = models.CharField(max_length=300, blank=True)
    order = models.PositiveIntegerField(default=0)
    # Retired areas stay on the profiles and requests that named them, but are not offered.
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class MentorProfile(models.Model):
    """A member who volunteered as a mentor, as proposed mentees see them: `persona` only.

    `persona` lives in a space of its own; `account` is never shown to anyone but its owner.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for approval"
        APPROVED = "approved", "Approved"
        PAUSED = "paused", "Paused"
        RETIRED = "retired", "Retired"

    public_id = PublicIdField()
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor_profile"
    )
    persona = models.OneToOneField(Persona, on_delete=models.CASCADE, related_name="+")
    focus_areas = models.ManyToManyField(FocusArea, related_name="+")
    # Language codes as Django knows them ("en", "pt-br"), lower case.
    languages = models.JSONField(default=list)
    # An IANA zone name ("Europe/Lisbon"); proposals show only a band of UTC offsets.
    time_zone = models.CharField(max_length=64)
    capacity = models.PositiveSmallIntegerField(default=1)
    availability = models.CharField(max_length=300, blank=True)
    bio = models.TextField(blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    # A pause the mentor made themselves, which they may lift themselves; a coordinator's not.
    self_paused = models.BooleanField(default=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    # Hidden by a moderator (a flag on the profile): never proposed while set.
    hidden_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    status_changed = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"mentor profile {self.pk}"


class MentorshipRequest(models.Model):
    """A mentee asking for a mentor. Seen by the mentee; by a mentor only once the mentee
    chose them (and then only what they asked for, never the account); by coordinators as a
    public id with its focus areas."""

    class State(models.TextChoices):
        WAITING = "waiting", "Waiting for proposals"
        PROPOSED = "proposed", "Proposals to choose from"
        CHOSEN = "chosen", "Waiting for the chosen mentor"
        MATCHED = "matched", "Matched"
        WITHDRAWN = "withdrawn", "Withdrawn"

    OPEN_STATES = (State.WAITING, State.PROPOSED, State.CHOSEN)

    public_id = PublicIdField()
    mentee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentorship_requests"
    )
    focus_areas = models.ManyToManyField(FocusArea, related_name="+")
    languages = models.JSONField(default=list)
    # The zone the mentee would like their mentor near; empty: any.
    time_zone = models.CharField(max_length=64, blank=True)
    hopes = models.TextField(blank=True)
    # The name the mentee chose for their persona in the mentorship (empty: one is suggested).
    mentee_name = models.CharField(max_length=64, blank=True)
    state = models.CharField(max_length=16, choices=State.choices, default=State.WAITING)
    created = models.DateTimeField(auto_now_add=True)
    state_changed = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["mentee"],
                condition=Q(state__in=["waiting", "proposed", "chosen"]),
                name="one_open_request_per_mentee",
            )
        ]
        indexes = [models.Index(fields=["state", "created"])]

    def __str__(self):
        return f"mentorship request {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN_STATES


class Proposal(models.Model):
    """A mentor proposed for a request, ranked. The mentee picks one (chosen); the mentor
    accepts or declines; one not answered within MENTOR_RESPONSE_DAYS expires. A decline or an
    expiry moves the request on to the next proposal, and the mentee is told nothing but
    "still looking"."""

    class State(models.TextChoices):
        OFFERED = "offered", "Offered"
        CHOSEN = "chosen", "Chosen"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        EXPIRED = "expired", "Expired"

    public_id = PublicIdField()
    request = models.ForeignKey(
        MentorshipRequest, on_delete=models.CASCADE, related_name="proposals"
    )
    mentor = models.ForeignKey(MentorProfile, on_delete=models.CASCADE, related_name="proposals")
    rank = models.PositiveSmallIntegerField()
    score = models.IntegerField()
    state = models.CharField(max_length=16, choices=State.choices, default=State.OFFERED)
    created = models.DateTimeField(auto_now_add=True)
    chosen_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    # Chosen, but the pair became one never to match (a block, the retaliation guard, an
    # employer) after it was offered: the mentor is never shown it, and it expires after
    # MENTOR_RESPONSE_DAYS like an unanswered one. Refusing at once would tell the mentee
    # that the persona they just blocked elsewhere is this mentor (DESIGN.md §2).
    withheld = models.BooleanField(default=False)

    class Meta:
        constraints = [
            # A mentor is proposed once per request: one who declined or let it expire is
            # never proposed for it again.
            models.UniqueConstraint(fields=["request", "mentor"], name="one_proposal_per_mentor"),
            models.UniqueConstraint(
                fields=["request"],
                condition=Q(state="chosen"),
                name="one_chosen_proposal_per_request",
            ),
        ]
        indexes = [
            models.Index(fields=["mentor", "state"]),
            models.Index(fields=["state", "chosen_at"]),
        ]

    def __str__(self):
        return f"proposal {self.pk}"


class Mentorship(models.Model):
    """Two people in a space of their own, each under a fresh persona.

    Who ended it (`ended_by`) is kept for the coordinators and never shown to the other side.
    """

    class EndReason(models.TextChoices):
        ENDED = "ended", "Ended by one side"
        BLOCKED = "blocked", "One side blocked the other"
        LEFT = "left", "One side left Lantern"
        REMOVED = "removed", "A moderator removed one side"

    public_id = PublicIdField()
    space = models.OneToOneField(Space, on_delete=models.CASCADE, related_name="mentorship")
    request = models.OneToOneField(
        MentorshipRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentorship",
    )
    mentor_profile = models.ForeignKey(
        MentorProfile,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentorships",
    )
    mentor = models.ForeignKey(Persona, on_delete=models.CASCADE, related_name="+")
    mentee = models.ForeignKey(Persona, on_delete=models.CASCADE, related_name="+")
    focus_areas = models.ManyToManyField(FocusArea, related_name="+")
    started = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        Persona, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    end_reason = models.CharField(max_length=16, choices=EndReason.choices, blank=True)

    class Meta:
        indexes = [models.Index(fields=["mentor_profile", "ended_at"])]

    def __str__(self):
        return f"mentorship {self.pk}"

    @property
    def is_active(self) -> bool:
        return self.ended_at is None


class Feedback(models.Model):
    """What one side wrote when ending a mentorship: for the coordinators only, never shown to
    the other side. `author` is that side's persona in the mentorship."""

    class Side(models.TextChoices):
        MENTOR = "mentor", "Mentor"
        MENTEE = "mentee", "Mentee"

    public_id = PublicIdField()
    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="feedback")
    author = models.ForeignKey(
        Persona, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    side = models.CharField(max_length=8, choices=Side.choices)
    text = models.TextField()
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"feedback {self.pk}"


class EmployerEntry(models.Model):
    """An employer a member named (current or past), as a keyed HMAC of its normalized name
    (mentoring.employers): equality is all matching needs. Shown to nobody, not even its
    owner, who can only add a name or remove one by typing it again."""

    account = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="employer_entries"
    )
    digest = models.CharField(max_length=64)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["account", "digest"], name="one_entry_per_employer")
        ]
        indexes = [models.Index(fields=["digest"])]

    def __str__(self):
        return f"employer entry {self.pk}"
