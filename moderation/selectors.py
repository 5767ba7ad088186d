"""Reads for moderation pages. Persona-only: nothing returned names an account, an email or
another persona of the same account (DESIGN.md §1)."""

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    F,
    IntegerField,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)

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


# The queue's states: "open" is everything waiting (open review items and held content, as the
# Moderation link counts them), "held" the held content alone, "decided" what moderators
# decided (items, and held content they released or kept back).
OPEN, HELD, DECIDED = "open", "held", "decided"
QUEUE_STATES = [
    (OPEN, "Open (flagged or held)"),
    (HELD, "Held before publishing"),
    (DECIDED, "Decided"),
]
HELD_DECIDED = (HeldContent.Status.RELEASED, HeldContent.Status.REJECTED)
# The queue's own ordering columns, the same on both sides of its UNION ALL (`queue`).
_ROW_COLUMNS = ("row_kind", "row_pk", "row_boosted", "row_urgent", "row_flaggers", "row_created")
ROW_ORDER = ("-row_boosted", "-row_urgent", "-row_flaggers", "row_created", "row_kind", "row_pk")


def queue(
    account,
    hosted: frozenset[int],
    *,
    reason: str = "",
    space: Space | None = None,
    state: str = OPEN,
) -> QuerySet:
    """The review queue's rows in priority order: review items and the content the automatic
    filters hold, in one list (a UNION ALL of their ordering columns), so that one page, its
    count and its order cover both. Rows are {"row_kind": "item" or "held", "row_pk": ...};
    `load_rows` turns a page of them into objects.

    Held content ranks as an item nobody flagged would: by age, except that identity exposure
    (`personal_info`) comes with the urgent items, as a flag with that reason does. `reason`
    filters items on their flags' reasons and held content on its own (personal_info or
    word_list); `space` and the viewer's scope apply to both.
    """
    parts = []
    if state in (OPEN, DECIDED) and reason != HeldContent.Reason.WORD_LIST:
        parts.append(_item_rows(account, hosted, reason=reason, space=space, state=state))
    if reason in ("", *HeldContent.Reason.values):
        parts.append(_held_rows(account, hosted, reason=reason, space=space, state=state))
    if not parts:
        return ReviewItem.objects.none().values("pk")
    rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return rows.order_by(*ROW_ORDER)


def _item_rows(account, hosted, *, reason, space, state) -> QuerySet:
    status = ReviewItem.Status.DECIDED if state == DECIDED else ReviewItem.Status.OPEN
    items = items_in_scope(account, hosted).filter(status=status)
    if reason:
        items = items.filter(pk__in=Flag.objects.filter(reason=reason).values("item_id"))
    if space is not None:
        items = items.filter(space_id=space.pk)
    return items.annotate(
        row_kind=Value("item", output_field=CharField()),
        row_pk=F("pk"),
        row_boosted=F("boosted"),
        row_urgent=F("urgent"),
        row_flaggers=F("flagger_count"),
        row_created=F("created"),
    ).values(*_ROW_COLUMNS)


def held_in_scope(account, hosted: frozenset[int]) -> QuerySet[HeldContent]:
    """Held content of the viewer's scope, whatever its status: the same scope as the
    Moderation link's count (site moderators everything, hosts their groups')."""
    held = HeldContent.objects.all()
    if not policies.is_site_moderator(account):
        held = held.filter(space_id__in=hosted)
    return held


def _held_rows(account, hosted, *, reason, space, state) -> QuerySet:
    held = held_in_scope(account, hosted)
    if state == DECIDED:
        held = held.filter(status__in=HELD_DECIDED)
    else:
        held = held.filter(status=HeldContent.Status.HELD)
    if reason:
        held = held.filter(reason=reason)
    if space is not None:
        held = held.filter(space_id=space.pk)
    exposure = Q(reason=HeldContent.Reason.PERSONAL_INFO)
    return held.annotate(
        row_kind=Value("held", output_field=CharField()),
        row_pk=F("pk"),
        row_boosted=Value(False, output_field=BooleanField()),
        row_urgent=Case(
            When(exposure, then=Value(True)), default=Value(False), output_field=BooleanField()
        ),
        row_flaggers=Value(0, output_field=IntegerField()),
        row_created=F("created"),
    ).values(*_ROW_COLUMNS)


def load_rows(rows) -> list:
    """The objects of a page of `queue` rows, in its order: review items (with their space,
    author and flags' reasons) and held content (with its space and author). Three queries
    at most, whatever the page's length."""
    rows = list(rows)
    item_pks = [row["row_pk"] for row in rows if row["row_kind"] == "item"]
    held_pks = [row["row_pk"] for row in rows if row["row_kind"] == "held"]
    items, held = {}, {}
    if item_pks:
        items = (
            ReviewItem.objects.select_related("space", "author")
            .prefetch_related(
                Prefetch("flags", queryset=Flag.objects.only("pk", "item_id", "reason", "wish"))
            )
            .in_bulk(item_pks)
        )
    if held_pks:
        held = HeldContent.objects.select_related("space", "author").in_bulk(held_pks)
    found = {"item": items, "held": held}
    loaded = []
    for row in rows:
        entry = found[row["row_kind"]].get(row["row_pk"])
        if entry is None:  # deleted between the two queries: left out rather than shown
            continue
        entry.row_kind = row["row_kind"]
        loaded.append(entry)
    return loaded


def spaces_in_scope(account, hosted: frozenset[int]) -> list[tuple[Space, str]]:
    """(space, name) of the spaces the viewer may filter the queue on, by name: for site
    moderators those with review items or held content, for hosts theirs. One query for the
    spaces, one per kind of space for the names."""
    if policies.is_site_moderator(account):
        spaces = Space.objects.filter(
            Q(pk__in=ReviewItem.objects.values("space_id"))
            | Q(pk__in=HeldContent.objects.values("space_id"))
        )
    else:
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
