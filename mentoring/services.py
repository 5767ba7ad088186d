"""Peer mentoring's rules: volunteering, approval, requests, proposals, mentorships.

Called by views, management commands and signal receivers alike. Every write is a
transaction; bad input raises ValidationError (a dict keyed by form field, in words for the
person), a refused action NotAllowed.

What never happens here, on any path (DESIGN.md §1-§2):
- a mentee sees a mentor's account or group personas: only the profile's own persona;
- a mentor sees anything of a mentee before the mentee chose them, and then only what the
  request says, never an account or a persona;
- a mentorship reuses a persona: both sides get fresh ones in a new space;
- anyone learns that a match did not happen because of a block, the retaliation guard or an
  employer: such a proposal is never offered, or (made before) is withheld and expires like
  an unanswered one, and the mentee reads "still looking" throughout;
- the other side learns who ended a mentorship, or reads the feedback left.
"""

import zoneinfo
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf.locale import LANG_INFO
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from chat.models import Room
from chat.services import end_room, open_room
from community import limits, pseudonyms
from community.errors import NotAllowed
from community.models import Account, Block, Persona, Space
from community.selectors import name_taken_in
from community.services.personas import TAKEN_MESSAGE, create_persona, rename_persona
from community.text import check_length, clean_line, clean_multiline
from mentoring import matching, policies, pools, rooms, spaces
from mentoring.app_settings import app_settings
from mentoring.employers import employer_digest, normalize_employer
from mentoring.models import (
    EmployerEntry,
    Feedback,
    FocusArea,
    MentorProfile,
    Mentorship,
    MentorshipRequest,
    Proposal,
)

State = MentorshipRequest.State
OPEN = MentorshipRequest.OPEN_STATES
ProposalState = Proposal.State
Status = MentorProfile.Status
# Why a chosen proposal is withheld rather than refused: reasons between the two people.
RELATIONAL = frozenset(
    {matching.SAME_ACCOUNT, matching.SAME_EMPLOYER, matching.BLOCKED, matching.GUARDED}
)
NO_LONGER_WAITING = "This request is no longer waiting for your answer."


# Checking what people type ------------------------------------------------------------------


def _clean_focus_areas(focus_areas: Iterable[FocusArea], *, required: bool) -> list[FocusArea]:
    areas = list({area.pk: area for area in focus_areas}.values())
    if required and not areas:
        raise ValidationError({"focus_areas": "Please choose at least one focus area."})
    if any(not area.is_active for area in areas):
        raise ValidationError({"focus_areas": "One of these focus areas is no longer offered."})
    return areas


def _clean_languages(languages: Iterable[str]) -> list[str]:
    codes = []
    for language in languages:
        code = (language or "").strip().lower().replace("_", "-")
        if code not in LANG_INFO or "name" not in LANG_INFO[code]:
            raise ValidationError({"languages": f"{clean_line(language)!r} is not a language."})
        if code not in codes:
            codes.append(code)
    if not codes:
        raise ValidationError({"languages": "Please choose at least one language."})
    if len(codes) > app_settings.MAX_LANGUAGES:
        raise ValidationError(
            {"languages": f"Please choose at most {app_settings.MAX_LANGUAGES} languages."}
        )
    return sorted(codes)


def _clean_time_zone(time_zone: str, *, required: bool) -> str:
    time_zone = (time_zone or "").strip()
    if not time_zone:
        if required:
            raise ValidationError({"time_zone": "Please choose your time zone."})
        return ""
    if time_zone not in zoneinfo.available_timezones():
        raise ValidationError({"time_zone": "Please choose a time zone from the list."})
    return time_zone


def _clean_capacity(capacity) -> int:
    most = app_settings.MAX_CAPACITY
    try:
        capacity = int(capacity)
    except (TypeError, ValueError):
        capacity = 0
    if not 1 <= capacity <= most:
        raise ValidationError({"capacity": f"Please give a number of mentees from 1 to {most}."})
    return capacity


def _text(field: str, value: str, limit: int, label: str, *, multiline: bool = False) -> str:
    value = clean_multiline(value).strip() if multiline else clean_line(value)
    check_length(field=field, value=value, limit=limit, label=label)
    return value


