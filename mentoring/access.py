"""One door per kind of mentoring object: the object and the viewer's place, or Http404.

Views, flags and (later) the mentorship's chat room all come in through these, so a rule is
checked in one way only. What a viewer may not see is 404, never 403, so nothing's existence
leaks (CONVENTIONS.md, Permissions).
"""

from django.http import Http404

from community.access import standing_in
from community.models import Account, Persona
from mentoring import policies
from mentoring.models import MentorProfile, Mentorship, MentorshipRequest, Proposal


def access_mentorship(account, public_id: str) -> tuple[Mentorship, Persona]:
    """The mentorship and `account`'s persona in it (either side, ended or not)."""
    if not account.is_authenticated:
        raise Http404
    mentorship = (
        Mentorship.objects.select_related("space", "mentor", "mentee")
        .filter(public_id=public_id)
        .first()
    )
    if mentorship is None:
        raise Http404
    persona = standing_in(account, mentorship.space_id).persona
    if persona is None or persona.pk not in (mentorship.mentor_id, mentorship.mentee_id):
        raise Http404
    return mentorship, persona


def access_request(account, public_id: str) -> MentorshipRequest:
    """A request, for its mentee only."""
    if not account.is_authenticated:
        raise Http404
    request = MentorshipRequest.objects.filter(public_id=public_id, mentee=account).first()
    if request is None:
        raise Http404
    return request


def access_proposal_as_mentee(account, public_id: str) -> Proposal:
    """A proposal offered to (or chosen by) `account`, while its request is open."""
    if not account.is_authenticated:
        raise Http404
    proposal = (
        Proposal.objects.select_related("request", "mentor__persona")
        .filter(
            public_id=public_id,
            request__mentee=account,
            request__state__in=MentorshipRequest.OPEN_STATES,
            state__in=(Proposal.State.OFFERED, Proposal.State.CHOSEN),
        )
        .first()
    )
    if proposal is None:
        raise Http404
    return proposal


def access_proposal_as_mentor(account, public_id: str) -> Proposal:
    """A proposal a mentee chose and that waits for `account`'s answer (a withheld one
    never does)."""
    if not account.is_authenticated:
        raise Http404
    proposal = (
        Proposal.objects.select_related("request", "mentor")
        .filter(public_id=public_id, mentor__account=account)
        .first()
    )
    if proposal is None or not policies.can_answer(account, proposal):
        raise Http404
    return proposal


def access_mentor_profile(account, public_id: str) -> MentorProfile:
    """A mentor profile, for its owner, coordinators, and mentees it is proposed to now."""
    if not account.is_authenticated:
        raise Http404
    profile = MentorProfile.objects.select_related("persona").filter(public_id=public_id).first()
    if profile is None or not can_see_profile(account, profile):
        raise Http404
    return profile


def can_see_profile(account: Account, profile: MentorProfile) -> bool:
    if profile.account_id == account.pk:
        return True
    proposed = Proposal.objects.filter(
        mentor=profile,
        request__mentee=account,
        request__state__in=MentorshipRequest.OPEN_STATES,
        state__in=(Proposal.State.OFFERED, Proposal.State.CHOSEN),
    ).exists()
    return proposed or policies.is_coordinator(account)
