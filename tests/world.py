"""One groups world for the authorization matrix, the bad-input sweep and the browser tests.

Three groups, one of each kind a visitor meets:

- `open_group` ("Retaliation after reporting"): listed, anyone may join. It holds `thread`,
  started by the member behind a content warning, a reply from another member and one from
  a persona the member blocked, with a reaction each way.
- `approval_group` ("Founders and contractors"): listed, the hosts decide and ask a question;
  the applicant's request waits in it.
- `unlisted_group` ("Hidden circle"): unlisted and open, reached by its invite link.

The member and the host (an advocate) are in all three, under a different persona in each;
the former member left and the removed member was removed from the open and approval groups.
Staff and the outsider are in none.

Accounts, groups and memberships come from the factories; threads, posts, reactions, the
block and the join request go through the services, so pages show what members would really
see (notifications, reaction counts, the collapsed post of a blocked persona). It works in
an ordinary test and in one with `transaction=True`, whose data a live server can read.
"""

from dataclasses import dataclass

from community.models import Account
from community.services.blocks import block_persona
from groups.models import Group, JoinRequest, Membership, Post, Thread
from groups.services import membership as membership_services
from groups.services import posts as post_services
from groups.services.reactions import toggle_reaction
from tests.factories import AccountFactory, GroupFactory, MembershipFactory


@dataclass
class World:
    open_group: Group
    approval_group: Group
    unlisted_group: Group
    member: Account
    other_member: Account
    blocked: Account
    host: Account
    applicant: Account
    former_member: Account
    removed_member: Account
    outsider: Account
    staff: Account
    thread: Thread
    own_post: Post
    others_post: Post
    blocked_post: Post
    request: JoinRequest
    member_membership: Membership
    host_membership: Membership

    def path(self, template: str, **more: str) -> str:
        """`template` with this world's slugs and public ids filled in, and `more`."""
        return template.format(
            open=self.open_group.slug,
            approval=self.approval_group.slug,
            unlisted=self.unlisted_group.slug,
            thread=self.thread.public_id,
            post=self.own_post.public_id,
            request=self.request.public_id,
            invite=self.unlisted_group.invite_token,
            host=self.host_membership.persona.public_id,
            # Names (personas) in the open group: the member's, the other member's beside their
            # reply; and the applicant's in the approval group, shown nowhere.
            own_name=self.member_membership.persona.public_id,
            others_name=self.others_post.author.public_id,
            applicant_name=self.request.persona.public_id,
            **more,
        )


def open_group(**fields) -> Group:
    """The open group, no one in it yet (the browser flows join it); `fields` change it."""
    return GroupFactory(
        **{
            "name": "Retaliation after reporting",
            "slug": "retaliation",
            "guidelines": "Be kind. What is said here stays here.",
            **fields,
        }
    )


def approval_group(**fields) -> Group:
    """The approval group with its question, no one in it yet; `fields` change it."""
    return GroupFactory(
        **{
            "name": "Founders and contractors",
            "slug": "founders",
            "join_policy": Group.JoinPolicy.APPROVAL,
            "join_question": "What brings you here?",
            "guidelines": "No names of companies or people.",
            **fields,
        }
    )


def add_host(group: Group, name: str, account: Account | None = None) -> Membership:
    """A host of `group` named `name`: `account`, or a new advocate."""
    return MembershipFactory(
        group=group,
        persona__account=account or AccountFactory(role=Account.Role.ADVOCATE),
        persona__name=name,
        role=Membership.Role.HOST,
    )


def start_thread(
    membership: Membership,
    title: str = "Finding my feet again",
    body: str = "It has been a hard month.",
    **fields,
) -> Thread:
    """A thread started by `membership` through the service, as the new-thread form does."""
    return post_services.create_thread(
        account=membership.persona.account,
        membership=membership,
        group=membership.group,
        title=title,
        body=body,
        **fields,
    )


def reply(
    membership: Membership, thread: Thread, body: str = "You're not alone in this.", **fields
) -> Post:
    """A reply by `membership` through the service, as the reply form does."""
    return post_services.create_post(
        account=membership.persona.account,
        membership=membership,
        thread=thread,
        body=body,
        **fields,
    )


def build_world() -> World:
    world_open = open_group()
    world_approval = approval_group()
    unlisted = GroupFactory(
        name="Hidden circle", slug="hidden-circle", visibility=Group.Visibility.UNLISTED
    )

    host_membership = add_host(world_approval, "Kind Heron")
    host = host_membership.persona.account
    add_host(world_open, "Calm Heron", host)
    add_host(unlisted, "Gentle Heron", host)

    member_membership = MembershipFactory(group=world_open, persona__name="Quiet Otter")
    member = member_membership.persona.account
    MembershipFactory(group=world_approval, persona__account=member, persona__name="Still Otter")
    MembershipFactory(group=unlisted, persona__account=member, persona__name="Shy Otter")
    other_membership = MembershipFactory(group=world_open, persona__name="Steady Lark")
    blocked_membership = MembershipFactory(group=world_open, persona__name="Loud Magpie")

    thread, own_post, others_post, blocked_post = _talk(
        member_membership, other_membership, blocked_membership
    )
    block_persona(blocker=member, persona=blocked_membership.persona)

    applicant = AccountFactory()
    request = membership_services.join_group(
        account=applicant,
        group=world_approval,
        name="Brave Finch",
        accepted_guidelines=True,
        answer="I ran a small studio and a client stopped paying after I complained.",
    )
    return World(
        open_group=world_open,
        approval_group=world_approval,
        unlisted_group=unlisted,
        member=member,
        other_member=other_membership.persona.account,
        blocked=blocked_membership.persona.account,
        host=host,
        applicant=applicant,
        former_member=_former(Membership.Status.LEFT, "Gone Sparrow", world_open, world_approval),
        removed_member=_former(Membership.Status.REMOVED, "Sent Jay", world_open, world_approval),
        outsider=AccountFactory(),
        staff=AccountFactory(is_staff=True),
        thread=thread,
        own_post=own_post,
        others_post=others_post,
        blocked_post=blocked_post,
        request=request,
        member_membership=member_membership,
        host_membership=host_membership,
    )


def _talk(
    member: Membership, other: Membership, blocked: Membership
) -> tuple[Thread, Post, Post, Post]:
    """The member's thread, two replies, and a reaction each way between member and other."""
    thread = start_thread(
        member,
        "After I reported my manager",
        "My reviews changed the week after I went to HR.",
        content_warning="retaliation at work",
    )
    own_post = thread.posts.get()
    others_post = reply(other, thread, "The same happened to me. **You are not alone.**")
    blocked_post = reply(
        blocked, thread, "Have you tried just getting over it?", content_warning="dismissive"
    )
    # A reaction each way fills the reaction buttons and the member's notifications.
    toggle_reaction(membership=other, post=own_post, kind="support")
    toggle_reaction(membership=member, post=others_post, kind="thank_you")
    return thread, own_post, others_post, blocked_post


def _former(status: str, name: str, *groups: Group) -> Account:
    """An account whose memberships of `groups` (as `name` and a number) all have `status`."""
    account = AccountFactory()
    for number, group in enumerate(groups):
        MembershipFactory(
            group=group,
            persona__account=account,
            persona__name=f"{name} {number}",
            status=status,
        )
    return account
