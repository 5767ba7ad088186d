from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.usersessions.adapter import DefaultUserSessionsAdapter
from django.core.exceptions import ValidationError
from django.shortcuts import render

from community import account_checks
from community.services.sessions import announce_ended


def user_display(account) -> str:
    """How allauth names an account in its pages and emails: never an email, pk or username."""
    return "your account"


class AccountAdapter(DefaultAccountAdapter):
    """Lantern's allauth glue. Emails never carry content or names (DESIGN.md §3).

    Enumeration protection stays as allauth ships it (ACCOUNT_PREVENT_ENUMERATION with mandatory
    verification): signup and password reset answer the same whether or not an email is known,
    and the owner of the address is told by email instead.
    """

    def pre_authenticate(self, request, **credentials):
        # allauth turns "too many failed logins" into a form error with status 200; an
        # answer of 429 tells scripts and proxies plainly that they are being limited.
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError as error:
            if error.code != "too_many_login_attempts":
                raise
            raise ImmediateHttpResponse(
                render(request, "account/too_many_attempts.html", status=429)
            ) from error

    def pre_login(self, request, user, **kwargs):
        # Every allauth login path (password, email confirmation, reset) passes here: an
        # account a moderator suspended or banned is told why, and not signed in.
        refusal = account_checks.login_refusal(user)
        if refusal:
            raise ImmediateHttpResponse(
                render(request, "account/login_refused.html", {"refusal": refusal}, status=403)
            )
        return super().pre_login(request, user, **kwargs)


class UserSessionsAdapter(DefaultUserSessionsAdapter):
    def end_sessions(self, sessions):
        """End the sessions, then announce it so their open sockets close (community.signals)."""
        sessions = list(sessions)
        super().end_sessions(sessions)
        announce_ended([session.session_key for session in sessions])
