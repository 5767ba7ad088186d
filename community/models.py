"""The identity layer: accounts, spaces, personas, blocks (DESIGN.md §1-§2).

An Account holds the real identity and never leaves its owner's own settings pages. Everywhere
else a person is a Persona: one per account per Space, with a random public id, so that two
personas of one account cannot be linked by anything Lantern shows.
"""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.functions import Lower

from .ids import PublicIdField
from .notification_kinds import kind_choices
from .spaces import space_kind_choices


class AccountManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("An account needs an email address.")
        account = self.model(email=self.normalize_email(email), **extra)
        account.set_password(password)
        account.save(using=self._db)
        return account

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class Account(AbstractUser):
    """The real identity: email, password hash, MFA devices. Shown to its owner only."""

    class Role(models.TextChoices):
        MEMBER = "member", "Member"
        ADVOCATE = "advocate", "Advocate"
        MODERATOR = "moderator", "Moderator"

    username = None
    first_name = None
    last_name = None
    email = models.EmailField("email address", unique=True)
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.MEMBER)
    # A neutral tab title and icon, for people who may be watched.
    discreet_mode = models.BooleanField(default=False)
    # Opt-in; the emails never carry content or names (DESIGN.md §3).
    email_notifications = models.BooleanField(default=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = AccountManager()

    def __str__(self):
        # Admin and logs use the public-safe form; the email is a field, not the name.
        return f"account {self.pk}"


# What a persona shows once its account is deleted and its writing kept; the settings pages,
# the delete form and the stored name all say this same text.
FORMER_MEMBER_NAME = "former member"


class Space(models.Model):
    """Any place where people meet: an affinity group or a mentorship.

    Each app that owns a kind of space points at one of these and registers the kind
    (community.spaces); personas belong to spaces.
    """

    public_id = PublicIdField()
    kind = models.CharField(max_length=16, choices=space_kind_choices)
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.kind} {self.public_id}"


class Persona(models.Model):
    """An account as it appears in one space. Never shown together with anything of the account.

    `account` is null once the member deleted their account and chose to keep their writing:
    the persona then shows as "former member".
    """

    public_id = PublicIdField()
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="personas")
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="personas",
    )
    name = models.CharField(max_length=64)
    # Case- and confusable-insensitive form of `name`; unique within the space.
    name_key = models.CharField(max_length=256)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["account", "space"], name="one_persona_per_account_per_space"
            ),
            models.UniqueConstraint(fields=["space", "name_key"], name="unique_name_in_space"),
        ]

    def __str__(self):
        return self.display_name

    @property
    def is_former(self) -> bool:
        return self.account_id is None

    @property
    def display_name(self) -> str:
        return FORMER_MEMBER_NAME if self.is_former else self.name


class NameReset(models.Model):
    """A moderator reset `persona`'s name to a generated one (moderation's "hide" on a name).

    `previous_name` is what the member had chosen, kept so that an overturned decision can give
    it back (if nobody took it meanwhile); `restored_at` says that happened. Deleted with the
    account (community.services.accounts), like the persona's own name. Never shown to anyone
    but the member (their data export) and the moderators of that space.
    """

    persona = models.ForeignKey(Persona, on_delete=models.CASCADE, related_name="name_resets")
    previous_name = models.CharField(max_length=64)
    name = models.CharField(max_length=64)
    created = models.DateTimeField(auto_now_add=True)
    restored_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]

    def __str__(self):
        return f"name reset {self.pk}"


class Block(models.Model):
    """`blocker` blocked `persona`: it acts only in that persona's space (DESIGN.md §2).

    There the persona's posts and messages are folded away for the blocker and its replies,
    mentions and reactions notify the blocker of nothing. Nothing changes in other spaces, for
    either side: if it did, watching what vanishes would link the blocked account's personas.
    The blocked person is not told.

    `blocked_account` is the account behind `persona`, for the one account-wide effect that
    neither side can observe: the two accounts are never matched as mentor and mentee. It is
    never shown, and never used to hide or filter anything.
    """

    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks_made"
    )
    persona = models.ForeignKey(Persona, on_delete=models.CASCADE, related_name="+")
    blocked_account = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["blocker", "persona"], name="one_block_per_persona"),
        ]

    def __str__(self):
        return f"block {self.pk}"


class SupportResource(models.Model):
    """An entry of the support resources page, edited by staff in the admin, not in code."""

    class Category(models.TextChoices):
        CRISIS = "crisis", "Crisis lines"
        LEGAL = "legal", "Legal help"
        COUNSELLING = "counselling", "Counselling"
        OTHER = "other", "Other support"

    category = models.CharField(max_length=16, choices=Category.choices)
    title = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    url = models.URLField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    region = models.CharField(max_length=60, blank=True, help_text="e.g. Worldwide, US, UK")
    order = models.PositiveIntegerField(default=0)
    is_published = models.BooleanField(default=True)

    class Meta:
        ordering = ["category", "order", Lower("title")]

    def __str__(self):
        return self.title


class Notification(models.Model):
    """An in-app notification for one account. `text` names personas of one space at most."""

    # What the notifications page links (`/notifications/<public_id>/open/`): never the pk.
    public_id = PublicIdField()
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    # Who caused it (a persona of the space it happened in), never shown: a block by `account`
    # of that persona hides it (DESIGN.md §2); the same account's other personas do not.
    actor_persona = models.ForeignKey(
        Persona, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # What it is about (e.g. a post), so that repeated events about one thing can be merged
    # while unread; matched on the object itself, not on its URL.
    subject_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    # Registered by the app that sends it (community.notification_kinds).
    kind = models.CharField(max_length=32, choices=kind_choices)
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=300, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        indexes = [models.Index(fields=["account", "read_at"])]

    def __str__(self):
        return self.kind
