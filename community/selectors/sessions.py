"""The member's own signed-in sessions, for their settings page only."""

from allauth.usersessions.models import UserSession

from community.models import Account


def signed_in_sessions_of(account: Account) -> list[UserSession]:
    """`account`'s live sessions, oldest first: a coarse device description and a start date
    each (community.sessions stores no address). allauth drops the rows of sessions that have
    ended (logged out, expired) while listing, so only sessions that still log in are shown."""
    return sorted(UserSession.objects.purge_and_list(account), key=lambda row: row.created_at)