def _checked_name(name: str, account: Account, field: str = "name") -> str:
    """`name` as a persona would store it, checked against every pseudonym rule (not yet
    against the names of a space)."""
    name = pseudonyms.clean_name(name)
    try:
        pseudonyms.validate_name(name, account=account)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from error
    return name


def _name_taken_by_another_mentor(name: str, account: Account) -> bool:
    """Mentors' names are unique among mentors (each lives in a space of its own), so that
    two proposals never look alike."""
    return (
        Persona.objects.filter(space__kind=spaces.MENTOR, name_key=pseudonyms.name_key(name))
        .exclude(account=account)
        .exists()
    )


# Mentors ------------------------------------------------------------------------------------


@transaction.atomic
def volunteer(
    *,
    account: Account,
    name: str,
    focus_areas: Iterable[FocusArea],
    languages: Iterable[str],
    time_zone: str,
    capacity: int,
    availability: str = "",
    bio: str = "",
) -> MentorProfile:
    """`account` offers to mentor, under `name`: a persona in a space of its own, unlinkable
    to its group personas. The profile waits for a coordinator's approval. A retired mentor
    may volunteer again (same persona, renamed if asked)."""
    existing = MentorProfile.objects.select_for_update().filter(account=account).first()
    if existing is not None and existing.status != Status.RETIRED:
        raise NotAllowed("You have already volunteered as a mentor.")
    fields = _profile_fields(
        focus_areas=focus_areas,
        languages=languages,
        time_zone=time_zone,
        capacity=capacity,
        availability=availability,
        bio=bio,
    )
    name = _checked_name(name, account)
    if _name_taken_by_another_mentor(name, account):
        raise ValidationError({"name": TAKEN_MESSAGE})
    if existing is not None:
        _rename(existing.persona, name)
        profile = existing
        profile.status = Status.PENDING
        profile.self_paused = False
        profile.status_changed = timezone.now()
    else:
        space = Space.objects.create(kind=spaces.MENTOR)
        try:
            persona = create_persona(account=account, space=space, name=name)
        except ValidationError as error:
            raise ValidationError({"name": error.messages}) from error
        profile = MentorProfile(account=account, persona=persona)
    areas = fields.pop("focus_areas")
    for field, value in fields.items():
        setattr(profile, field, value)
    try:
        with transaction.atomic():
            profile.save()
    except IntegrityError as error:  # a double submit made the profile first
        raise NotAllowed("You have already volunteered as a mentor.") from error
    profile.focus_areas.set(areas)
    return profile


def _profile_fields(**given) -> dict:
    return {
        "focus_areas": _clean_focus_areas(given["focus_areas"], required=True),
        "languages": _clean_languages(given["languages"]),
        "time_zone": _clean_time_zone(given["time_zone"], required=True),
        "capacity": _clean_capacity(given["capacity"]),
        "availability": _text(
            "availability",
            given["availability"],
            app_settings.MAX_AVAILABILITY_CHARS,
            "availability",
        ),
        "bio": _text("bio", given["bio"], app_settings.MAX_BIO_CHARS, "bio", multiline=True),
    }


def _rename(persona: Persona, name: str) -> None:
    if persona.name == name:
        return
    try:
        rename_persona(persona=persona, name=name)
    except ValidationError as error:
        raise ValidationError({"name": error.messages}) from error


@transaction.atomic
def update_mentor_profile(
    *,
    account: Account,
    name: str,
    focus_areas: Iterable[FocusArea],
    languages: Iterable[str],
    time_zone: str,
    capacity: int,
    availability: str = "",
    bio: str = "",
) -> MentorProfile:
    """`account` edits its own mentor profile; its status stays as it is."""
    profile = MentorProfile.objects.select_for_update().filter(account=account).first()
    if profile is None:
        raise NotAllowed("You have not volunteered as a mentor.")
    if profile.status == Status.RETIRED:
        raise NotAllowed("This profile is retired; volunteer again to mentor.")
    fields = _profile_fields(
        focus_areas=focus_areas,
        languages=languages,
        time_zone=time_zone,
        capacity=capacity,
        availability=availability,
        bio=bio,
    )
    name = _checked_name(name, profile.account)
    if _name_taken_by_another_mentor(name, profile.account):
        raise ValidationError({"name": TAKEN_MESSAGE})
    _rename(profile.persona, name)
    profile.focus_areas.set(fields.pop("focus_areas"))
    for field, value in fields.items():
        setattr(profile, field, value)
    profile.save()
    return profile


