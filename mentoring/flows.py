"""What the mentoring pages do around `mentoring.services`: each step a person takes, then the
notifications it owes to the other people it moved.

The services decide (who is asked next when a mentor declines, which requests a batch
assignment matches); this module only calls them and tells whoever should hear of it:

- a mentor when a mentee's choice now waits for their answer (`MENTOR_ASKED`), whichever path
  put it there (the mentee's choice, another mentor's decline, a pause, a batch);
- a mentee when proposals appear for a request that was waiting (`MENTORS_PROPOSED`);
- the mentee when the mentor accepted (`MENTOR_ACCEPTED`);
- the other side when a mentorship ends, by a click or by a block (`MENTORSHIP_ENDED`): the
  same words either way, so a block never shows (DESIGN.md §2).

Notification texts name nobody, and no one is told about their own step. A proposal withheld
by the services (the pair became one never to match) is never announced.
"""

from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from community.models import Account, Notification, Persona
from community.services.notifications import notify
from mentoring import notification_kinds as kinds
from mentoring import services
from mentoring.app_settings import app_settings
from mentoring.models import MentorProfile, Mentorship, MentorshipRequest, Proposal

ASKED_TEXT = "A mentee chose you as their mentor. Please accept or decline within {days} days."
PROPOSED_TEXT = "There are mentors for you to choose from."
ACCEPTED_TEXT = "Your mentor accepted: your mentorship has begun."
ENDED_TEXT = "A mentorship of yours has ended."


# Steps --------------------------------------------------------------------------------------


@transaction.atomic
def request_mentor(*, account: Account, **fields) -> MentorshipRequest:
    return services.request_mentor(account=account, **fields)


@transaction.atomic
def ask_again(*, account: Account, request: MentorshipRequest) -> MentorshipRequest:
    return services.ask_again(account=account, request=request)


@transaction.atomic
def choose_proposal(*, account: Account, proposal: Proposal, name: str = "") -> Proposal:
    since = timezone.now()
    chosen = services.choose_proposal(account=account, proposal=proposal, name=name)
    tell_who_moved(since, actor=account)
    return chosen


@transaction.atomic
def decline_proposal(*, account: Account, proposal: Proposal) -> Proposal:
    since = timezone.now()
    declined = services.decline_proposal(account=account, proposal=proposal)
    tell_who_moved(since, actor=account)
    return declined


@transaction.atomic
def accept_proposal(*, account: Account, proposal: Proposal, name: str = "") -> Mentorship:
    mentorship = services.accept_proposal(account=account, proposal=proposal, name=name)
    notify(
        account=mentorship.mentee.account,
        kind=kinds.MENTOR_ACCEPTED,
        text=ACCEPTED_TEXT,
        url=mentorship_url(mentorship),
        actor_persona=mentorship.mentor,
        subject=mentorship,
    )
    return mentorship


@transaction.atomic
def end_mentorship(*, account: Account, mentorship: Mentorship, feedback: str = "") -> Mentorship:
    ended = services.end_mentorship(account=account, mentorship=mentorship, feedback=feedback)
    _tell_other_side_it_ended(ended)
    return ended


@transaction.atomic
def pause_self(*, account: Account) -> MentorProfile:
    since = timezone.now()
    profile = services.pause_self(account=account)
    tell_who_moved(since, actor=account)
    return profile


@transaction.atomic
def coordinate(action: str, *, coordinator: Account, profile: MentorProfile) -> MentorProfile:
    """A coordinator approves, pauses or retires a mentor; mentees waiting for that mentor's
    answer move on (services), and whoever they move on to hears of it here."""
    service = {
        "approve": services.approve_mentor,
        "pause": services.pause_mentor,
        "retire": services.retire_mentor,
    }[action]
    since = timezone.now()
    changed = service(coordinator=coordinator, profile=profile)
    tell_who_moved(since, actor=coordinator)
    return changed


@transaction.atomic
def run_batch_assignment(*, coordinator: Account) -> list[Proposal]:
    since = timezone.now()
    proposals = services.run_batch_assignment(coordinator=coordinator)
    tell_who_moved(since, actor=coordinator)
    return proposals


def expire_overdue() -> int:
    """The cron job's expiry (`manage.py expire_proposals`): every overdue proposal expires,
    and the mentors asked next hear of it as after any other move. Returns how many expired."""
    since = timezone.now()
    expired = services.expire_proposals(since)
    if expired:
        tell_who_moved(since)
    return expired


