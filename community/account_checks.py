"""Checks other apps add to signing in and to choosing an email address, without community
naming them (DESIGN.md §4): moderation refuses a suspended or banned account's login, and a
banned address at sign-up.

    from community import account_checks

    account_checks.register_login_check(lambda account: "Your account is suspended ...")
    account_checks.register_email_check(lambda email: "This address can't be used ...")

A check returns None to let the account (or address) through, or the sentence to show.
`community.adapters.AccountAdapter` asks the login checks on every allauth login;
`community.forms_accounts.SignupForm` asks the email checks, and answers a refused address
exactly like a registered one (no account made, the same page), so nothing is revealed.
"""

from collections.abc import Callable

LoginCheck = Callable[[object], str | None]
EmailCheck = Callable[[str], str | None]

_login_checks: dict[str, LoginCheck] = {}
_email_checks: dict[str, EmailCheck] = {}


def _key(check: Callable) -> str:
    # Keyed by dotted name, so importing a module twice does not register twice.
    return f"{check.__module__}.{check.__qualname__}"


def register_login_check(check: LoginCheck) -> LoginCheck:
    _login_checks[_key(check)] = check
    return check


def register_email_check(check: EmailCheck) -> EmailCheck:
    _email_checks[_key(check)] = check
    return check


def login_refusal(account) -> str | None:
    """The first registered reason why `account` may not sign in now, or None."""
    for check in _login_checks.values():
        refusal = check(account)
        if refusal:
            return refusal
    return None


def email_refusal(email: str) -> str | None:
    """The first registered reason why `email` may not be used for an account, or None."""
    for check in _email_checks.values():
        refusal = check(email)
        if refusal:
            return refusal
    return None
