from django.db.models import Q, QuerySet

from community.models import Account, Block


def blocked_accounts_of(account: Account) -> QuerySet:
    """Accounts whose content `account` must not see: those it blocked.

    Returns a values queryset of account pks, for use in `__in` filters (never shown).
    """
    return Block.objects.filter(blocker=account).values("blocked")


def accounts_blocking_each_other(account: Account) -> QuerySet:
    """Accounts with a block in either direction: no matching or direct contact with them."""
    return Block.objects.filter(Q(blocker=account) | Q(blocked=account)).values_list(
        "blocker", "blocked"
    )
