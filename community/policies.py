"""Who may do what in the identity layer: plain questions, answered without side effects."""

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings

from community.models import Account, Persona
from community.selectors import is_blocked_between


def can_contact(actor: Account, other: Account) -> bool:
    """Whether `actor` and `other` may be matched as mentor and mentee.

    Not when either blocked a persona of the other, in any space: the one account-wide effect
    of a block, because neither side can observe it (a match that does not happen looks like
    no match at all). Never use this for what a page shows or a message refuses: those act
    in the block's own space only (`community.access`), or they would link personas.
    """
    return not is_blocked_between(actor, other)


def can_block(actor: Account, persona: Persona) -> bool:
    """Whether `actor` may block `persona`: not one of their own, not a former member (there
    is no account left behind it)."""
    return not persona.is_former and persona.account_id != actor.pk


def needs_mfa_for_staff_pages(account) -> bool:
    """Whether `account` is staff without two-factor authentication while STAFF_REQUIRE_MFA is on.

    Staff pages can change who hosts a group and what the support page tells people; a stolen
    staff password alone must not reach them.
    """
    if not (settings.STAFF_REQUIRE_MFA and account.is_authenticated and account.is_staff):
        return False
    return not is_mfa_enabled(account)
