"""Reads for the groups pages. Each returns what one page needs in a fixed number of queries.

Nothing here returns an account to a template: people are personas of the group's space.
"""

from datetime import datetime, timedelta

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from community.models import Account, Block, Persona
from groups.app_settings import app_settings
from groups.models import (
    Group,
    JoinRequest,
    Membership,
    Post,
    Thread,
    ThreadRead,
    ThreadSubscription,
)
from groups.unread import unread_filter


def listed_groups() -> QuerySet[Group]:
    """The directory: listed groups with their count of active members, in one query."""
    return (
        Group.objects.filter(visibility=Group.Visibility.LISTED)
        .annotate(
            member_count=Count(
                "memberships", filter=Q(memberships__status=Membership.Status.ACTIVE)
            )
        )
        .order_by("name")
    )


def all_groups() -> QuerySet[Group]:
    """Every group, for the staff pages."""
    return Group.objects.annotate(
        member_count=Count("memberships", filter=Q(memberships__status=Membership.Status.ACTIVE))
    ).order_by("name")


def is_recently_active(group: Group) -> bool:
    """Coarse on purpose: "active this week" says nothing about who posted when."""
    if group.last_activity is None:
        return False
    return group.last_activity >= timezone.now() - timedelta(days=app_settings.ACTIVE_DAYS)


def group_ids_of(account) -> set[int]:
    """The groups `account` is an active member of (for "You're a member" in the directory)."""
    if not account.is_authenticated:
        return set()
    return set(
        Membership.objects.filter(
            persona__account=account, status=Membership.Status.ACTIVE
        ).values_list("group_id", flat=True)
    )


def group_by_slug(slug: str) -> Group | None:
    return Group.objects.filter(slug=slug).first()


def group_by_invite(token: str) -> Group | None:
    return Group.objects.filter(invite_token=token).first()


def membership_of(account, group: Group) -> Membership | None:
    """`account`'s membership in `group` (any status), with its persona, or None."""
    if not account.is_authenticated:
        return None
    return (
        Membership.objects.select_related("persona")
        .filter(group=group, persona__account=account)
        .first()
    )


def persona_of(account: Account, group: Group) -> Persona | None:
    """`account`'s persona in `group`'s space, whether or not it is a member now."""
    return Persona.objects.filter(account=account, space_id=group.space_id).first()


def pending_request_of(account, group: Group) -> JoinRequest | None:
    if not account.is_authenticated:
        return None
    return JoinRequest.objects.filter(
        group=group, persona__account=account, status=JoinRequest.Status.PENDING
    ).first()


def last_declined_request_of(account: Account, group: Group) -> JoinRequest | None:
    return (
        JoinRequest.objects.filter(
            group=group, persona__account=account, status=JoinRequest.Status.DECLINED
        )
        .order_by("-decided_at")
        .first()
    )


def asks_again_from(account: Account, group: Group) -> datetime | None:
    """When a declined applicant may ask to join again, while they must still wait; else None.

    Only approval groups decide requests, so only they make anyone wait.
    """
    if group.join_policy != Group.JoinPolicy.APPROVAL or not account.is_authenticated:
        return None
    declined = last_declined_request_of(account, group)
    if declined is None or declined.decided_at is None:
        return None
    allowed_from = declined.decided_at + timedelta(days=app_settings.REAPPLY_DAYS)
    return allowed_from if timezone.now() < allowed_from else None


def pending_requests(group: Group) -> QuerySet[JoinRequest]:
    """The hosts' queue: persona and answer, oldest first."""
    return (
        JoinRequest.objects.filter(group=group, status=JoinRequest.Status.PENDING)
        .select_related("persona")
        .order_by("created")
    )


def join_request_in(group: Group, public_id: str) -> JoinRequest | None:
    return (
        JoinRequest.objects.select_related("persona__account", "group")
        .filter(group=group, public_id=public_id)
        .first()
    )


def hosts_of(group: Group) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(
            group=group, role=Membership.Role.HOST, status=Membership.Status.ACTIVE
        )
        .select_related("persona")
        .order_by("persona__name")
    )


def host_candidates(group: Group, *, staff: Account) -> QuerySet[Membership]:
    """Members who could be made host: advocates, and the staff member looking (themselves).

    Shown to staff by persona name only; the account behind it never reaches the page.
    """
    return (
        Membership.objects.filter(group=group, status=Membership.Status.ACTIVE)
        .filter(Q(persona__account__role=Account.Role.ADVOCATE) | Q(persona__account=staff))
        .select_related("persona")
        .order_by("persona__name")
    )


def _shown_to(viewer: Persona | None) -> Q:
    """Published, or held (by an automatic filter) and written by `viewer`: a held thing is
    seen by its author only until a moderator releases it (community.screening)."""
    published = Q(held_at__isnull=True)
    return published | Q(author=viewer) if viewer is not None else published