def _set_status(profile: MentorProfile, status: str, **extra) -> MentorProfile:
    profile.status = status
    profile.status_changed = timezone.now()
    for field, value in extra.items():
        setattr(profile, field, value)
    profile.save(update_fields=["status", "status_changed", *extra])
    return profile


@transaction.atomic
def approve_mentor(*, coordinator: Account, profile: MentorProfile) -> MentorProfile:
    """A coordinator (advocate or staff, never the mentor) lets a pending or paused mentor be
    proposed."""
    if not policies.can_approve(coordinator, profile):
        raise NotAllowed("You can't approve this mentor.")
    return _set_status(
        profile,
        Status.APPROVED,
        approved_by=coordinator,
        approved_at=timezone.now(),
        self_paused=False,
    )


@transaction.atomic
def pause_mentor(*, coordinator: Account, profile: MentorProfile) -> MentorProfile:
    """No new proposals until a coordinator approves again; their mentorships go on."""
    if not policies.can_pause(coordinator, profile):
        raise NotAllowed("You can't pause this mentor.")
    _set_status(profile, Status.PAUSED, self_paused=False)
    close_open_proposals_of(profile)
    return profile


@transaction.atomic
def retire_mentor(*, coordinator: Account, profile: MentorProfile) -> MentorProfile:
    if not policies.can_retire(coordinator, profile):
        raise NotAllowed("You can't retire this mentor.")
    _set_status(profile, Status.RETIRED, self_paused=False)
    close_open_proposals_of(profile)
    return profile


@transaction.atomic
def retire_profile(*, profile: MentorProfile) -> MentorProfile:
    """Retire a mentor with no coordinator's decision: a moderator removed them (a sanction
    on the profile's persona), or their account is leaving Lantern."""
    if profile.status != Status.RETIRED:
        _set_status(profile, Status.RETIRED, self_paused=False)
        close_open_proposals_of(profile)
    return profile


@transaction.atomic
def pause_self(*, account: Account) -> MentorProfile:
    """The mentor takes a break: no new proposals; their mentorships go on."""
    profile = MentorProfile.objects.select_for_update().filter(account=account).first()
    if profile is None or not policies.can_pause_self(profile):
        raise NotAllowed("Only an approved mentor can pause.")
    _set_status(profile, Status.PAUSED, self_paused=True)
    close_open_proposals_of(profile)
    return profile


@transaction.atomic
def resume_self(*, account: Account) -> MentorProfile:
    profile = MentorProfile.objects.select_for_update().filter(account=account).first()
    if profile is None or not policies.can_resume_self(profile):
        raise NotAllowed("Only a mentor who paused themselves can resume.")
    return _set_status(profile, Status.APPROVED, self_paused=False)


def close_open_proposals_of(profile: MentorProfile) -> None:
    """A mentor who can no longer be proposed (paused, retired, hidden): their offered
    proposals expire, and a mentee waiting for their answer moves on to the next."""
    now = timezone.now()
    open_proposals = Proposal.objects.filter(
        mentor=profile, state__in=(ProposalState.OFFERED, ProposalState.CHOSEN)
    ).select_related("request")
    requests = {proposal.request for proposal in open_proposals}
    open_proposals.update(state=ProposalState.EXPIRED, decided_at=now)
    for request in sorted(requests, key=lambda request: request.pk):
        _move_on(request, now)


# Employers ----------------------------------------------------------------------------------


@transaction.atomic
def add_employer(*, account: Account, name: str) -> None:
    """Remember privately that `account` worked at `name` (only its keyed HMAC is stored).
    Adding one twice changes nothing."""
    check_length(
        field="employer", value=name, limit=app_settings.MAX_EMPLOYER_CHARS, label="employer"
    )
    if not normalize_employer(name):
        raise ValidationError({"employer": "Please write the employer's name."})
    digest = employer_digest(name)
    if EmployerEntry.objects.filter(account=account, digest=digest).exists():
        return
    if EmployerEntry.objects.filter(account=account).count() >= app_settings.MAX_EMPLOYERS:
        raise ValidationError(
            {"employer": f"You can name at most {app_settings.MAX_EMPLOYERS} employers."}
        )
    EmployerEntry.objects.get_or_create(account=account, digest=digest)


