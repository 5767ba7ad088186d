"""Ending an account's signed-in sessions (allauth's usersessions keeps one row per session).

A row is written when someone logs in through allauth (community.sessions blanks its IP address
and keeps only a coarse device description), so ending an account's sessions costs one delete
per session of that account, never a scan of everybody's. Sessions are listed and ended only
for their owner.
"""

from allauth.usersessions.adapter import get_adapter
from allauth.usersessions.models import UserSession
from django.db import transaction

from community.models import Account
from community.signals import sessions_ended, signed_out_everywhere


def end_other_sessions(*, account: Account, current_session_key: str | None) -> int:
    """End every session of `account` but the one making the request; how many were ended.

    Called after a password change and when MFA is turned on or off: whoever holds another
    session may be the reason for the change.
    """
    others = UserSession.objects.filter(user=account).exclude(session_key=current_session_key)
    _announce_signed_out(account, except_session_key=current_session_key)
    return _end(others)


def end_all_sessions(*, account: Account) -> int:
    """End every session of `account` (account deletion, a password reset by email)."""
    _announce_signed_out(account, except_session_key=None)
    return _end(UserSession.objects.filter(user=account))


def forget_session(*, session_key: str | None) -> None:
    """Remove the row of a session that has just ended (a logout flushes the session itself)."""
    if session_key:
        UserSession.objects.filter(session_key=session_key).delete()
        announce_ended([session_key])


def _end(sessions) -> int:
    # The adapter (community.adapters.UserSessionsAdapter) deletes each session from the
    # session store and then its row, and announces it, so the settings page's own "end"
    # button (allauth's view) closes that session's sockets too.
    sessions = list(sessions)
    get_adapter().end_sessions(sessions)
    return len(sessions)


def announce_ended(session_keys: list[str]) -> None:
    """Tell listeners (chat's sockets) once the ending is committed."""
    if session_keys:
        transaction.on_commit(
            lambda: sessions_ended.send(sender=Account, session_keys=session_keys)
        )


def _announce_signed_out(account: Account, *, except_session_key: str | None) -> None:
    account_id = account.pk  # taken now: a deleted account has no pk by the commit
    transaction.on_commit(
        lambda: signed_out_everywhere.send(
            sender=Account, account_id=account_id, except_session_key=except_session_key
        )
    )
