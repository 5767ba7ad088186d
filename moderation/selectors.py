"""Reads for moderation pages. Persona-only: nothing returned names an account, an email or
another persona of the same account (DESIGN.md §1)."""

from django.db.models import Count, Prefetch, QuerySet

from community import sanctions
from community.models import Account, Space
from community.spaces import names_of_spaces
from moderation import policies
from moderation.models import Action, AuditEntry, Flag, HeldContent, RevealRequest, ReviewItem


def hosted_space_ids(account) -> frozenset[int]:
    """Spaces `account` hosts (community.sanctions.register_hosts): none, and no query, for
    accounts that cannot host; one query per registering app otherwise."""
    if not policies.may_host(account):
        return frozenset()
    return sanctions.hosted_space_ids(account)


def nav_entry(account) -> dict | None:
    """{"open": n} for the Moderation link, or None when `account` has no moderation scope.

    `n` is what waits for the viewer: open review items and content the automatic filters
    hold (moderation.filters, HeldContent), counted together in one query (a UNION ALL), over
    the viewer's scope: site moderators everything, hosts their groups'. No query for members
    who cannot host; one for site moderators; for advocates one to find what they host, and
    one more to count if they host anything.
    """
    if policies.is_site_moderator(account):
        return {"open": _waiting_count(None)}
    hosted = hosted_space_ids(account)
    if not hosted:
        return None
    return {"open": _waiting_count(hosted)}


def _waiting_count(hosted: frozenset[int] | None) -> int:
    items = ReviewItem.objects.filter(status=ReviewItem.Status.OPEN)
    held = HeldContent.objects.filter(status=HeldContent.Status.HELD)
    if hosted is not None:
        items, held = items.filter(space_id__in=hosted), held.filter(space_id__in=hosted)
    return items.values("pk").union(held.values("pk"), all=True).count()


def author_hosts(account, item: ReviewItem) -> bool:
    """Whether the item's author also hosts its space: asked (one query) only for a viewer
    who is not a site moderator, since only hosts are limited by it."""
    if policies.is_site_moderator(account) or item.author is None or item.space_id is None:
        return False
    author_account = item.author.account
    return author_account is not None and item.space_id in sanctions.hosted_space_ids(
        author_account
    )


def items_in_scope(account, hosted: frozenset[int]) -> QuerySet[ReviewItem]:
    items = ReviewItem.objects.all()
    if not policies.is_site_moderator(account):
        items = items.filter(space_id__in=hosted)
    return items


def queue(
    account,
    hosted: frozenset[int],
    *,
    reason: str = "",
    space: Space | None = None,
    state: str = ReviewItem.Status.OPEN,
) -> QuerySet[ReviewItem]:
    """The review queue in priority order (ReviewItem.queue_order), reasons prefetched: a
    page costs the same number of queries whatever its length."""
    items = items_in_scope(account, hosted).filter(status=state)
    if reason:
        items = items.filter(flags__reason=reason).distinct()
    if space is not None:
        items = items.filter(space_id=space.pk)
    return (
        items.select_related("space", "author")
        .prefetch_related(
            Prefetch("flags", queryset=Flag.objects.only("pk", "item_id", "reason", "wish"))
        )
        .order_by(*ReviewItem.queue_order)
    )


def spaces_in_scope(account, hosted: frozenset[int]) -> list[tuple[Space, str]]:
    """(space, name) of the spaces with review items the viewer may filter on, by name: one
    query for the spaces, one per kind of space for the names."""
    spaces = Space.objects.filter(review_items__isnull=False).distinct()
    if not policies.is_site_moderator(account):
        spaces = Space.objects.filter(pk__in=hosted)
    spaces = list(spaces)
    names = names_of_spaces(spaces)
    return sorted(((space, names.get(space.pk, "")) for space in spaces), key=lambda p: p[1])


def item_in_scope(account, hosted: frozenset[int], public_id: str) -> ReviewItem | None:
    item = (
        items_in_scope(account, hosted)
        .select_related("space", "author", "content_type")
        .filter(public_id=public_id)
        .first()
    )
    return item


def history_of(account: Account | None, *, hosted_only: frozenset[int] | None = None) -> list[dict]:
    """The account's moderation history as counts by (action, rule): no persona, no space
    named. `hosted_only` limits it to those spaces (what a host may know)."""
    if account is None:
        return []
    actions = Action.objects.filter(account=account).exclude(kind=Action.Kind.DISMISS)
    if hosted_only is not None:
        actions = actions.filter(space_id__in=hosted_only)
    rows = actions.values("kind", "rule").annotate(count=Count("pk")).order_by("kind", "rule")
    labels = dict(Action.Kind.choices)
    return [{**row, "label": labels.get(row["kind"], row["kind"])} for row in rows]


def flags_of(account) -> QuerySet[Flag]:
    """The member's own flags, newest first, for "My reports"."""
    return Flag.objects.filter(reporter=account).order_by("-created", "-pk")


def audit_entries(account, hosted: frozenset[int]) -> QuerySet[AuditEntry]:
    entries = AuditEntry.objects.select_related("space")
    if not policies.is_site_moderator(account):
        # Break-glass entries are site-wide staff acts, not a host's to read.
        entries = entries.filter(space_id__in=hosted).exclude(event__startswith="reveal.")
    return entries.order_by("-created", "-pk")


def holds_reveal_permission(account) -> bool:
    """Whether `account` was given `moderation.reveal_account` itself (manage.py grant_reveal):
    one query, for staff only. A superuser's everything-allowed does not count, nor do groups."""
    if not (account and account.is_authenticated and account.is_staff):
        return False
    return account.user_permissions.filter(
        content_type__app_label="moderation", codename="reveal_account"
    ).exists()


def reveal_requests() -> QuerySet[RevealRequest]:
    """Every reveal request, newest first, with its space (for its name)."""
    return RevealRequest.objects.select_related("space").order_by("-created", "-pk")
