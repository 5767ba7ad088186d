"""Affinity groups: membership under a persona of the group's space, threads, posts, reactions.

Every author, member and reactor is a Persona of `group.space`; nothing here points at an
account directly, so nothing rendered from these rows can lead to one.
"""

from django.db import models
from django.urls import reverse

from community.ids import PublicIdField, new_public_id
from community.models import Persona, Space
from community.submissions import submission_constraint
from groups.app_settings import app_settings


class Group(models.Model):
    class Visibility(models.TextChoices):
        LISTED = "listed", "Listed in the directory"
        UNLISTED = "unlisted", "Unlisted (invite link only)"

    class JoinPolicy(models.TextChoices):
        OPEN = "open", "Open: anyone can join"
        APPROVAL = "approval", "Approval by the group's hosts"
        INVITE = "invite", "Invite link only"

    space = models.OneToOneField(Space, on_delete=models.CASCADE, related_name="group")
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.CharField(max_length=300)
    guidelines = models.TextField(blank=True)
    join_question = models.CharField(max_length=300, blank=True)
    visibility = models.CharField(
        max_length=16, choices=Visibility.choices, default=Visibility.LISTED
    )
    join_policy = models.CharField(
        max_length=16, choices=JoinPolicy.choices, default=JoinPolicy.OPEN
    )
    # The secret part of the invite link; regenerating it revokes old links.
    invite_token = models.CharField(max_length=32, unique=True, default=new_public_id)
    created = models.DateTimeField(auto_now_add=True)
    last_activity = models.DateTimeField(null=True, blank=True, db_index=True)
    # The staff form's one-time token (community.submissions). Unique on its own: a group has
    # no author persona to scope it to, and only staff, who see every group, create them.
    client_id = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Membership(models.Model):
    """A persona's place in a group. Kept after leaving, so a rejoin reuses the same persona."""

    class Role(models.TextChoices):
        MEMBER = "member", "Member"
        HOST = "host", "Host"

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        LEFT = "left", "Left"
        REMOVED = "removed", "Removed"

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    persona = models.OneToOneField(Persona, on_delete=models.CASCADE, related_name="membership")
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.ACTIVE)
    created = models.DateTimeField(auto_now_add=True)
    changed = models.DateTimeField(auto_now=True)
    # A moderator's mute (moderation, through community.sanctions): no new threads or replies
    # in this group until then. Chat rooms of the group get their own Mute rows.
    muted_until = models.DateTimeField(null=True, blank=True)
    # The group page shows the guidelines in full on the member's first visit, then a small
    # link to them. Kept here, not in the browser: nothing is stored on a shared device.
    guidelines_shown = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["group", "status"])]

    def __str__(self):
        return f"membership {self.pk}"


