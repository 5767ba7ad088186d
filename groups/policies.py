"""Who may do what in a group: plain questions of (actor, object), answered without queries.

`account` is the request's user (possibly anonymous); `membership` is that account's
membership in the group at hand, or None (see `selectors.membership_of`). Services ask these
and raise NotAllowed; views turn "may not see" into 404 so nothing's existence leaks.

Staff (`is_staff`) run the platform: they manage groups (settings, invite link, hosts) and
decide join requests of a group without hosts (never of one that has hosts), but what is
inside a group (threads, posts, member personas) is for its members only (issue 4): staff
who are not members get 404 there, like anyone else. Staff who join a group read, post, pin
and lock as members, under a persona.
"""

from django.utils import timezone

from community.models import Account
from groups.models import Group, JoinRequest, Membership, Post, Thread


def is_staff(account) -> bool:
    return bool(account and account.is_authenticated and account.is_staff)


def is_active_member(membership: Membership | None) -> bool:
    return membership is not None and membership.status == Membership.Status.ACTIVE


def is_host(membership: Membership | None) -> bool:
    return is_active_member(membership) and membership.role == Membership.Role.HOST


def can_manage_groups(account) -> bool:
    """The staff management pages: create and edit groups, invite links, hosts."""
    return is_staff(account)


def can_view_group(
    *,
    account,
    group: Group,
    membership: Membership | None,
    pending: JoinRequest | None = None,
    via_invite: bool = False,
) -> bool:
    """The group's about page: listed groups for everyone; unlisted ones for those let in."""
    if group.visibility == Group.Visibility.LISTED or via_invite:
        return True
    return is_active_member(membership) or pending is not None or is_staff(account)


def can_read_group(*, account, membership: Membership | None) -> bool:
    """Threads, posts and member personas: active members only, staff included (no bypass).

    `account` is kept in the signature so every caller states whose reading is asked about.
    """
    return is_active_member(membership)


def can_join(*, account, group: Group, membership: Membership | None, via_invite: bool) -> bool:
    """Whether the join form is offered at all; pending requests and waits are checked later."""
    if not (account and account.is_authenticated):
        return False
    if membership is not None and membership.status != Membership.Status.LEFT:
        # Active members have nothing to join; removed members may not come back alone.
        return False
    if (
        group.join_policy == Group.JoinPolicy.INVITE
        or group.visibility == Group.Visibility.UNLISTED
    ):
        return via_invite
    return True


def joins_at_once(*, group: Group) -> bool:
    """Open and invite-only groups let people in at once; approval groups queue a request."""
    return group.join_policy != Group.JoinPolicy.APPROVAL


def can_withdraw_request(*, account, request: JoinRequest) -> bool:
    """Only the applicant takes back their own request, and only while it waits."""
    return (
        bool(account and account.is_authenticated)
        and request.status == JoinRequest.Status.PENDING
        and request.persona.account_id == account.pk
    )


def can_choose_name(*, account, request: JoinRequest) -> bool:
    """The applicant, once a host approved them, when their name was taken meanwhile."""
    return can_withdraw_request(account=account, request=request) and request.waiting_for_name


def can_leave(*, membership: Membership | None) -> bool:
    return is_active_member(membership)


def can_moderate_group(*, account, membership: Membership | None) -> bool:
    """Hosts of this group and staff: pin and lock (staff only once they are members)."""
    return is_host(membership) or is_staff(account)


def can_decide_requests(*, account, membership: Membership | None, has_hosts: bool) -> bool:
    """The join request queue: the group's hosts; staff only while the group has no host.

    Applicants' answers are written for the hosts. Staff stand in for hosts who don't exist
    yet, and step back once the group has one (`has_hosts`: any active host in the group).
    """
    return is_host(membership) or (is_staff(account) and not has_hosts)


def is_muted(membership: Membership | None) -> bool:
    """A moderator muted this member in the group, and the time has not run out."""
    return (
        membership is not None
        and membership.muted_until is not None
        and membership.muted_until > timezone.now()
    )


def can_start_thread(*, membership: Membership | None) -> bool:
    return is_active_member(membership) and not is_muted(membership)


def can_post(*, account, membership: Membership | None, thread: Thread) -> bool:
    """Reply to `thread`: members, while the thread is open (hosts may still write), unless
    a moderator muted them in the group."""
    if not is_active_member(membership) or membership.group_id != thread.group_id:
        return False
    if is_muted(membership):
        return False
    return not thread.is_locked or is_host(membership)


def can_edit_post(*, membership: Membership | None, post: Post) -> bool:
    """Authors edit their own posts while they are members and the thread is open."""
    return (
        is_active_member(membership)
        and post.author_id == membership.persona_id
        and post.deleted_at is None
        and post.hidden_at is None
        and not post.thread.is_locked
        and not is_muted(membership)
    )


def can_see_post_history(*, account, membership: Membership | None, post: Post) -> bool:
    """Earlier versions of a post: its author and the group's moderators, nobody else."""
    return is_active_member(membership) and (
        post.author_id == membership.persona_id
        or can_moderate_group(account=account, membership=membership)
    )


def can_delete_post(*, membership: Membership | None, post: Post) -> bool:
    """Authors may always take back their own words, even in a locked thread."""
    return (
        is_active_member(membership)
        and post.author_id == membership.persona_id
        and post.deleted_at is None
    )


def can_be_host(*, persona_account: Account | None, appointer: Account) -> bool:
    """Hosts are advocates; staff may also appoint themselves (the first host of a new group)."""
    if persona_account is None:
        return False
    return persona_account.role == Account.Role.ADVOCATE or persona_account == appointer
