"""Who may review held content and edit word lists: plain questions, no side effects.

A space's hosts come from `community.spaces.is_space_host` (the app owning the space answers),
so moderation imports no content app.
"""

from django.db.models import Q

from community.models import Account, Space
from community.spaces import is_space_host, spaces_hosted_by
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


def may_review_any_held(account) -> bool:
    """Site moderators, and whoever hosts a space now (a query each kind, for hosts only)."""
    if is_site_moderator(account):
        return True
    return any(hosted.exists() for hosted in spaces_hosted_by(account))


def held_in_scope_of(account):
    """Held content waiting for `account`'s review: everything for site moderators, their
    spaces' for hosts, nothing for anyone else (a queryset, not yet run)."""
    waiting = HeldContent.objects.filter(status=HeldContent.Status.HELD)
    if is_site_moderator(account):
        return waiting
    hosted = spaces_hosted_by(account)
    if not hosted:
        return waiting.none()
    scope = Q(space_id__in=hosted[0])
    for more in hosted[1:]:
        scope |= Q(space_id__in=more)
    return waiting.filter(scope)
