"""Reads for the groups pages. Each returns what one page needs in a fixed number of queries.

Nothing here returns an account to a template: people are personas of the group's space.
"""

from datetime import timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from community.models import Account, Block, Persona
from community.selectors import blocked_accounts_of
from groups.app_settings import app_settings
from groups.models import Group, JoinRequest, Membership, Post, Thread


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


def _hidden_authors(account) -> QuerySet:
    if not account.is_authenticated:
        return Account.objects.none().values("pk")
    return blocked_accounts_of(account)


def threads_of(group: Group, *, viewer) -> QuerySet[Thread]:
    """Threads of the group page: pinned first, then newest activity; blocked authors hidden."""
    return (
        Thread.objects.filter(group=group)
        .exclude(author__account__in=_hidden_authors(viewer))
        .select_related("author")
        .annotate(post_count=Count("posts", filter=Q(posts__deleted_at__isnull=True)))
        .order_by("-is_pinned", "-last_activity", "-pk")
    )


def thread_in(group: Group, public_id: str, *, viewer) -> Thread | None:
    """The thread, unless `viewer` blocked its author: then None (404), as on the group page.

    A blocker sees nothing of a blocked account, so the thread it started is gone for them,
    title included, even by direct URL; replies by others in it go with it. The blocked
    author sees no difference (DESIGN.md §2).
    """
    return (
        Thread.objects.select_related("author")
        .filter(group=group, public_id=public_id)
        .exclude(author__account__in=_hidden_authors(viewer))
        .first()
    )


def posts_of(thread: Thread, *, viewer) -> QuerySet[Post]:
    """The thread's posts in order, without those of accounts the viewer blocked (silently).

    Authors come with the query so a page of posts costs the same whatever its length.
    """
    return (
        Post.objects.filter(thread=thread)
        .exclude(author__account__in=_hidden_authors(viewer))
        .select_related("author")
        .order_by("created", "pk")
    )


def page_number_of(post: Post, *, viewer) -> int:
    """The page of its thread (as `viewer` sees it) where `post` appears."""
    before = (
        posts_of(post.thread, viewer=viewer)
        .filter(Q(created__lt=post.created) | Q(created=post.created, pk__lt=post.pk))
        .count()
    )
    return before // app_settings.POSTS_PER_PAGE + 1


def post_in(group: Group, public_id: str) -> Post | None:
    return (
        Post.objects.select_related("thread", "author")
        .filter(thread__group=group, public_id=public_id)
        .first()
    )


def authors_to_notify(thread: Thread, *, replier: Persona) -> QuerySet[Account]:
    """Accounts that posted in `thread`, but not the replier, nor those who blocked the replier
    or the thread's author (the thread is 404 for them, so a notice would lead nowhere)."""
    blockers = Block.objects.filter(blocked__in=[replier.account_id, thread.author.account_id])
    return (
        Account.objects.filter(
            personas__posts__thread=thread, personas__posts__deleted_at__isnull=True
        )
        .exclude(pk=replier.account_id)
        .exclude(pk__in=blockers.values("blocker"))
        .distinct()
    )