@transaction.atomic
def remove_employer(*, account: Account, name: str) -> bool:
    """Forget `name` (written any way that normalizes alike); whether there was such an entry."""
    entries = EmployerEntry.objects.filter(account=account, digest=employer_digest(name))
    deleted, _ = entries.delete()
    return deleted > 0


# Requests and proposals ---------------------------------------------------------------------


def _refuse_second_request(account: Account) -> None:
    if MentorshipRequest.objects.filter(mentee=account, state__in=OPEN).exists():
        raise NotAllowed("You already asked for a mentor; we are still looking.")
    if Mentorship.objects.filter(mentee__account=account, ended_at__isnull=True).exists():
        raise NotAllowed("You have a mentor now. End that mentorship first to ask for another.")


@transaction.atomic
def request_mentor(
    *,
    account: Account,
    focus_areas: Iterable[FocusArea],
    languages: Iterable[str],
    time_zone: str = "",
    hopes: str = "",
) -> MentorshipRequest:
    """`account` asks for a mentor; up to MENTOR_PROPOSALS proposals are made at once (none
    when no mentor fits now: the request waits for coordinators and the batch assignment).
    One open request per account, and none while it has a mentor."""
    _refuse_second_request(account)
    areas = _clean_focus_areas(focus_areas, required=False)
    fields = {
        "languages": _clean_languages(languages),
        "time_zone": _clean_time_zone(time_zone, required=False),
        "hopes": _text("hopes", hopes, app_settings.MAX_HOPES_CHARS, "text", multiline=True),
    }
    limits.hit(
        account=account,
        action="mentor_request",
        rate=app_settings.REQUEST_RATE,
        message="You have asked for a mentor many times in a short while ({rate}). "
        "Please try again later.",
    )
    try:
        with transaction.atomic():
            request = MentorshipRequest.objects.create(mentee=account, **fields)
    except IntegrityError as error:  # a double submit made the open request first
        raise NotAllowed("You already asked for a mentor; we are still looking.") from error
    request.focus_areas.set(areas)
    make_proposals(request)
    request.refresh_from_db()  # the state make_proposals gave it
    return request


@transaction.atomic
def ask_again(*, account: Account, request: MentorshipRequest) -> MentorshipRequest:
    """After a mentorship ended (or a request was withdrawn), ask anew with what `request`
    said. Mentors who mentored this mentee before are not proposed again."""
    request = MentorshipRequest.objects.get(pk=request.pk)
    if request.mentee_id != account.pk or request.is_open:
        raise NotAllowed("You can ask again only with one of your earlier requests.")
    return request_mentor(
        account=account,
        focus_areas=request.focus_areas.filter(is_active=True),
        languages=request.languages,
        time_zone=request.time_zone,
        hopes=request.hopes,
    )


@transaction.atomic
def withdraw_request(*, account: Account, request: MentorshipRequest) -> MentorshipRequest:
    request = _locked(request)
    if request.mentee_id != account.pk or not request.is_open:
        raise NotAllowed("This request is no longer open.")
    now = timezone.now()
    request.proposals.filter(state__in=(ProposalState.OFFERED, ProposalState.CHOSEN)).update(
        state=ProposalState.EXPIRED, decided_at=now
    )
    return _set_state(request, State.WITHDRAWN, now)


def _locked(request: MentorshipRequest) -> MentorshipRequest:
    # Two answers at once (a mentor accepting while the mentee withdraws) take turns here.
    return MentorshipRequest.objects.select_for_update().get(pk=request.pk)


def _set_state(request: MentorshipRequest, state: str, now: datetime) -> MentorshipRequest:
    request.state = state
    request.state_changed = now
    request.save(update_fields=["state", "state_changed"])
    return request


@transaction.atomic
def make_proposals(request: MentorshipRequest, now: datetime | None = None) -> list[Proposal]:
    """Propose the MENTOR_PROPOSALS best mentors for a waiting `request`, ranked, and show
    them to the mentee; none when no mentor fits (the request keeps waiting)."""
    now = now or timezone.now()
    request = _locked(request)
    if request.state != State.WAITING:
        return []
    candidate = pools.load_requests(MentorshipRequest.objects.filter(pk=request.pk), now)[0]
    mentors = pools.load_mentors(now)
    pairs = pools.load_pairs({request.mentee_id} | {mentor.account for mentor in mentors})
    matches = matching.propose(candidate, mentors, app_settings.PROPOSALS, pairs)
    proposals = _create_proposals(request, matches)
    if proposals:
        _set_state(request, State.PROPOSED, now)
    return proposals


