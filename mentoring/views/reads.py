"""What the mentoring pages read, in a fixed number of queries each: model rows for templates
and querysets for the lists coordinators page through (`mentoring.selectors` holds the same
reads as plain data, for callers that want no models).

Everything returned shows people as personas of one space: a mentor's profile persona on a
proposal, the two personas of a mentorship on its page. Requests have no persona at all
until a mentorship opens: a mentor and the coordinators see what the request says, never
who wrote it.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from community.models import Account
from mentoring import policies, pools
from mentoring.app_settings import app_settings
from mentoring.models import (
    Feedback,
    FocusArea,
    MentorProfile,
    Mentorship,
    MentorshipRequest,
    Proposal,
)

Status = MentorProfile.Status
State = MentorshipRequest.State

_sorted_areas = Prefetch("focus_areas", queryset=FocusArea.objects.order_by("order", "name"))


def response_deadline(proposal: Proposal) -> datetime:
    return proposal.chosen_at + timedelta(days=app_settings.RESPONSE_DAYS)


# The member's own ---------------------------------------------------------------------------


def own_profile(account: Account) -> MentorProfile | None:
    return (
        MentorProfile.objects.select_related("persona")
        .prefetch_related(_sorted_areas)
        .filter(account=account)
        .first()
    )


def open_request_of(account: Account) -> MentorshipRequest | None:
    return (
        MentorshipRequest.objects.prefetch_related(_sorted_areas)
        .filter(mentee=account, state__in=MentorshipRequest.OPEN_STATES)
        .first()
    )


def offered_proposals(request: MentorshipRequest) -> list[Proposal]:
    """The proposals a mentee may choose from (their request shows proposals), best first,
    with what the cards show: the profile's persona and focus areas, nothing of an account."""
    if request.state != State.PROPOSED:
        return []
    return list(
        request.proposals.filter(state=Proposal.State.OFFERED)
        .select_related("mentor__persona")
        .prefetch_related(Prefetch("mentor__focus_areas", queryset=FocusArea.objects.all()))
        .order_by("rank", "pk")
    )


@dataclass
class MentorshipEntry:
    mentorship: Mentorship
    side: str
    me: object
    other: object


def mentorships_of(account: Account) -> list[MentorshipEntry]:
    """The account's mentorships, on either side, open ones first: each with the two personas
    of that mentorship only."""
    mentorships = (
        Mentorship.objects.filter(Q(mentor__account=account) | Q(mentee__account=account))
        .select_related("mentor", "mentee")
        .order_by("ended_at", "-started")
    )
    entries = []
    for mentorship in mentorships:
        side = policies.side_of(account, mentorship)
        me, other = (
            (mentorship.mentor, mentorship.mentee)
            if side == "mentor"
            else (mentorship.mentee, mentorship.mentor)
        )
        entries.append(MentorshipEntry(mentorship=mentorship, side=side, me=me, other=other))
    # Open first (ended_at NULL sorts last on some databases, first on others).
    entries.sort(key=lambda entry: entry.mentorship.ended_at is not None)
    return entries


def asked_of(account: Account, now: datetime | None = None) -> QuerySet[Proposal]:
    """Proposals a mentee chose that wait for `account`'s answer, oldest first; withheld and
    overdue ones never show."""
    now = now or timezone.now()
    return (
        Proposal.objects.filter(
            mentor__account=account,
            state=Proposal.State.CHOSEN,
            withheld=False,
            request__state=State.CHOSEN,
            chosen_at__gt=now - timedelta(days=app_settings.RESPONSE_DAYS),
        )
        .select_related("request")
        .prefetch_related(Prefetch("request__focus_areas", queryset=FocusArea.objects.all()))
        .order_by("chosen_at", "pk")
    )


def last_closed_request_of(account: Account) -> MentorshipRequest | None:
    """The request "Ask for a new match" repeats: the latest one no longer open."""
    return (
        MentorshipRequest.objects.filter(mentee=account)
        .exclude(state__in=MentorshipRequest.OPEN_STATES)
        .order_by("-created", "-pk")
        .first()
    )


@dataclass
class Overview:
    """The mentoring home page, for one account."""

    profile: MentorProfile | None
    request: MentorshipRequest | None
    proposals: list[Proposal]
    mentorships: list[MentorshipEntry]
    asked_count: int
    is_coordinator: bool
    active_as_mentee: bool = field(init=False)

    def __post_init__(self):
        self.active_as_mentee = any(
            entry.side == "mentee" and entry.mentorship.is_active for entry in self.mentorships
        )


def overview(account: Account, request: MentorshipRequest | None) -> Overview:
    """`request` is the account's open request (`open_request_of`), read by the caller."""
    profile = own_profile(account)
    return Overview(
        profile=profile,
        request=request,
        proposals=offered_proposals(request) if request else [],
        mentorships=mentorships_of(account),
        asked_count=asked_of(account).count() if profile else 0,
        is_coordinator=policies.is_coordinator(account),
    )


# Coordinators -------------------------------------------------------------------------------


def mentors_for_coordinators(status: str) -> QuerySet[MentorProfile]:
    """Profiles in `status`, oldest change first, with their active mentorships counted:
    personas and what the profile says only."""
    return (
        MentorProfile.objects.filter(status=status)
        .select_related("persona")
        .prefetch_related(_sorted_areas)
        .annotate(active_count=pools.active_mentorships_count())
        .order_by("status_changed", "pk")
    )


def mentor_counts() -> dict[str, int]:
    counts = dict.fromkeys(Status.values, 0)
    for row in MentorProfile.objects.values("status").order_by().annotate(count=Count("pk")):
        counts[row["status"]] = row["count"]
    return counts


def waiting_requests() -> QuerySet[MentorshipRequest]:
    """Requests no proposal is open for, oldest first: what they ask for, never who asks."""
    return (
        MentorshipRequest.objects.filter(state=State.WAITING)
        .prefetch_related(_sorted_areas)
        .order_by("created", "pk")
    )


def recent_feedback() -> QuerySet[Feedback]:
    """Feedback left by either side, newest first, with the mentorship's personas."""
    return Feedback.objects.select_related(
        "author", "mentorship__mentor", "mentorship__mentee"
    ).order_by("-created", "-pk")
