"""Who may do what in the identity layer: plain questions, answered without side effects."""

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings

from community.models import Account, Persona
from community.selectors import is_blocked_between


def can_contact(actor: Account, other: Account) -> bool:
    """Whether `actor` may reach `other` directly (messages, mentoring matches).

    Not when a block exists in either direction: a blocked person must not be able to reach
    the blocker, and the blocker has said they want no contact.
    """
    return not is_blocked_between(actor, other)


def can_block(actor: Account, persona: Persona) -> bool:
    """Whether `actor` may block the account behind `persona`: not themselves, not a
    former member (there is no account left to block)."""
    return not persona.is_former and persona.account_id != actor.pk


def needs_mfa_for_staff_pages(account) -> bool:
    """Whether `account` is staff without two-factor authentication while STAFF_REQUIRE_MFA is on.

    Staff pages can change who hosts a group and what the support page tells people; a stolen
    staff password alone must not reach them.
    """
    if not (settings.STAFF_REQUIRE_MFA and account.is_authenticated and account.is_staff):
        return False
    return not is_mfa_enabled(account)
