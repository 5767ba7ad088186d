"""Mentor profiles as a flag target, registered into `community.flagging`; and what a
moderator's sanctions mean in mentoring's spaces (`community.sanctions`).

A profile is found through `mentoring.access`: its owner, coordinators and the mentees it is
proposed to may see (and flag) it, 404 for anyone else. Its author is its own persona, so
moderators act through a name seen nowhere else. Hiding it keeps it out of every proposal
until an appeal overturns the hide.
"""

from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from community import sanctions
from community.flagging import TargetKind, register
from community.models import Persona
from mentoring import access, flows, services, spaces
from mentoring.models import MentorProfile


def snapshot_profile(profile: MentorProfile) -> dict:
    persona = profile.persona
    return {
        "kind": "mentor-profile",
        "public_id": profile.public_id,
        "author": {"persona": persona.public_id, "name": persona.display_name},
        "name": persona.display_name,
        "bio": profile.bio,
        "availability": profile.availability,
        "focus_areas": sorted(area.name for area in profile.focus_areas.all()),
        # Back to where its proposal card is shown (the flag page's "back" link).
        "url": reverse("mentoring:home"),
        "created": profile.created.isoformat(),
        "taken": timezone.now().isoformat(),
    }


def find_profile(account, public_id: str) -> MentorProfile:
    """The profile, if `account` may see it and it is not hidden; 404 otherwise."""
    profile = access.access_mentor_profile(account, public_id)
    if profile.hidden_at is not None:
        raise Http404
    return profile


def _can_flag(account, profile: MentorProfile) -> bool:
    if profile.account_id == account.pk:
        return False
    try:
        find_profile(account, profile.public_id)
    except Http404:
        return False
    return True


@transaction.atomic
def hide_profile(profile: MentorProfile) -> None:
    """Out of every proposal: offered ones expire, a mentee waiting for it moves on."""
    profile.hidden_at = timezone.now()
    profile.save(update_fields=["hidden_at"])
    services.close_open_proposals_of(profile)


def unhide_profile(profile: MentorProfile) -> None:
    profile.hidden_at = None
    profile.save(update_fields=["hidden_at"])


@transaction.atomic
def delete_profile_text(profile: MentorProfile) -> None:
    """Its words go for good (the flag's snapshot keeps them); the mentor may write anew."""
    profile.bio = ""
    profile.availability = ""
    profile.save(update_fields=["bio", "availability"])


def live_profile(profile: MentorProfile) -> dict | None:
    return snapshot_profile(profile)


register(
    TargetKind(
        name="mentor-profile",
        model=MentorProfile,
        find=find_profile,
        can_flag=_can_flag,
        space_of=lambda profile: profile.persona.space,
        snapshot=snapshot_profile,
        describe=lambda profile: "a mentor profile",
        noun="mentor profile",
        hide=hide_profile,
        delete=delete_profile_text,
        unhide=unhide_profile,
        live=live_profile,
    )
)


# Sanctions in mentoring's spaces: moderation decides, mentoring applies.


def remove_from_mentoring(persona: Persona, until=None) -> None:
    """Removed through a profile persona: the profile retires. Through a mentorship persona:
    that mentorship ends."""
    if persona.space.kind == spaces.MENTOR:
        profile = MentorProfile.objects.filter(persona=persona).first()
        if profile is not None:
            services.retire_profile(profile=profile)
    elif persona.space.kind == spaces.MENTORSHIP:
        ended = services.end_mentorship_by_moderation(persona=persona)
        if persona.account is not None:
            flows.tell_the_other_side(ended, leaving=persona.account)


def readmit_to_mentoring(persona: Persona, until=None) -> None:
    """An overturned removal of a mentor: paused, for a coordinator to approve again (an
    ended mentorship is not reopened)."""
    MentorProfile.objects.filter(persona=persona, status=MentorProfile.Status.RETIRED).update(
        status=MentorProfile.Status.PAUSED, status_changed=timezone.now()
    )


sanctions.register(sanctions.REMOVE, remove_from_mentoring)
sanctions.register(sanctions.READMIT, readmit_to_mentoring)
