"""Chat's section of the group page (registered with groups.page_sections from ready())."""

from django.utils import timezone

from chat import policies, selectors
from groups.page_sections import register_section


def sessions_section(group, membership) -> dict:
    """Live and upcoming sessions for members, and the schedule button for hosts: one query."""
    now = timezone.now()
    sessions = selectors.sessions_for_group_page(group, now)
    for session in sessions:
        session.room.group = group  # already loaded: links without a query each
        session.is_live = policies.is_live(session, now)
    return {
        "template": "chat/_group_sessions.html",
        "sessions": sessions,
        "can_schedule": policies.can_schedule(membership, group),
        "group": group,
    }


def register() -> None:
    register_section(sessions_section)