def _create_proposals(request: MentorshipRequest, matches: list[matching.Match]):
    return Proposal.objects.bulk_create(
        Proposal(request=request, mentor_id=match.mentor, rank=rank, score=match.score)
        for rank, match in enumerate(matches, start=1)
    )


@transaction.atomic
def choose_proposal(*, account: Account, proposal: Proposal, name: str = "") -> Proposal:
    """The mentee picks one of their proposals; its mentor is asked to accept within
    MENTOR_RESPONSE_DAYS. `name` is the persona name the mentee wants in the mentorship
    (checked now; empty: one is suggested then). The other proposals stay, in rank order,
    for when this mentor declines or does not answer."""
    request = _locked(proposal.request)
    proposal = Proposal.objects.select_related("mentor").get(pk=proposal.pk)
    proposal.request = request
    if not policies.can_choose(account, proposal):
        raise NotAllowed("This proposal is no longer open.")
    request.mentee_name = _checked_name(name, account) if name.strip() else ""
    request.save(update_fields=["mentee_name"])
    now = timezone.now()
    _set_state(request, State.CHOSEN, now)
    _ask(proposal, now)
    if proposal.state != ProposalState.CHOSEN:
        _move_on(request, now)
    return proposal


def _ask(proposal: Proposal, now: datetime) -> None:
    """Put `proposal` before its mentor (chosen), unless the mentor can no longer be asked.

    A mentor no longer available or full is passed over at once (nothing links anyone). A
    pair that became one never to match since it was offered is withheld instead: chosen, but
    never shown to the mentor, so it ends by time-out like an unanswered one."""
    proposal.state = ProposalState.CHOSEN
    proposal.chosen_at = now
    reason = _refusal_now(proposal)
    if reason is not None and reason not in RELATIONAL:
        proposal.state = ProposalState.EXPIRED
        proposal.decided_at = now
    proposal.withheld = reason in RELATIONAL
    proposal.save(update_fields=["state", "chosen_at", "decided_at", "withheld"])


def _refusal_now(proposal: Proposal) -> str | None:
    """Whether `proposal`'s mentor may still be matched with its mentee, counting the other
    proposals waiting for the mentor (this one aside)."""
    profile = MentorProfile.objects.select_related("account").get(pk=proposal.mentor_id)
    if not policies.can_be_proposed(profile, profile.account.is_active):
        return matching.NOT_AVAILABLE
    busy = (
        Mentorship.objects.filter(mentor_profile=profile, ended_at__isnull=True).count()
        + Proposal.objects.filter(mentor=profile, state=ProposalState.CHOSEN, withheld=False)
        .exclude(pk=proposal.pk)
        .count()
    )
    if busy >= profile.capacity:
        return matching.FULL
    return pools.pair_refusal(mentee_id=proposal.request.mentee_id, mentor_id=profile.account_id)


def _move_on(request: MentorshipRequest, now: datetime) -> None:
    """After a proposal ended (declined, expired, withdrawn by a pause): ask the next offered
    mentor in rank order; failing that, make new proposals; failing that, wait. The mentee is
    told nothing but "still looking"."""
    request = _locked(request)
    if not request.is_open:
        return
    if request.proposals.filter(state=ProposalState.CHOSEN).exists():
        return
    offered = list(request.proposals.filter(state=ProposalState.OFFERED).order_by("rank", "pk"))
    if request.state == State.PROPOSED and offered:
        return  # the mentee has proposals left to choose from
    if request.state == State.CHOSEN:
        for proposal in offered:
            _ask(proposal, now)
            if proposal.state == ProposalState.CHOSEN:
                return
    _set_state(request, State.WAITING, now)
    make_proposals(request, now)


def accept_proposal(*, account: Account, proposal: Proposal, name: str = "") -> Mentorship:
    """The chosen mentor accepts: a mentorship opens in a new space, with a fresh persona for
    each side (the mentee's named as they chose, the mentor's `name` or a suggestion), and the
    request's other proposals expire.

    A proposal left too long expires first, and one whose pair became one never to match is
    withheld first (as at choosing: it then times out like an unanswered one), each in a
    transaction of its own, so that the refusal does not undo them."""
    expire_proposals(request=proposal.request)
    if _withhold_if_forbidden(proposal):
        raise NotAllowed(NO_LONGER_WAITING)
    return _accept(account=account, proposal=proposal, name=name)


