"""Chat's part of the member home (community.home_sections), registered from ready(): live and
upcoming sessions in the member's groups, soonest first. One query; nothing for a member
without groups (the groups section welcomes them)."""

from django.utils import timezone

from chat import policies
from chat.app_settings import app_settings
from chat.models import ChatSession
from community.home_sections import register_section
from groups.models import Membership


def sessions_section(account) -> dict | None:
    now = timezone.now()
    sessions = list(
        ChatSession.objects.filter(
            # One filter call: both conditions hold for the same membership row.
            room__group__memberships__persona__account=account,
            room__group__memberships__status=Membership.Status.ACTIVE,
            ends_at__gt=now,
            ended_at__isnull=True,
            cancelled_at__isnull=True,
        )
        .select_related("room__group")
        .order_by("starts_at", "pk")[: app_settings.HOME_SESSIONS]
    )
    if not sessions:
        return None
    for session in sessions:
        session.is_live = policies.is_live(session, now)
    return {"template": "chat/_home_sessions.html", "sessions": sessions}


def register() -> None:
    register_section(sessions_section)
