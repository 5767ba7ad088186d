from django.contrib.auth.models import AnonymousUser

from community.models import Account
from groups import policies
from groups.models import Group, Membership
from tests.factories import AccountFactory, GroupFactory, MembershipFactory


def test_anyone_sees_a_listed_group_but_only_members_and_staff_see_an_unlisted_one(db):
    listed = GroupFactory()
    unlisted = GroupFactory(visibility=Group.Visibility.UNLISTED)
    stranger = AccountFactory()
    member = MembershipFactory(group=unlisted)
    assert policies.can_view_group(account=AnonymousUser(), group=listed, membership=None)
    assert not policies.can_view_group(account=stranger, group=unlisted, membership=None)
    assert policies.can_view_group(
        account=member.persona.account, group=unlisted, membership=member
    )
    assert policies.can_view_group(
        account=AccountFactory(is_staff=True), group=unlisted, membership=None
    )


def test_a_member_who_left_can_no_longer_read_the_group(db):
    membership = MembershipFactory(status=Membership.Status.LEFT)
    assert not policies.can_read_group(account=membership.persona.account, membership=membership)


def test_invite_only_groups_are_joined_only_through_the_link(db):
    group = GroupFactory(join_policy=Group.JoinPolicy.INVITE)
    account = AccountFactory()
    assert not policies.can_join(account=account, group=group, membership=None, via_invite=False)
    assert policies.can_join(account=account, group=group, membership=None, via_invite=True)


def test_a_removed_member_cannot_join_again_but_one_who_left_can(db):
    group = GroupFactory()
    removed = MembershipFactory(group=group, status=Membership.Status.REMOVED)
    left = MembershipFactory(group=group, status=Membership.Status.LEFT)
    assert not policies.can_join(
        account=removed.persona.account, group=group, membership=removed, via_invite=True
    )
    assert policies.can_join(
        account=left.persona.account, group=group, membership=left, via_invite=False
    )


def test_anonymous_visitors_cannot_join(db):
    assert not policies.can_join(
        account=AnonymousUser(), group=GroupFactory(), membership=None, via_invite=False
    )


def test_hosts_and_staff_moderate_but_members_do_not(db):
    group = GroupFactory()
    host = MembershipFactory(group=group, role=Membership.Role.HOST)
    member = MembershipFactory(group=group)
    assert policies.can_moderate_group(account=host.persona.account, membership=host)
    assert not policies.can_moderate_group(account=member.persona.account, membership=member)
    assert policies.can_moderate_group(account=AccountFactory(is_staff=True), membership=None)


def test_a_host_who_left_no_longer_moderates(db):
    host = MembershipFactory(role=Membership.Role.HOST, status=Membership.Status.LEFT)
    assert not policies.can_moderate_group(account=host.persona.account, membership=host)


def test_only_advocates_or_the_appointing_staff_member_can_be_hosts(db):
    staff = AccountFactory(is_staff=True)
    assert policies.can_be_host(
        persona_account=AccountFactory(role=Account.Role.ADVOCATE), appointer=staff
    )
    assert policies.can_be_host(persona_account=staff, appointer=staff)
    assert not policies.can_be_host(persona_account=AccountFactory(), appointer=staff)
    assert not policies.can_be_host(persona_account=None, appointer=staff)


def test_staff_decide_requests_only_where_there_is_no_host(db):
    staff = AccountFactory(is_staff=True)
    host = MembershipFactory(role=Membership.Role.HOST)
    assert policies.can_decide_requests(account=staff, membership=None, has_hosts=False)
    assert not policies.can_decide_requests(account=staff, membership=None, has_hosts=True)
    assert policies.can_decide_requests(
        account=host.persona.account, membership=host, has_hosts=True
    )