class JoinRequest(models.Model):
    """A request to join a group with the approval policy; hosts see the persona and answer.

    The persona's name is not reserved in the space while the request waits (see
    community.services.personas): asking to join must not tell anyone which names exist.
    If a host approves and the name is taken by then, the request stays pending with
    `waiting_for_name` until the applicant chooses another; then they are in.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a host"
        APPROVED = "approved", "Approved"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrawn"

    public_id = PublicIdField()
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="join_requests")
    persona = models.ForeignKey(Persona, on_delete=models.CASCADE, related_name="join_requests")
    answer = models.TextField(blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    # Approved by a host, but the name clashed: the applicant is asked for another.
    waiting_for_name = models.BooleanField(default=False)
    created = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        Persona, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        indexes = [models.Index(fields=["group", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["persona"],
                condition=models.Q(status="pending"),
                name="one_pending_request_per_persona",
            )
        ]

    def __str__(self):
        return f"join request {self.public_id}"


class Thread(models.Model):
    public_id = PublicIdField()
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="threads")
    author = models.ForeignKey(Persona, on_delete=models.CASCADE, related_name="threads")
    title = models.CharField(max_length=200)
    content_warning = models.CharField(max_length=200, blank=True)
    is_pinned = models.BooleanField(default=False)
    is_locked = models.BooleanField(default=False)
    # Why a moderator or host locked it (the title of the rule cited, moderation): its authors
    # read it in place of their Edit links. Empty for an open thread.
    lock_reason = models.CharField(max_length=200, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    last_activity = models.DateTimeField(db_index=True)
    # Set while an automatic filter holds it for review (community.screening): only its
    # author sees it, with `held_reason`, until it is edited clean or a moderator releases it.
    held_at = models.DateTimeField(null=True, blank=True)
    held_reason = models.TextField(blank=True)
    # Hidden by a moderator: gone from the group page and 404 for members, kept for an appeal.
    hidden_at = models.DateTimeField(null=True, blank=True)
    # The new-thread form's one-time token (community.submissions): a resubmission finds this.
    client_id = models.UUIDField(null=True, blank=True, editable=False)
    # Stored counts, kept by `groups.services.counts.recount_thread` on every path that changes
    # a post's state, so no page counts posts per view. `post_count`: posts that hold a place
    # in the thread's pages (all but held ones: deleted and hidden posts keep their place);
    # read markers are positions among these. `visible_post_count`: the posts the group page
    # counts (neither held, deleted nor hidden).
    post_count = models.PositiveIntegerField(default=0)
    visible_post_count = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["group", "-is_pinned", "-last_activity"])]
        constraints = [submission_constraint(owner="author", name="one_thread_per_submission")]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "groups:thread", kwargs={"slug": self.group.slug, "thread_public_id": self.public_id}
        )


class Post(models.Model):
    """A thread's first post or a reply. `body_html` is rendered and sanitized once, on save.

    Deleting blanks `body` and `body_html` (the text is gone for readers); a flag's snapshot,
    taken earlier, keeps what moderators need.
    """

    public_id = PublicIdField()
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(Persona, on_delete=models.CASCADE, related_name="posts")
    body = models.TextField()
    body_html = models.TextField()
    content_warning = models.CharField(max_length=200, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    # Set while an automatic filter holds it for review (community.screening): only its
    # author sees it, with `held_reason`, until it is edited clean or a moderator releases it.
    held_at = models.DateTimeField(null=True, blank=True)
    held_reason = models.TextField(blank=True)
    # Hidden by a moderator: its place stays ("hidden by a moderator"), its words are shown to
    # nobody but moderators, and kept for an appeal.
    hidden_at = models.DateTimeField(null=True, blank=True)
    # The reply form's one-time token (community.submissions): a resubmission finds this.
    client_id = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        indexes = [models.Index(fields=["thread", "created"])]
        constraints = [submission_constraint(owner="author", name="one_post_per_submission")]

    def __str__(self):
        return f"post {self.public_id}"

    def get_absolute_url(self) -> str:
        """The page of its thread that shows this post, scrolled to it (one query).

        Every reader sees the same pages: deleted posts keep their place and blocked authors'
        posts are folded, not removed, so the link is right for whoever follows it. Held
        posts are seen by their author only, so they are not counted.
        """
        earlier = Post.objects.filter(thread_id=self.thread_id, held_at__isnull=True).filter(
            models.Q(created__lt=self.created) | models.Q(created=self.created, pk__lt=self.pk)
        )
        page = earlier.count() // app_settings.POSTS_PER_PAGE + 1
        return f"{self.thread.get_absolute_url()}?page={page}#post-{self.public_id}"


class ThreadRead(models.Model):
    """How far a member has read a thread: `seen` posts (positions among the posts that hold a
    place, `Thread.post_count`). Advanced by the thread page, the one write a page view may do
    (DESIGN.md §4), and only forward; "mark all read" sets it for a whole group.

    Keyed by the persona of the thread's group, so it says nothing beyond that space.
    """

    persona = models.ForeignKey(Persona, on_delete=models.CASCADE, related_name="thread_reads")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="reads")
    seen = models.PositiveIntegerField(default=0)
    updated = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["persona", "thread"], name="one_read_marker_per_thread")
        ]

    def __str__(self):
        return f"read marker {self.pk}"


class Reaction(models.Model):
    class Kind(models.TextChoices):
        SUPPORT = "support", "Support"
        ME_TOO = "me_too", "Me too"
        THANK_YOU = "thank_you", "Thank you"

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    persona = models.ForeignKey(Persona, on_delete=models.CASCADE, related_name="reactions")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "persona", "kind"], name="one_reaction_each")
        ]

    def __str__(self):
        return self.kind


class ThreadSubscription(models.Model):
    """A member's choice about one thread's notifications: follow it (hear of every reply,
    without having posted) or mute it (hear nothing from it, replies and mentions alike).

    No row means the default: replies notify those who posted. The persona is the member's
    in the thread's group, like everything else here.
    """

    class Level(models.TextChoices):
        FOLLOW = "follow", "Following"
        MUTE = "mute", "Muted"

    persona = models.ForeignKey(
        Persona, on_delete=models.CASCADE, related_name="thread_subscriptions"
    )
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="subscriptions")
    level = models.CharField(max_length=16, choices=Level.choices)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["persona", "thread"], name="one_subscription_each")
        ]

    def __str__(self):
        return self.level


class Mention(models.Model):
    """A persona named with "@Name" in a post: who a post has notified, so an edit tells only
    those it newly names. Only active members of the post's group are recorded."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="mentions")
    persona = models.ForeignKey(Persona, on_delete=models.CASCADE, related_name="mentions")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "persona"], name="one_mention_each")]

    def __str__(self):
        return f"mention in {self.post_id}"


class PostRevision(models.Model):
    """A version of a post as it was before an edit, newest last.

    Read only by the post's author and the group's moderators
    (`policies.can_see_post_history`): a survivor may edit out a detail that identifies them,
    so other readers only see that the post was edited. Deleting the post, or erasing the
    account, deletes these rows; a flag keeps its own snapshot for moderators.
    """

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    body_html = models.TextField()
    content_warning = models.CharField(max_length=200, blank=True)
    # When this version was written (the post's creation or its previous edit).
    written = models.DateTimeField()
    # When it was replaced.
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["post", "created"])]

    def __str__(self):
        return f"revision of post {self.post_id}"
