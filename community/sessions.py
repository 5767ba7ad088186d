"""Signed-in sessions: what allauth's usersessions may keep, and when sessions end (issue 8 §5).

usersessions stores, per session, the client's IP address and full User-Agent. An IP address
next to an account is what DESIGN.md §3 rules out, and the column cannot be null, so every row
gets the same placeholder address; the User-Agent is cut down to "Firefox on Windows". Both
happen on save, whichever allauth path (login, password change) writes the row.

Sessions other than the current one end when the password is changed or MFA is turned on or
off; all of them end on a password reset by email and on account deletion
(community.services.accounts). A logout ends its own session and removes its row.
"""

from allauth.account.signals import password_changed, password_reset
from allauth.mfa.signals import authenticator_added, authenticator_removed
from allauth.usersessions.models import UserSession
from django.contrib.auth.signals import user_logged_out
from django.db.models.signals import pre_save

from community.services import sessions
from community.user_agents import describe_user_agent, is_description

# Not anyone's address: the column is NOT NULL, and nothing may be learned from it.
NO_IP_ADDRESS = "0.0.0.0"  # noqa: S104 (stored, never bound to)


def keep_no_address_and_a_coarse_device(sender, instance: UserSession, **kwargs) -> None:
    instance.ip = NO_IP_ADDRESS
    if not is_description(instance.user_agent):
        instance.user_agent = describe_user_agent(instance.user_agent)


def end_other_sessions_of_user(sender, request, user, **kwargs) -> None:
    session_key = request.session.session_key if hasattr(request, "session") else None
    sessions.end_other_sessions(account=user, current_session_key=session_key)


def end_every_session_of_user(sender, request, user, **kwargs) -> None:
    sessions.end_all_sessions(account=user)


def forget_ended_session(sender, request, user, **kwargs) -> None:
    # The session itself is flushed by the logout; its row would otherwise linger until the
    # member's next login or sessions list.
    if user is not None and hasattr(request, "session"):
        sessions.forget_session(session_key=request.session.session_key)


def connect() -> None:
    """Called once from CommunityConfig.ready()."""
    pre_save.connect(keep_no_address_and_a_coarse_device, sender=UserSession)
    password_changed.connect(end_other_sessions_of_user)
    authenticator_added.connect(end_other_sessions_of_user)
    authenticator_removed.connect(end_other_sessions_of_user)
    password_reset.connect(end_every_session_of_user)
    user_logged_out.connect(forget_ended_session)
