"""Who may review held content and edit word lists: plain questions, no side effects.

A space's hosts come from `community.spaces.is_space_host` (the app owning the space answers),
so moderation imports no content app.
"""

from community.models import Account, Space
from community.spaces import is_space_host
from moderation.filters.models import HeldContent


def is_site_moderator(account) -> bool:
    """Staff and accounts with the moderator role: every scope."""
    return bool(
        account.is_authenticated and (account.is_staff or account.role == Account.Role.MODERATOR)
    )


def can_edit_site_words(account) -> bool:
    return bool(account.is_authenticated and account.is_staff)


def can_edit_space_words(account, space: Space) -> bool:
    """A group's list is its hosts' (staff are not inside groups, and hold the site's list)."""
    return is_space_host(account, space)


def can_review_held(account, held: HeldContent) -> bool:
    """Site moderators everywhere; a space's hosts for what was held in their space."""
    return is_site_moderator(account) or is_space_host(account, held.space)
