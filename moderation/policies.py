"""Who may moderate what: plain questions of (account, object), answered without queries.

Site moderators (`Account.role` moderator, or staff) see and act on every review item. A
group's hosts see and act on the items of their own group only, and not with account-wide
sanctions (suspend, ban), which reach the account's other spaces. `hosted` is the set of space
pks the account hosts (`moderation.selectors.hosted_space_ids`), loaded once per request.
Nobody acts on an item about their own content.
"""

from community.flagging import kind_named
from community.models import Account
from moderation.models import Action, ReviewItem

# What a host may do in their own group.
HOST_ACTIONS = frozenset(
    {
        Action.Kind.DISMISS,
        Action.Kind.HIDE,
        Action.Kind.DELETE,
        Action.Kind.WARN,
        Action.Kind.MUTE,
        Action.Kind.REMOVE_FROM_GROUP,
        Action.Kind.LOCK,
        Action.Kind.UNLOCK,
    }
)
# Taken in place (the thread page), on content the moderator sees there; not offered in the
# queue's form.
IN_PLACE = frozenset({Action.Kind.LOCK, Action.Kind.UNLOCK})
# What the thread page offers on each kind of content (moderation.decisions.act_in_place).
IN_PLACE_BY_TARGET = {
    "post": (Action.Kind.HIDE, Action.Kind.DELETE),
    "thread": (Action.Kind.LOCK, Action.Kind.UNLOCK),
}
# Not a sanction: the member hit is not notified and the retaliation guard is not recorded.
NOT_SANCTIONS = frozenset({Action.Kind.DISMISS, Action.Kind.UNLOCK})
# Actions that act on the author (through their persona), so they need one with an account.
ON_THE_AUTHOR = frozenset(
    {
        Action.Kind.WARN,
        Action.Kind.MUTE,
        Action.Kind.REMOVE_FROM_GROUP,
        Action.Kind.SUSPEND,
        Action.Kind.BAN,
    }
)
ON_THE_ACCOUNT = frozenset({Action.Kind.SUSPEND, Action.Kind.BAN})
ON_THE_CONTENT = frozenset({Action.Kind.HIDE, Action.Kind.DELETE})


def is_site_moderator(account) -> bool:
    return bool(
        account
        and account.is_authenticated
        and (account.is_staff or account.role == Account.Role.MODERATOR)
    )


def may_host(account) -> bool:
    """Whether `account` could host a group at all (groups.policies.can_be_host): advocates
    and staff. Lets the navigation skip the hosting query for everyone else."""
    return bool(
        account
        and account.is_authenticated
        and (account.is_staff or account.role == Account.Role.ADVOCATE)
    )


def can_use_moderation(account, hosted: frozenset[int]) -> bool:
    """The queue, the audit log and the Moderation link."""
    return is_site_moderator(account) or bool(hosted)


def can_see_item(account, item: ReviewItem, hosted: frozenset[int]) -> bool:
    return is_site_moderator(account) or (item.space_id is not None and item.space_id in hosted)


def is_own_item(account, item: ReviewItem) -> bool:
    return item.author is not None and item.author.account_id == account.pk


def can_act(
    account, item: ReviewItem, kind: str, hosted: frozenset[int], *, author_hosts: bool = False
) -> bool:
    """Whether `account` may take `kind` of action on `item`. `author_hosts`: the author is a
    host of the item's space too; hosts do not sanction each other (site moderators do), though
    they may still dismiss, hide or delete the content."""
    if not can_see_item(account, item, hosted) or is_own_item(account, item):
        return False
    if kind in ON_THE_CONTENT and not offers(item.kind, kind):
        return False
    if is_site_moderator(account):
        return True
    if author_hosts and kind in ON_THE_AUTHOR:
        return False
    return kind in HOST_ACTIONS


def offers(target_kind_name: str, kind: str) -> bool:
    """Whether the content's kind says what `kind` (hide, delete) means for it: a name can be
    reset (its hide) but not deleted (community.flagging.TargetKind). A registry lookup."""
    target_kind = kind_named(target_kind_name)
    return target_kind is not None and getattr(target_kind, kind, None) is not None


def actions_for(
    account, item: ReviewItem, hosted: frozenset[int], *, author_hosts: bool = False
) -> list[str]:
    return [
        kind
        for kind in Action.Kind.values
        if kind not in IN_PLACE and can_act(account, item, kind, hosted, author_hosts=author_hosts)
    ]


def in_place_actions_for(
    account, item: ReviewItem, hosted: frozenset[int], *, is_locked: bool = False
) -> list[str]:
    """What the thread page offers `account` on the content of `item` (saved or not): hide
    and delete on a post, lock or unlock (whichever applies) on a thread. Hosts of another
    group and members get nothing (their pages 404)."""
    kinds = [
        kind
        for kind in IN_PLACE_BY_TARGET.get(item.kind, ())
        if not (kind == Action.Kind.LOCK and is_locked)
        and not (kind == Action.Kind.UNLOCK and not is_locked)
    ]
    return [kind for kind in kinds if can_act(account, item, kind, hosted)]


def can_read_audit(account, hosted: frozenset[int]) -> bool:
    return can_use_moderation(account, hosted)


def can_export_audit(account) -> bool:
    return bool(account and account.is_authenticated and account.is_staff)


def can_request_reveal(account, *, holds: bool) -> bool:
    """Break glass (moderation.reveals): staff holding the `reveal_account` permission, given
    by `manage.py grant_reveal` only. `holds` comes from
    moderation.selectors.holds_reveal_permission; superusers get no shortcut."""
    return bool(
        account and account.is_authenticated and account.is_active and account.is_staff
    ) and (holds)


def can_decide_reveal(account, reveal, *, holds: bool) -> bool:
    """The second person: a holder who is neither the requester nor the account asked about."""
    return (
        can_request_reveal(account, holds=holds)
        and reveal.requester_id != account.pk
        and reveal.account_id != account.pk
    )


def can_see_revealed(account, reveal, *, holds: bool) -> bool:
    """Only the requester, still a holder, of an approved request."""
    return (
        can_request_reveal(account, holds=holds)
        and reveal.requester_id == account.pk
        and reveal.status == "approved"
    )
