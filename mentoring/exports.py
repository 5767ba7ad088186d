"""The mentoring part of a member's data export, registered with community.exports."""

from typing import Any

from community import exports
from community.models import Account
from mentoring import spaces
from mentoring.models import EmployerEntry, Feedback, MentorProfile, Mentorship, MentorshipRequest


def _month(moment) -> str:
    return moment.strftime("%Y-%m")


def _profile(account: Account) -> dict[str, Any] | None:
    profile = MentorProfile.objects.filter(account=account).select_related("persona").first()
    if profile is None:
        return None
    return {
        "as": profile.persona.name,
        "status": profile.status,
        "focus_areas": sorted(area.name for area in profile.focus_areas.all()),
        "languages": profile.languages,
        "time_zone": profile.time_zone,
        "capacity": profile.capacity,
        "availability": profile.availability,
        "bio": profile.bio,
        "since": _month(profile.created),
    }


@exports.register
def export_for(account: Account) -> dict[str, Any]:
    """What `account` gave mentoring: its mentor profile, its requests, its side of each
    mentorship (its own persona there, never the other's), the feedback it left, and how many
    employers it named (kept only as keyed hashes: the names cannot be read back)."""
    personas = account.personas.filter(space__kind=spaces.MENTORSHIP)
    return {
        "mentor_profile": _profile(account),
        "mentorship_requests": [
            {
                "focus_areas": sorted(area.name for area in request.focus_areas.all()),
                "languages": request.languages,
                "time_zone": request.time_zone,
                "hopes": request.hopes,
                "state": request.state,
                "created": _month(request.created),
            }
            for request in MentorshipRequest.objects.filter(mentee=account).order_by("pk")
        ],
        "mentorships": [
            {
                "as": (mine := personas.get(space_id=mentorship.space_id)).name,
                "side": "mentor" if mentorship.mentor_id == mine.pk else "mentee",
                "started": _month(mentorship.started),
                "ended": _month(mentorship.ended_at) if mentorship.ended_at else None,
            }
            for mentorship in Mentorship.objects.filter(space__personas__in=personas)
            .distinct()
            .order_by("pk")
        ],
        "mentoring_feedback": [
            {"side": entry.side, "text": entry.text, "created": _month(entry.created)}
            for entry in Feedback.objects.filter(author__in=personas).order_by("pk")
        ],
        "employers_named": EmployerEntry.objects.filter(account=account).count(),
    }
