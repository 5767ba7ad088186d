"""What each person may read of mentoring, as plain data ready for a page.

Each function answers for one viewer and carries only what that viewer may see (DESIGN.md
§1): a mentee sees a mentor's profile persona; a chosen mentor sees what a request says; a
coordinator sees public ids and personas; nobody sees an account, an email, an employer or a
persona of another space. Dates on people are coarse (the day at most).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf.locale import LANG_INFO
from django.db.models import Prefetch

from community.models import Account, Persona
from community.selectors import names
from mentoring import pools, services, spaces
from mentoring.app_settings import app_settings
from mentoring.models import (
    Feedback,
    FocusArea,
    MentorProfile,
    Mentorship,
    MentorshipRequest,
    Proposal,
)

State = MentorshipRequest.State
# Width of the time zone bands shown instead of a zone, in hours.
ZONE_BAND_HOURS = 3


def language_names(codes: list[str]) -> list[str]:
    return [LANG_INFO.get(code, {}).get("name", code) for code in codes]


def _signed(hours: int) -> str:
    return f"UTC{'+' if hours >= 0 else '-'}{abs(hours)}"


def time_zone_band(zone_name: str) -> str:
    """A band of UTC offsets ("UTC+0 to UTC+3") instead of the zone itself, which could help
    tell who someone is; "" when there is no zone."""
    offset = pools.utc_offset_minutes(zone_name)
    if offset is None:
        return ""
    start = (offset // 60) // ZONE_BAND_HOURS * ZONE_BAND_HOURS
    return f"{_signed(start)} to {_signed(start + ZONE_BAND_HOURS)}"


def _area_names(areas) -> list[str]:
    return [area.name for area in sorted(areas, key=lambda area: (area.order, area.name))]


def is_name_used_elsewhere(account: Account, name: str) -> bool:
    """Whether `account` already goes by `name` (or a lookalike) in any space: the form that
    picks a mentor or mentorship name says so before the member confirms (DESIGN.md §1)."""
    return names.name_used_elsewhere(account, name)


def focus_areas_offered() -> list[FocusArea]:
    return list(FocusArea.objects.filter(is_active=True))


# Mentees --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProposalCard:
    """One mentor proposed to a mentee: the profile persona and what it offers."""

    public_id: str
    mentor_name: str
    mentor_profile_public_id: str
    focus_areas: list[str]
    languages: list[str]
    time_zone_band: str
    availability: str
    bio: str


def open_request_of(account: Account) -> MentorshipRequest | None:
    """The account's open request, after expiring its overdue proposal if any (the lazy
    twin of `manage.py expire_proposals`)."""
    request = MentorshipRequest.objects.filter(
        mentee=account, state__in=MentorshipRequest.OPEN_STATES
    ).first()
    if request is not None and request.state == State.CHOSEN:
        services.expire_proposals(request=request)
        request.refresh_from_db()
        if not request.is_open:
            return None
    return request


def proposals_for(request: MentorshipRequest) -> list[ProposalCard]:
    """The proposals a mentee may choose from now, best first; none unless they are choosing
    (once they chose, they read "still looking" until a mentor accepts)."""
    if request.state != State.PROPOSED:
        return []
    proposals = (
        Proposal.objects.filter(request=request, state=Proposal.State.OFFERED)
        .select_related("mentor__persona")
        .prefetch_related(Prefetch("mentor__focus_areas"))
        .order_by("rank", "pk")
    )
    return [
        ProposalCard(
            public_id=proposal.public_id,
            mentor_name=proposal.mentor.persona.display_name,
            mentor_profile_public_id=proposal.mentor.public_id,
            focus_areas=_area_names(proposal.mentor.focus_areas.all()),
            languages=language_names(proposal.mentor.languages),
            time_zone_band=time_zone_band(proposal.mentor.time_zone),
            availability=proposal.mentor.availability,
            bio=proposal.mentor.bio,
        )
        for proposal in proposals
    ]


def mentee_status(request: MentorshipRequest | None) -> str:
    """What a mentee reads about their request: "choose" (proposals to pick from), "still
    looking" (waiting, or waiting for a mentor's answer: never which), or "" (none open)."""
    if request is None or not request.is_open:
        return ""
    return "choose" if request.state == State.PROPOSED else "still looking"


# Mentors --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RequestCard:
    """A request whose mentee chose this mentor: what they asked for, no one's name."""

    proposal_public_id: str
    focus_areas: list[str]
    languages: list[str]
    time_zone_band: str
    hopes: str
    answer_by: date