@transaction.atomic
def _withhold_if_forbidden(proposal: Proposal) -> bool:
    _locked(proposal.request)
    proposal = Proposal.objects.select_related("request").get(pk=proposal.pk)
    if proposal.state != ProposalState.CHOSEN or proposal.withheld:
        return False
    if _refusal_now(proposal) not in RELATIONAL:
        return False
    proposal.withheld = True
    proposal.save(update_fields=["withheld"])
    return True


@transaction.atomic
def _accept(*, account: Account, proposal: Proposal, name: str) -> Mentorship:
    request = _locked(proposal.request)
    proposal = Proposal.objects.select_related("mentor__account").get(pk=proposal.pk)
    proposal.request = request
    if not policies.can_answer(account, proposal):
        raise NotAllowed(NO_LONGER_WAITING)
    mentor_name = _checked_name(name, account) if name.strip() else ""
    if _refusal_now(proposal) is not None:
        raise NotAllowed(
            "You have no free place for a new mentee now (or your profile is paused). "
            "Decline, or end a mentorship first."
        )
    now = timezone.now()
    mentorship = _open_mentorship(request, proposal, mentor_name)
    proposal.state = ProposalState.ACCEPTED
    proposal.decided_at = now
    proposal.save(update_fields=["state", "decided_at"])
    request.proposals.filter(state=ProposalState.OFFERED).update(
        state=ProposalState.EXPIRED, decided_at=now
    )
    _set_state(request, State.MATCHED, now)
    return mentorship


def _open_mentorship(request: MentorshipRequest, proposal: Proposal, mentor_name: str):
    space = Space.objects.create(kind=spaces.MENTORSHIP)
    mentee = _fresh_persona(request.mentee, space, request.mentee_name)
    if mentor_name and name_taken_in(space=space, name=mentor_name):
        raise ValidationError({"name": TAKEN_MESSAGE})
    mentor = _fresh_persona(proposal.mentor.account, space, mentor_name)
    mentorship = Mentorship.objects.create(
        space=space,
        request=request,
        mentor_profile=proposal.mentor,
        mentor=mentor,
        mentee=mentee,
    )
    wanted = set(request.focus_areas.values_list("pk", flat=True))
    offered = set(proposal.mentor.focus_areas.values_list("pk", flat=True))
    mentorship.focus_areas.set(sorted(wanted & offered or wanted))
    # Their private room: chat's consumer and client, the two personas only.
    open_room(space=space, kind=rooms.ROOM_KIND)
    return mentorship


def _fresh_persona(account: Account, space: Space, name: str) -> Persona:
    """A new persona in the mentorship's space: `name` if it still passes the rules and is
    free there, else a suggested one (a chosen name can fail later, the rules having changed)."""
    if name:
        try:
            return create_persona(account=account, space=space, name=name)
        except ValidationError:
            pass
    for _ in range(pseudonyms.SUGGESTION_DRAWS):
        suggestion = pseudonyms.suggest_name()
        if not name_taken_in(space=space, name=suggestion):
            try:
                return create_persona(account=account, space=space, name=suggestion)
            except ValidationError:
                continue
    raise ValidationError({"name": TAKEN_MESSAGE})


@transaction.atomic
def decline_proposal(*, account: Account, proposal: Proposal) -> Proposal:
    """The chosen mentor declines; the mentee moves on to the next proposal, told nothing."""
    request = _locked(proposal.request)
    proposal = Proposal.objects.select_related("mentor").get(pk=proposal.pk)
    proposal.request = request
    if not policies.can_answer(account, proposal):
        raise NotAllowed(NO_LONGER_WAITING)
    _end_chosen(proposal, ProposalState.DECLINED, timezone.now())
    return proposal


def _end_chosen(proposal: Proposal, state: str, now: datetime) -> None:
    proposal.state = state
    proposal.decided_at = now
    proposal.save(update_fields=["state", "decided_at"])
    _move_on(proposal.request, now)


def _is_overdue(proposal: Proposal, now: datetime) -> bool:
    deadline = proposal.chosen_at + timedelta(days=app_settings.RESPONSE_DAYS)
    return proposal.state == ProposalState.CHOSEN and deadline <= now


