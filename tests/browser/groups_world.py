"""A small, believable groups world for browser tests: written through the services, so the
pages show what members would really see (notifications, reactions, a block, a join request)."""

from dataclasses import dataclass

from community.models import Account
from community.services.blocks import block_persona
from groups.models import Group, JoinRequest, Membership, Post, Thread
from groups.services import membership as membership_services
from groups.services import posts as post_services
from groups.services.reactions import toggle_reaction
from tests.factories import AccountFactory, GroupFactory, MembershipFactory


@dataclass
class GroupsWorld:
    group: Group
    approval_group: Group
    member: Account
    other_member: Account
    host: Account
    staff: Account
    applicant: Account
    outsider: Account
    thread: Thread
    own_post: Post
    others_post: Post
    request: JoinRequest


def build_groups_world() -> GroupsWorld:
    group = GroupFactory(
        name="Retaliation after reporting",
        slug="retaliation",
        guidelines="Be kind. What is said here stays here.",
    )
    approval_group = GroupFactory(
        name="Founders and contractors",
        slug="founders",
        join_policy=Group.JoinPolicy.APPROVAL,
        join_question="What brings you here?",
        guidelines="No names of companies or people.",
    )
    member_membership = MembershipFactory(group=group, persona__name="Quiet Otter")
    other_membership = MembershipFactory(group=group, persona__name="Steady Lark")
    blocked_membership = MembershipFactory(group=group, persona__name="Loud Magpie")
    host_membership = MembershipFactory(
        group=approval_group,
        persona__account=AccountFactory(role=Account.Role.ADVOCATE),
        persona__name="Kind Heron",
        role=Membership.Role.HOST,
    )
    MembershipFactory(
        group=group,
        persona__account=host_membership.persona.account,
        persona__name="Calm Heron",
        role=Membership.Role.HOST,
    )
    member = member_membership.persona.account

    thread = post_services.create_thread(
        account=member,
        membership=member_membership,
        group=group,
        title="After I reported my manager",
        body="My reviews changed the week after I went to HR.",
        content_warning="retaliation at work",
    )
    own_post = thread.posts.get()
    others_post = post_services.create_post(
        account=other_membership.persona.account,
        membership=other_membership,
        thread=thread,
        body="The same happened to me. **You are not alone.**",
    )
    post_services.create_post(
        account=blocked_membership.persona.account,
        membership=blocked_membership,
        thread=thread,
        body="Have you tried just getting over it?",
        content_warning="dismissive",
    )
    # A reaction each way fills the reaction buttons and the member's notifications.
    toggle_reaction(membership=other_membership, post=own_post, kind="support")
    toggle_reaction(membership=member_membership, post=others_post, kind="thank_you")
    block_persona(blocker=member, persona=blocked_membership.persona)

    applicant = AccountFactory()
    request = membership_services.join_group(
        account=applicant,
        group=approval_group,
        name="Brave Finch",
        accepted_guidelines=True,
        answer="I ran a small studio and a client stopped paying after I complained.",
    )
    return GroupsWorld(
        group=group,
        approval_group=approval_group,
        member=member,
        other_member=other_membership.persona.account,
        host=host_membership.persona.account,
        staff=AccountFactory(is_staff=True),
        applicant=applicant,
        outsider=AccountFactory(),
        thread=thread,
        own_post=own_post,
        others_post=others_post,
        request=request,
    )