def requests_waiting_for(profile: MentorProfile) -> list[RequestCard]:
    """The requests waiting for `profile`'s answer (a withheld one never shows), oldest
    first, after expiring those left too long."""
    services.expire_proposals(mentor=profile)
    waiting = Proposal.objects.filter(
        mentor=profile, state=Proposal.State.CHOSEN, withheld=False
    ).select_related("request")
    days = timedelta(days=app_settings.RESPONSE_DAYS)
    return [
        RequestCard(
            proposal_public_id=proposal.public_id,
            focus_areas=_area_names(proposal.request.focus_areas.all()),
            languages=language_names(proposal.request.languages),
            time_zone_band=time_zone_band(proposal.request.time_zone),
            hopes=proposal.request.hopes,
            answer_by=(proposal.chosen_at + days).date(),
        )
        for proposal in waiting.prefetch_related("request__focus_areas").order_by("chosen_at", "pk")
    ]


# Mentorships ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class MentorshipView:
    """A mentorship as one side sees it: both personas of this space, never who ended it."""

    public_id: str
    side: str
    your_name: str
    other_name: str
    other_persona_public_id: str
    focus_areas: list[str]
    started: date
    ended: bool


def mentorship_view(mentorship: Mentorship, persona: Persona) -> MentorshipView:
    mine_is_mentor = persona.pk == mentorship.mentor_id
    other = mentorship.mentee if mine_is_mentor else mentorship.mentor
    return MentorshipView(
        public_id=mentorship.public_id,
        side="mentor" if mine_is_mentor else "mentee",
        your_name=persona.display_name,
        other_name=other.display_name,
        other_persona_public_id=other.public_id,
        focus_areas=_area_names(mentorship.focus_areas.all()),
        started=mentorship.started.date(),
        ended=not mentorship.is_active,
    )


def mentorships_of(account: Account) -> list[tuple[Mentorship, Persona]]:
    """Each mentorship `account` is in, with its persona there, newest first."""
    personas = Persona.objects.filter(account=account, space__kind=spaces.MENTORSHIP)
    by_space = {persona.space_id: persona for persona in personas}
    mentorships = Mentorship.objects.filter(space_id__in=by_space).select_related(
        "mentor", "mentee"
    )
    return [
        (mentorship, by_space[mentorship.space_id])
        for mentorship in mentorships.order_by("-started", "-pk")
    ]


# Coordinators ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class WaitingRequest:
    public_id: str
    focus_areas: list[str]
    languages: list[str]
    time_zone_band: str
    waiting_since: date


def waiting_requests() -> list[WaitingRequest]:
    """Requests no mentor could be proposed for yet, oldest first: by public id, never a
    name (the mentee has no persona until a mentorship opens)."""
    requests = (
        MentorshipRequest.objects.filter(state=State.WAITING)
        .prefetch_related("focus_areas")
        .order_by("created", "pk")
    )
    return [
        WaitingRequest(
            public_id=request.public_id,
            focus_areas=_area_names(request.focus_areas.all()),
            languages=language_names(request.languages),
            time_zone_band=time_zone_band(request.time_zone),
            waiting_since=request.state_changed.date(),
        )
        for request in requests
    ]


@dataclass(frozen=True)
class MentorRow:
    public_id: str
    name: str
    status: str
    focus_areas: list[str]
    languages: list[str]
    capacity: int
    active_mentorships: int
    hidden: bool


def mentors_for_coordinators(status: str | None = None) -> list[MentorRow]:
    """Mentor profiles by their persona, optionally of one status, pending first."""
    profiles = MentorProfile.objects.select_related("persona").annotate(
        active=pools.active_mentorships_count()
    )
    if status:
        profiles = profiles.filter(status=status)
    return [
        MentorRow(
            public_id=profile.public_id,
            name=profile.persona.display_name,
            status=profile.status,
            focus_areas=_area_names(profile.focus_areas.all()),
            languages=language_names(profile.languages),
            capacity=profile.capacity,
            active_mentorships=profile.active,
            hidden=profile.hidden_at is not None,
        )
        for profile in profiles.prefetch_related("focus_areas").order_by("created", "pk")
    ]


@dataclass(frozen=True)
class FeedbackEntry:
    mentorship_public_id: str
    side: str
    name: str
    text: str
    created: date


def feedback_for_coordinators() -> list[FeedbackEntry]:
    """Feedback left on ending mentorships, newest first, under the mentorship's personas."""
    entries = Feedback.objects.select_related("mentorship", "author").order_by("-created", "-pk")
    return [
        FeedbackEntry(
            mentorship_public_id=entry.mentorship.public_id,
            side=entry.side,
            name=entry.author.display_name if entry.author else "",
            text=entry.text,
            created=entry.created.date(),
        )
        for entry in entries
    ]
