"""Who may do what in the identity layer: plain questions, answered without side effects."""

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
