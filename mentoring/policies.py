"""Who may do what in mentoring: plain questions, answered without side effects.

Coordinators (advocates: a host of any group; or staff) approve, pause and retire mentors,
see the waiting requests and run the batch assignment. They see personas only: a mentor's
profile persona, never an account, and requests by public id.
"""

from community.models import Account
from groups.models import Membership
from mentoring.models import MentorProfile, Mentorship, MentorshipRequest, Proposal


def is_coordinator(account) -> bool:
    """Staff, or an active host of any group: one query for a non-staff account, or none when
    a page already asked for this request (`remember_coordinator`)."""
    if not (account and account.is_authenticated and account.is_active):
        return False
    if account.is_staff:
        return True
    remembered = getattr(account, REMEMBERED, None)
    if remembered is not None:
        return remembered
    return Membership.objects.filter(
        persona__account=account,
        role=Membership.Role.HOST,
        status=Membership.Status.ACTIVE,
    ).exists()


# Set on `request.user` only, which lives for one request: a page listing many mentors asks
# for each row, and the answer cannot change in between.
REMEMBERED = "_mentoring_is_coordinator"


def remember_coordinator(account) -> bool:
    answer = is_coordinator(account)
    setattr(account, REMEMBERED, answer)
    return answer


def can_approve(coordinator: Account, profile: MentorProfile) -> bool:
    """A coordinator approves a pending (or paused) mentor; never their own profile, so that a
    second person always vouches for a mentor."""
    return (
        profile.account_id != coordinator.pk
        and is_coordinator(coordinator)
        and profile.status in (MentorProfile.Status.PENDING, MentorProfile.Status.PAUSED)
    )


def can_pause(coordinator: Account, profile: MentorProfile) -> bool:
    return (
        profile.account_id != coordinator.pk
        and is_coordinator(coordinator)
        and profile.status == MentorProfile.Status.APPROVED
    )


def can_retire(coordinator: Account, profile: MentorProfile) -> bool:
    return (
        profile.account_id != coordinator.pk
        and is_coordinator(coordinator)
        and profile.status != MentorProfile.Status.RETIRED
    )


def can_pause_self(profile: MentorProfile) -> bool:
    return profile.status == MentorProfile.Status.APPROVED


def can_resume_self(profile: MentorProfile) -> bool:
    """Only a pause the mentor made themselves; a coordinator's pause is lifted by approval."""
    return profile.status == MentorProfile.Status.PAUSED and profile.self_paused


def can_be_proposed(profile: MentorProfile, account_is_active: bool = True) -> bool:
    """Approved, not hidden by a moderator, account active."""
    return (
        profile.status == MentorProfile.Status.APPROVED
        and profile.hidden_at is None
        and account_is_active
    )


def can_choose(account: Account, proposal: Proposal) -> bool:
    request = proposal.request
    return (
        request.mentee_id == account.pk
        and request.state == MentorshipRequest.State.PROPOSED
        and proposal.state == Proposal.State.OFFERED
    )


def can_answer(account: Account, proposal: Proposal) -> bool:
    """The mentor a mentee chose may accept or decline, while it waits for them."""
    return (
        proposal.mentor.account_id == account.pk
        and proposal.state == Proposal.State.CHOSEN
        and not proposal.withheld
        and proposal.request.state == MentorshipRequest.State.CHOSEN
    )


def side_of(account: Account, mentorship: Mentorship) -> str | None:
    """ "mentor" or "mentee" when `account` is one of the two, else None."""
    return side_of_account_id(account.pk, mentorship)


def side_of_account_id(account_id: int | None, mentorship: Mentorship) -> str | None:
    if account_id is None:
        return None
    if mentorship.mentor.account_id == account_id:
        return "mentor"
    if mentorship.mentee.account_id == account_id:
        return "mentee"
    return None