def expire_proposals(
    now: datetime | None = None,
    *,
    request: MentorshipRequest | None = None,
    mentor: MentorProfile | None = None,
) -> int:
    """Chosen proposals left unanswered for MENTOR_RESPONSE_DAYS expire, and their mentees
    move on. Safe to run from cron and again: each proposal is handled once, in its own
    transaction. With `request` or `mentor`, only theirs: one query when nothing is overdue,
    cheap enough for the pages that show them (the lazy twin of the cron job). Returns how
    many expired."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=app_settings.RESPONSE_DAYS)
    overdue = Proposal.objects.filter(state=ProposalState.CHOSEN, chosen_at__lte=cutoff)
    if request is not None:
        overdue = overdue.filter(request=request)
    if mentor is not None:
        overdue = overdue.filter(mentor=mentor)
    expired = 0
    for proposal_id in list(overdue.order_by("chosen_at", "pk").values_list("pk", flat=True)):
        expired += _expire_one(proposal_id, now)
    return expired


@transaction.atomic
def _expire_one(proposal_id: int, now: datetime) -> int:
    proposal = Proposal.objects.select_related("request").get(pk=proposal_id)
    request = _locked(proposal.request)
    proposal = Proposal.objects.get(pk=proposal_id)  # read again under the request's lock
    proposal.request = request
    if not _is_overdue(proposal, now):
        return 0  # answered meanwhile
    _end_chosen(proposal, ProposalState.EXPIRED, now)
    return 1


@transaction.atomic
def run_batch_assignment(*, coordinator: Account) -> list[Proposal]:
    """Match every waiting request at once, maximizing the total score within every mentor's
    capacity (`matching.assign_batch`), and propose each match to its mentee. Coordinators
    see the result as request public ids and mentor personas only."""
    if not policies.is_coordinator(coordinator):
        raise NotAllowed("Only coordinators can run the batch assignment.")
    now = timezone.now()
    expire_proposals(now)
    waiting = MentorshipRequest.objects.select_for_update().filter(state=State.WAITING)
    requests = pools.load_requests(waiting, now)
    mentors = pools.load_mentors(now)
    accounts = {request.account for request in requests} | {m.account for m in mentors}
    matches = matching.assign_batch(requests, mentors, pools.load_pairs(accounts))
    # One insert and one update for the lot: a batch may propose thousands.
    proposals = Proposal.objects.bulk_create(
        Proposal(request_id=match.request, mentor_id=match.mentor, rank=1, score=match.score)
        for match in matches
    )
    MentorshipRequest.objects.filter(
        pk__in=[match.request for match in matches], state=State.WAITING
    ).update(state=State.PROPOSED, state_changed=now)
    return proposals


# Mentorships --------------------------------------------------------------------------------


@transaction.atomic
def end_mentorship(*, account: Account, mentorship: Mentorship, feedback: str = "") -> Mentorship:
    """Either side ends the mentorship, at once. The other side sees that it ended, never by
    whom; `feedback` goes to the coordinators only."""
    mentorship = Mentorship.objects.select_for_update().get(pk=mentorship.pk)
    side = policies.side_of(account, mentorship)
    if side is None:
        raise NotAllowed("This is not your mentorship.")
    if not mentorship.is_active:
        raise NotAllowed("This mentorship has already ended.")
    text = _feedback_text(feedback)
    _end(mentorship, Mentorship.EndReason.ENDED, by=_persona_of(mentorship, side))
    if text:
        _store_feedback(mentorship, side, text)
    return mentorship


@transaction.atomic
def leave_feedback(*, account: Account, mentorship: Mentorship, text: str) -> Feedback:
    """Private feedback for the coordinators, from either side, during or after it."""
    side = policies.side_of(account, mentorship)
    if side is None:
        raise NotAllowed("This is not your mentorship.")
    text = _feedback_text(text)
    if not text:
        raise ValidationError({"feedback": "Please write your feedback."})
    return _store_feedback(mentorship, side, text)


def _feedback_text(text: str) -> str:
    return _text("feedback", text, app_settings.MAX_FEEDBACK_CHARS, "feedback", multiline=True)


def _persona_of(mentorship: Mentorship, side: str) -> Persona:
    return mentorship.mentor if side == Feedback.Side.MENTOR else mentorship.mentee


def _store_feedback(mentorship: Mentorship, side: str, text: str) -> Feedback:
    return Feedback.objects.create(
        mentorship=mentorship, author=_persona_of(mentorship, side), side=side, text=text
    )


def _end(mentorship: Mentorship, reason: str, *, by: Persona | None) -> None:
    """End it now; its room becomes read-only and its open sockets close, with the same
    words whoever ended it and why (a block ends it silently)."""
    mentorship.ended_at = timezone.now()
    mentorship.ended_by = by
    mentorship.end_reason = reason
    mentorship.save(update_fields=["ended_at", "ended_by", "end_reason"])
    for room in Room.objects.filter(space_id=mentorship.space_id):
        end_room(room, detail="This mentorship has ended. You can no longer write here.")


@transaction.atomic
def end_mentorships_after_blocks(*, blocker_id: int) -> int:
    """What the blocks `blocker_id` made mean for mentoring, at once and silently:

    - a block of the other side's persona in a mentorship ends that mentorship (the other side
      sees it ended, as if by a click; never that it was a block);
    - a block of a mentor's profile persona (from a proposal) closes the blocker's open
      proposals from that mentor, and the request moves on.

    Blocks made in other spaces change nothing here now: the two are only never matched
    again (the matcher reads every block), because ending anything would let the blocker
    find the other's personas by watching (DESIGN.md §2). Returns how many mentorships ended.
    """
    blocked = Block.objects.filter(blocker_id=blocker_id)
    in_mentorships = blocked.filter(persona__space__kind=spaces.MENTORSHIP).values("persona")
    ending = Mentorship.objects.select_for_update().filter(
        Q(mentor__in=in_mentorships, mentee__account_id=blocker_id)
        | Q(mentee__in=in_mentorships, mentor__account_id=blocker_id),
        ended_at__isnull=True,
    )
    ended = 0
    for mentorship in ending.select_related("mentor", "mentee"):
        side = policies.side_of_account_id(blocker_id, mentorship)
        _end(mentorship, Mentorship.EndReason.BLOCKED, by=_persona_of(mentorship, side))
        ended += 1
    profiles = blocked.filter(persona__space__kind=spaces.MENTOR).values("persona")
    now = timezone.now()
    for proposal in Proposal.objects.filter(
        mentor__persona__in=profiles,
        request__mentee_id=blocker_id,
        state__in=(ProposalState.OFFERED, ProposalState.CHOSEN),
    ).select_related("request"):
        proposal.state = ProposalState.EXPIRED
        proposal.decided_at = now
        proposal.save(update_fields=["state", "decided_at"])
        _move_on(proposal.request, now)
    return ended


@transaction.atomic
def end_mentorship_by_moderation(*, persona: Persona) -> list[Mentorship]:
    """A moderator removed `persona` from its mentorship (community.sanctions REMOVE).
    Returns the mentorships it ended."""
    return _end_open(Q(mentor=persona) | Q(mentee=persona), Mentorship.EndReason.REMOVED)


def _end_open(which: Q, reason: str) -> list[Mentorship]:
    """End the open mentorships `which` selects, with no one's click; returns them, their
    personas and accounts loaded for telling the other sides."""
    ending = Mentorship.objects.filter(which, ended_at__isnull=True).select_related(
        "mentor__account", "mentee__account", "space"
    )
    # The mentorships' rows only: PostgreSQL refuses to lock the nullable side of the outer
    # joins (a former member's persona has no account).
    ended = list(ending.select_for_update(of=("self",)))
    for mentorship in ended:
        _end(mentorship, reason, by=None)
    return ended


def end_everything_of(account: Account) -> list[Mentorship]:
    """`account` is leaving Lantern: its open request is withdrawn, its mentorships end (the
    other side sees them ended), and as a mentor its open proposals close and its mentees
    move on. Called by the erasure part, before the account's personas are detached.
    Returns the mentorships it ended."""
    for request in MentorshipRequest.objects.filter(mentee=account, state__in=OPEN):
        withdraw_request(account=account, request=request)
    ended = _end_open(
        Q(mentor__account=account) | Q(mentee__account=account), Mentorship.EndReason.LEFT
    )
    profile = MentorProfile.objects.filter(account=account).first()
    if profile is not None:
        retire_profile(profile=profile)
    return ended
