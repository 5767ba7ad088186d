"""Who may do what in the identity layer: plain questions, answered without side effects."""

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
