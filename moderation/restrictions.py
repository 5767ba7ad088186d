"""Suspensions and bans: what an account may no longer do, and the checks allauth asks.

Registered with community.account_checks from ModerationConfig.ready(): a suspended or banned
account is refused at login with a sentence that says why and until when, and a banned
account's address cannot make a new account (sign-up answers as for any registered
address). The address is kept only as a keyed HMAC of its normalized form (`email_digest`),
never in clear.
"""

import hashlib
import hmac

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.html import format_html

from moderation.app_settings import app_settings
from moderation.models import AccountRestriction, BannedEmail
from moderation.rules import rule_named

# Providers where dots in the local part are ignored (the same mailbox).
DOTLESS_DOMAINS = {"gmail.com": "gmail.com", "googlemail.com": "gmail.com"}


def normalize_email(email: str) -> str:
    """One form per mailbox: lowercased, "+tag" dropped, Gmail's dots dropped."""
    email = email.strip().lower()
    local, _at, domain = email.rpartition("@")
    if not local:
        return email
    local = local.split("+", 1)[0]
    if domain in DOTLESS_DOMAINS:
        domain = DOTLESS_DOMAINS[domain]
        local = local.replace(".", "")
    return f"{local}@{domain}"


def _key() -> bytes:
    key = app_settings.BANNED_EMAIL_KEY or settings.SECRET_KEY
    return f"lantern.moderation.banned-email:{key}".encode()


def email_digest(email: str) -> str:
    return hmac.new(_key(), normalize_email(email).encode(), hashlib.sha256).hexdigest()


def remember_banned_email(email: str) -> None:
    if email:
        BannedEmail.objects.get_or_create(digest=email_digest(email))


def active_restriction(account) -> AccountRestriction | None:
    """The ban, or the suspension that ends last, in force now."""
    if account is None or account.pk is None:
        return None
    now = timezone.now()
    return (
        AccountRestriction.objects.filter(account=account, overturned_at__isnull=True)
        .filter(Q(kind=AccountRestriction.Kind.BAN) | Q(until__gt=now))
        .select_related("action__appeal")
        .order_by("kind", "-until")  # "ban" sorts before "suspension"
        .first()
    )


def refusal_sentence(restriction: AccountRestriction) -> str:
    rule = rule_named(restriction.rule)
    why = f" under the rule \u201c{rule.title}\u201d" if rule else ""
    if restriction.kind == AccountRestriction.Kind.BAN:
        return (
            f"Your account was banned from Lantern{why}. If you think this is a mistake, you "
            "can appeal once: signing in shows you how."
        )
    return (
        f"Your account is suspended{why} until {restriction.until:%d %B %Y, %H:%M} UTC. You "
        "can sign in again after that; you can appeal once, and signing in shows you how."
    )


def lift_expired(account) -> bool:
    """Switch `account` back on if moderation switched it off and every restriction has
    ended; whether it did. Never touches an account staff switched off by hand."""
    if account.is_active or active_restriction(account) is not None:
        return False
    ours = AccountRestriction.objects.filter(
        account=account, deactivated=True, lifted_at__isnull=True
    )
    if not ours.update(lifted_at=timezone.now()):
        return False
    account.is_active = True
    account.save(update_fields=["is_active"])
    return True


def login_check(account) -> str | None:
    """The refusal for a suspended or banned account; a finished suspension is lifted first
    (the same account object then passes allauth's is_active check).

    Asked once the password is right, so the refusal may carry the way to appeal: a signed
    link (moderation.appeals.appeal_link) to the restriction's notice and appeal form, which
    a restricted account could not reach by signing in."""
    restriction = active_restriction(account)
    if restriction is not None:
        sentence = refusal_sentence(restriction)
        action = restriction.action
        if action is None or hasattr(action, "appeal"):
            return sentence
        from moderation.appeals import appeal_link

        return format_html(
            '{} <a href="{}">Read the decision and appeal it</a>.', sentence, appeal_link(action)
        )
    lift_expired(account)
    return None


def email_check(email: str) -> str | None:
    if email and BannedEmail.objects.filter(digest=email_digest(email)).exists():
        return "This email address can't be used for a Lantern account."
    return None
