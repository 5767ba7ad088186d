"""The retaliation guard (issue 11): once an account was sanctioned on a member's flag, a
later flag by that member against it goes to the top of the queue, and (mentoring) the two are
never matched as mentor and mentee. Neither side is ever told the guard exists.
"""

from community.models import Account
from moderation.models import RetaliationGuard


def were_sanctioned_on_flag(flagger: Account | None, sanctioned: Account | None) -> bool:
    """Whether `sanctioned` was ever sanctioned on a flag `flagger` raised."""
    if flagger is None or sanctioned is None:
        return False
    return RetaliationGuard.objects.filter(flagger=flagger, sanctioned=sanctioned).exists()


def forbidden_pairs(account_ids) -> set[frozenset[int]]:
    """The pairs among `account_ids` (pks, or a values queryset of them) where one account was
    sanctioned on the other's flag: never matched as mentor and mentee, either way round. One
    query; registered with `community.pairs` from ModerationConfig.ready()."""
    rows = RetaliationGuard.objects.filter(
        flagger__in=account_ids, sanctioned__in=account_ids
    ).values_list("flagger_id", "sanctioned_id")
    return {frozenset(row) for row in rows if row[0] != row[1]}


def record(*, flagger_ids: set[int], sanctioned: Account) -> None:
    """Remember the pairs; a pair recorded before stays as it is."""
    RetaliationGuard.objects.bulk_create(
        [
            RetaliationGuard(flagger_id=flagger_id, sanctioned=sanctioned)
            for flagger_id in flagger_ids
            if flagger_id != sanctioned.pk
        ],
        ignore_conflicts=True,
    )