def threads_of(group: Group, viewer: Persona | None = None) -> QuerySet[Thread]:
    """Threads of the group page: pinned first, then newest activity, each with `seen`, the
    viewer's read marker (None if never opened), in the same query.

    The same for every member: threads started by a persona the viewer blocked are folded
    away by the page, not left out, so nothing about a block shows in what is listed. Held
    threads are listed for their author only. Counts are the stored ones
    (`groups.services.counts`): nothing here counts posts.
    """
    threads = (
        Thread.objects.filter(group=group, hidden_at__isnull=True)
        .filter(_shown_to(viewer))
        .select_related("author")
        .order_by("-is_pinned", "-last_activity", "-pk")
    )
    if viewer is not None:
        threads = threads.annotate(seen=_marker_of([viewer.pk]))
    return threads


def _marker_of(persona_ids) -> Subquery:
    """The read marker of one of `persona_ids` (the reader's, one per space) on the outer
    thread, or None."""
    return Subquery(
        ThreadRead.objects.filter(thread=OuterRef("pk"), persona_id__in=persona_ids).values("seen")[
            :1
        ]
    )


def unread_threads_for(memberships: list[Membership]) -> QuerySet[Thread]:
    """Threads with posts the reader has not seen, across the groups of `memberships` (the
    reader's active ones), newest activity first, each with `seen`, `joined` and its group.

    No post is counted: "new" compares the stored `post_count` with the marker.
    """
    persona_ids = [membership.persona_id for membership in memberships]
    joined = Membership.objects.filter(
        group_id=OuterRef("group_id"), persona_id__in=persona_ids
    ).values("created")[:1]
    return (
        Thread.objects.filter(
            group_id__in=[membership.group_id for membership in memberships],
            hidden_at__isnull=True,
            held_at__isnull=True,
        )
        .annotate(seen=_marker_of(persona_ids), joined=Subquery(joined))
        .filter(unread_filter(persona_ids))
        .select_related("group")
        .order_by("-last_activity", "-pk")
    )


def posts_of(thread: Thread, viewer: Persona | None = None) -> QuerySet[Post]:
    """The thread's posts in order, the same for every reader (`Post.get_absolute_url` counts
    on it), but for held posts, which only their author sees. Authors (and their membership,
    for the host badge) come with the query so a page costs the same whatever its length."""
    return (
        Post.objects.filter(thread=thread)
        .filter(_shown_to(viewer))
        .select_related("author__membership")
        .order_by("created", "pk")
    )


def last_post_by(persona: Persona, thread: Thread) -> Post | None:
    """`persona`'s latest post in `thread` (deleted ones included), for the repeat check."""
    return Post.objects.filter(thread=thread, author=persona).order_by("-created", "-pk").first()


def authors_to_notify(
    thread: Thread, *, replier: Persona, mentioned: list[Persona] = ()
) -> QuerySet[Account]:
    """Who hears of a reply: accounts that posted in `thread` or follow it, less those who
    muted it, those who blocked the replier's persona (a block there means hearing nothing
    from it there), the replier, and the `mentioned` (a mention tells them instead). Only
    active members: someone who left or was removed hears nothing more from the group.

    Blocks of the same account's personas in other spaces change nothing: a notification
    missing here would tell a blocker that the replier is someone they blocked elsewhere.
    """
    blockers = Block.objects.filter(persona=replier).values("blocker")
    posters = Post.objects.filter(thread=thread, deleted_at__isnull=True).values("author__account")
    subscriptions = ThreadSubscription.objects.filter(thread=thread)
    followers = subscriptions.filter(level=ThreadSubscription.Level.FOLLOW)
    muters = subscriptions.filter(level=ThreadSubscription.Level.MUTE)
    return (
        Account.objects.filter(Q(pk__in=posters) | Q(pk__in=followers.values("persona__account")))
        .filter(
            personas__membership__group_id=thread.group_id,
            personas__membership__status=Membership.Status.ACTIVE,
        )
        .exclude(pk=replier.account_id)
        .exclude(pk__in=blockers)
        .exclude(pk__in=muters.values("persona__account"))
        .exclude(pk__in=[persona.account_id for persona in mentioned])
        .distinct()
    )


def mention_suggestions(group: Group, *, viewer: Persona, typed: str) -> list[str]:
    """Names of `group`'s active members starting with `typed`, or with a word of them
    starting with it (the viewer's own left out), for the "@" autocomplete: names only."""
    typed = typed.strip()
    # No name holds a NUL byte, and PostgreSQL refuses one in a query (a 500, not "no one").
    if not typed or "\x00" in typed:
        return []
    return list(
        Persona.objects.filter(
            membership__group=group,
            membership__status=Membership.Status.ACTIVE,
            account__isnull=False,
        )
        .filter(Q(name__istartswith=typed) | Q(name__icontains=f" {typed}"))
        .exclude(pk=viewer.pk)
        .order_by("name")
        .values_list("name", flat=True)[: app_settings.MENTION_SUGGESTIONS]
    )
