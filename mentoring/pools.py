"""The thin loader between the database and `mentoring.matching`'s plain dataclasses.

A fixed number of queries whatever the pool's size: mentors (with their load counted in
subqueries), their focus areas, the requests' focus areas and exclusions, employers, blocks
and each "never pair" provider (`community.pairs`) over the accounts of the pool.
"""

import zoneinfo
from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from community import pairs as never_pairs
from community.selectors import blocked_pairs_among
from mentoring import matching
from mentoring.models import (
    EmployerEntry,
    MentorProfile,
    Mentorship,
    MentorshipRequest,
    Proposal,
)


def utc_offset_minutes(zone_name: str, at: datetime | None = None) -> int | None:
    """Minutes east of UTC in `zone_name` at `at` (now), or None for an empty or unknown zone."""
    if not zone_name:
        return None
    try:
        zone = zoneinfo.ZoneInfo(zone_name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None
    offset = (at or timezone.now()).astimezone(zone).utcoffset()
    return int(offset.total_seconds() // 60) if offset is not None else None


def _count_per_mentor(queryset, mentor_field: str) -> Coalesce:
    """COUNT(*) of `queryset`'s rows for the outer MentorProfile, as a subquery (0 for none)."""
    counted = (
        queryset.filter(**{mentor_field: OuterRef("pk")})
        .order_by()
        .values(mentor_field)
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def active_mentorships_count() -> Coalesce:
    return _count_per_mentor(Mentorship.objects.filter(ended_at__isnull=True), "mentor_profile")


def waiting_proposals_count() -> Coalesce:
    """Proposals a mentee chose that wait for this mentor's answer: they hold a place."""
    waiting = Proposal.objects.filter(state=Proposal.State.CHOSEN, withheld=False)
    return _count_per_mentor(waiting, "mentor")


def mentors_with_load():
    """Approved, visible mentors of active accounts, annotated with `active_count` (active
    mentorships) and `waiting_count` (proposals waiting for their answer)."""
    return (
        MentorProfile.objects.filter(
            status=MentorProfile.Status.APPROVED,
            hidden_at__isnull=True,
            account__is_active=True,
        )
        .annotate(active_count=active_mentorships_count(), waiting_count=waiting_proposals_count())
        .order_by("pk")
    )


def _focus_areas_of(model, ids: list[int]) -> dict[int, frozenset[int]]:
    through = model.focus_areas.through
    owner = f"{model._meta.model_name}_id"
    found: dict[int, set[int]] = defaultdict(set)
    for owner_id, area_id in through.objects.filter(**{f"{owner}__in": ids}).values_list(
        owner, "focusarea_id"
    ):
        found[owner_id].add(area_id)
    return {owner_id: frozenset(areas) for owner_id, areas in found.items()}


def _employers_of(account_ids: Iterable[int]) -> dict[int, frozenset[str]]:
    found: dict[int, set[str]] = defaultdict(set)
    for account_id, digest in EmployerEntry.objects.filter(account_id__in=account_ids).values_list(
        "account_id", "digest"
    ):
        found[account_id].add(digest)
    return {account_id: frozenset(digests) for account_id, digests in found.items()}


def load_mentors(at: datetime | None = None) -> list[matching.Mentor]:
    """Every mentor who could be proposed now, as `matching.Mentor`s (three queries)."""
    profiles = list(
        mentors_with_load().values(
            "pk", "account_id", "languages", "time_zone", "capacity", "active_count",
            "waiting_count",
        )
    )  # fmt: skip
    areas = _focus_areas_of(MentorProfile, [profile["pk"] for profile in profiles])
    employers = _employers_of([profile["account_id"] for profile in profiles])
    return [
        matching.Mentor(
            id=profile["pk"],
            account=profile["account_id"],
            languages=frozenset(profile["languages"]),
            focus_areas=areas.get(profile["pk"], frozenset()),
            utc_offset=utc_offset_minutes(profile["time_zone"], at),
            capacity=profile["capacity"],
            load=profile["active_count"] + profile["waiting_count"],
            employers=employers.get(profile["account_id"], frozenset()),
        )
        for profile in profiles
    ]


def load_requests(requests, at: datetime | None = None) -> list[matching.Request]:
    """`requests` (a queryset of MentorshipRequest) as `matching.Request`s (five queries):
    each excludes the mentors already proposed for it and those who mentored its mentee."""
    rows = list(requests.order_by("pk").values("pk", "mentee_id", "languages", "time_zone"))
    ids = [row["pk"] for row in rows]
    mentee_ids = {row["mentee_id"] for row in rows}
    areas = _focus_areas_of(MentorshipRequest, ids)
    excluded: dict[int, set[int]] = defaultdict(set)
    for request_id, mentor_id in Proposal.objects.filter(request_id__in=ids).values_list(
        "request_id", "mentor_id"
    ):
        excluded[request_id].add(mentor_id)
    mentored_by: dict[int, set[int]] = defaultdict(set)
    for mentee_id, mentor_id in Mentorship.objects.filter(
        mentee__account_id__in=mentee_ids, mentor_profile__isnull=False
    ).values_list("mentee__account_id", "mentor_profile_id"):
        mentored_by[mentee_id].add(mentor_id)
    employers = _employers_of(mentee_ids)
    return [
        matching.Request(
            id=row["pk"],
            account=row["mentee_id"],
            languages=frozenset(row["languages"]),
            focus_areas=areas.get(row["pk"], frozenset()),
            utc_offset=utc_offset_minutes(row["time_zone"], at),
            excluded_mentors=frozenset(excluded[row["pk"]] | mentored_by[row["mentee_id"]]),
            employers=employers.get(row["mentee_id"], frozenset()),
        )
        for row in rows
    ]


def load_pairs(account_ids: set[int]) -> matching.Pairs:
    """Blocks and the providers' forbidden pairs among `account_ids` (one query each)."""
    ids = sorted(account_ids)
    return matching.Pairs(
        blocked=frozenset(blocked_pairs_among(ids)),
        guarded=frozenset(never_pairs.forbidden_pairs(ids)),
    )


def pair_refusal(*, mentee_id: int, mentor_id: int) -> str | None:
    """Why two accounts may not be matched now, for the reasons between the two people
    (blocks, the guard, a shared employer, one account), or None. Three queries."""
    if mentee_id == mentor_id:
        return matching.SAME_ACCOUNT
    employers = _employers_of([mentee_id, mentor_id])
    if employers.get(mentee_id, frozenset()) & employers.get(mentor_id, frozenset()):
        return matching.SAME_EMPLOYER
    found = load_pairs({mentee_id, mentor_id})
    together = matching.pair(mentee_id, mentor_id)
    if together in found.blocked:
        return matching.BLOCKED
    if together in found.guarded:
        return matching.GUARDED
    return None