def expire_overdue_for(request: MentorshipRequest) -> bool:
    """The services' lazy expiry for one request (a page showing it: one query when nothing
    is overdue), then the news to whoever it moved; whether anything expired."""
    since = timezone.now()
    if not services.expire_proposals(since, request=request):
        return False
    tell_who_moved(since, actor=request.mentee)
    return True


# Telling people ---------------------------------------------------------------------------


def tell_who_moved(since: datetime, *, actor: Account | None = None) -> None:
    """Notify every mentor asked, and every mentee given proposals, since `since` (by the step
    just taken, whatever chain of moves it set off), except `actor`, who is looking at it."""
    _tell_asked_mentors(since, actor)
    _tell_mentees_with_proposals(since, actor)


def _tell_asked_mentors(since: datetime, actor: Account | None) -> None:
    asked = Proposal.objects.filter(
        state=Proposal.State.CHOSEN, withheld=False, chosen_at__gte=since
    ).select_related("mentor__account")
    for proposal in asked:
        mentor = proposal.mentor.account
        if mentor == actor or _already_told(mentor, kinds.MENTOR_ASKED, proposal):
            continue
        notify(
            account=mentor,
            kind=kinds.MENTOR_ASKED,
            text=ASKED_TEXT.format(days=app_settings.RESPONSE_DAYS),
            url=reverse("mentoring:asked"),
            subject=proposal,
        )


def _tell_mentees_with_proposals(since: datetime, actor: Account | None) -> None:
    proposed = MentorshipRequest.objects.filter(
        state=MentorshipRequest.State.PROPOSED, state_changed__gte=since
    ).select_related("mentee")
    for request in proposed:
        if request.mentee == actor:
            continue
        if _already_told(request.mentee, kinds.MENTORS_PROPOSED, request, request.state_changed):
            continue
        notify(
            account=request.mentee,
            kind=kinds.MENTORS_PROPOSED,
            text=PROPOSED_TEXT,
            url=reverse("mentoring:home"),
            subject=request,
        )


def _already_told(account: Account, kind: str, subject, after: datetime | None = None) -> bool:
    told = Notification.objects.filter(
        account=account,
        kind=kind,
        subject_type=ContentType.objects.get_for_model(subject),
        subject_id=subject.pk,
    )
    if after is not None:
        told = told.filter(created__gte=after)
    return told.exists()


def tell_the_other_side(mentorships: list[Mentorship], *, leaving: Account) -> None:
    """Mentorships ended without a click (a moderator removed `leaving`'s side, or `leaving`
    deleted their account): the other side hears that it ended, in the same words as after a
    click, never how or why."""
    for mentorship in mentorships:
        side = mentorship.mentor if mentorship.mentor.account_id == leaving.pk else None
        ender = side or mentorship.mentee
        _tell_other_side_it_ended(mentorship, ender=ender, named=False)


def _tell_other_side_it_ended(
    mentorship: Mentorship, *, ender: Persona | None = None, named: bool = True
) -> bool:
    """The side that did not end it hears that it ended, never how or by whom; whether they
    were told now (False: told before, or nobody left to tell). `named`: the notification
    carries the ender's persona of this space (not for an account on its way out)."""
    ender = ender or mentorship.ended_by
    if ender is None:
        return False
    other = mentorship.mentee if ender.pk == mentorship.mentor_id else mentorship.mentor
    if other.account is None or _already_told(other.account, kinds.MENTORSHIP_ENDED, mentorship):
        return False
    notify(
        account=other.account,
        kind=kinds.MENTORSHIP_ENDED,
        text=ENDED_TEXT,
        url=mentorship_url(mentorship),
        actor_persona=ender if named else None,
        subject=mentorship,
    )
    return True


def on_blocks_changed(sender, account_id: int, **kwargs) -> None:
    """After `mentoring.blocks` ended the mentorships a block ended (closing their rooms):
    their other sides hear of it, exactly as after a click. Each once: the signal comes
    again with every later block or unblock of the same member."""
    ended = Mentorship.objects.filter(
        end_reason=Mentorship.EndReason.BLOCKED, ended_by__account_id=account_id
    ).select_related("mentor__account", "mentee__account", "ended_by", "space")
    with transaction.atomic():
        for mentorship in ended:
            _tell_other_side_it_ended(mentorship)


def connect() -> None:
    """Connected after `mentoring.blocks` (MentoringConfig.ready()), so it runs after it."""
    from community.signals import blocks_changed

    blocks_changed.connect(on_blocks_changed, dispatch_uid="mentoring.flows.blocks")


def mentorship_url(mentorship: Mentorship) -> str:
    return reverse("mentoring:mentorship", args=[mentorship.public_id])
