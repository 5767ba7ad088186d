"""Every groups URL and action, for every kind of visitor, with the status they must get.

World: "open-circle" is listed with the approval policy and holds a thread with a post by the
member; "hidden-circle" is unlisted and open, with the member and the host in it. The pending
applicant has a request waiting in open-circle. Staff are in neither group: they keep the
management pages (and the join request queue of a group without hosts, which these are
not), but what is inside a group (threads, posts, reactions, blocks and flags through them)
is 404 for them, as for any non-member.

What a visitor may not see is 404, exactly like something that does not exist; actions that
need an account send anonymous visitors to log in only where the thing itself is public.
"""

from dataclasses import dataclass

import pytest
from django.test import Client

from community.models import Account
from groups.models import Group, JoinRequest, Membership
from groups.services import posts as post_services
from tests.factories import (
    AccountFactory,
    GroupFactory,
    JoinRequestFactory,
    MembershipFactory,
)

ROLES = ["anonymous", "non_member", "pending", "member", "host", "staff"]


@dataclass
class World:
    listed: Group
    unlisted: Group
    thread: object
    post: object
    request: JoinRequest
    accounts: dict
    host_membership: Membership
    member_membership: Membership


def build_world() -> World:
    listed = GroupFactory(
        name="Open circle", slug="open-circle", join_policy=Group.JoinPolicy.APPROVAL
    )
    unlisted = GroupFactory(
        name="Hidden circle", slug="hidden-circle", visibility=Group.Visibility.UNLISTED
    )
    member_account = AccountFactory()
    host_account = AccountFactory(role=Account.Role.ADVOCATE)
    member = MembershipFactory(group=listed, persona__account=member_account)
    host = MembershipFactory(group=listed, persona__account=host_account, role=Membership.Role.HOST)
    MembershipFactory(group=unlisted, persona__account=member_account)
    MembershipFactory(group=unlisted, persona__account=host_account, role=Membership.Role.HOST)
    request = JoinRequestFactory(group=listed)
    pending_account = request.persona.account
    thread = post_services.create_thread(
        account=member_account, membership=member, group=listed, title="Hello", body="Hi all"
    )
    return World(
        listed=listed,
        unlisted=unlisted,
        thread=thread,
        post=thread.posts.get(),
        request=request,
        accounts={
            "anonymous": None,
            "non_member": AccountFactory(),
            "pending": pending_account,
            "member": member_account,
            "host": host_account,
            "staff": AccountFactory(is_staff=True),
        },
        host_membership=host,
        member_membership=member,
    )


def _url(world: World, template: str) -> str:
    return template.format(
        thread=world.thread.public_id,
        post=world.post.public_id,
        request=world.request.public_id,
        invite=world.unlisted.invite_token,
        host=world.host_membership.persona.public_id,
    )


T = "/groups/open-circle/threads/{thread}"
P = "/groups/open-circle/posts/{post}"
JOIN = {"name": "Brave Finch 31", "accept_guidelines": "on"}
REPLY = {"body": "Thinking of you."}
GROUP = {
    "name": "Renamed",
    "slug": "open-circle",
    "description": "d",
    "visibility": "listed",
    "join_policy": "open",
}

#            method, url, data,       anonymous, non_member, pending, member, host, staff
MATRIX = [
    ("get", "/groups/", None, 200, 200, 200, 200, 200, 200),
    ("get", "/groups/open-circle/", None, 200, 200, 200, 200, 200, 200),
    ("get", "/groups/hidden-circle/", None, 404, 404, 404, 200, 200, 200),
    ("get", "/groups/no-such-group/", None, 404, 404, 404, 404, 404, 404),
    ("get", "/groups/open-circle/join/", None, 302, 200, 302, 302, 302, 200),
    ("post", "/groups/open-circle/join/", JOIN, 302, 302, 302, 302, 302, 302),
    ("get", "/groups/hidden-circle/join/", None, 404, 404, 404, 302, 302, 404),
    ("get", "/groups/join/{invite}/", None, 302, 200, 200, 302, 302, 200),
    ("get", "/groups/join/not-a-real-token/", None, 404, 404, 404, 404, 404, 404),
    ("post", "/groups/open-circle/leave/", None, 404, 404, 404, 302, 302, 404),
    ("post", "/groups/hidden-circle/leave/", None, 404, 404, 404, 302, 302, 404),
    ("get", "/groups/open-circle/requests/", None, 404, 404, 404, 404, 200, 404),
    ("post", "/groups/open-circle/requests/{request}/approve/", None, 404, 404, 404, 404, 302, 404),
    ("post", "/groups/open-circle/requests/{request}/decline/", None, 404, 404, 404, 404, 302, 404),
    ("get", "/groups/open-circle/threads/new/", None, 404, 404, 404, 200, 200, 404),
    (
        "post",
        "/groups/open-circle/threads/new/",
        {"title": "t", **REPLY},
        404,
        404,
        404,
        302,
        302,
        404,
    ),
    ("get", T + "/", None, 404, 404, 404, 200, 200, 404),
    ("get", "/groups/open-circle/threads/not-a-thread/", None, 404, 404, 404, 404, 404, 404),
    ("get", "/groups/hidden-circle/threads/{thread}/", None, 404, 404, 404, 404, 404, 404),
    ("post", T + "/reply/", REPLY, 404, 404, 404, 302, 302, 404),
    ("post", T + "/pin/", None, 404, 404, 404, 404, 302, 404),
    ("post", T + "/unpin/", None, 404, 404, 404, 404, 302, 404),
    ("post", T + "/lock/", None, 404, 404, 404, 404, 302, 404),
    ("post", T + "/unlock/", None, 404, 404, 404, 404, 302, 404),
    ("post", T + "/explode/", None, 404, 404, 404, 404, 404, 404),
    ("get", "/groups/open-circle/posts/{post}/edit/", None, 404, 404, 404, 200, 404, 404),
    ("post", "/groups/open-circle/posts/{post}/edit/", REPLY, 404, 404, 404, 302, 404, 404),
    ("post", "/groups/open-circle/posts/{post}/delete/", None, 404, 404, 404, 302, 404, 404),
    ("post", P + "/react/", {"kind": "support"}, 302, 404, 404, 302, 302, 404),
    ("get", P + "/block/", None, 302, 404, 404, 404, 200, 404),
    ("post", P + "/block/", None, 302, 404, 404, 404, 302, 404),
    ("get", "/moderation/flag/post/{post}/", None, 302, 404, 404, 200, 200, 404),
    ("get", "/moderation/flag/thread/{thread}/", None, 302, 404, 404, 200, 200, 404),
    ("get", "/groups/manage/", None, 404, 404, 404, 404, 404, 200),
    ("get", "/groups/manage/new/", None, 404, 404, 404, 404, 404, 200),
    ("get", "/groups/manage/open-circle/", None, 404, 404, 404, 404, 404, 200),
    ("post", "/groups/manage/open-circle/", GROUP, 404, 404, 404, 404, 404, 302),
    ("post", "/groups/manage/open-circle/invite/", None, 404, 404, 404, 404, 404, 302),
    ("post", "/groups/manage/open-circle/hosts/{host}/add/", None, 404, 404, 404, 404, 404, 302),
    ("post", "/groups/manage/open-circle/hosts/{host}/remove/", None, 404, 404, 404, 404, 404, 302),
]

CASES = [
    pytest.param(method, url, data, role, expected, id=f"{role} {method.upper()} {url}")
    for method, url, data, *statuses in MATRIX
    for role, expected in zip(ROLES, statuses, strict=True)
]


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "url", "data", "role", "expected"), CASES)
def test_each_visitor_gets_the_expected_status(method, url, data, role, expected):
    world = build_world()
    client = Client()
    if world.accounts[role] is not None:
        client.force_login(world.accounts[role])
    response = getattr(client, method)(_url(world, url), data or {})
    assert response.status_code == expected


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/groups/open-circle/join/", "/groups/open-circle/leave/"])
def test_state_changes_refuse_get_or_ignore_it(url):
    """A GET never changes anything: leaving needs POST, and the join page only shows a form."""
    world = build_world()
    client = Client()
    client.force_login(world.accounts["member"])
    client.get(url)
    world.member_membership.refresh_from_db()
    assert world.member_membership.status == Membership.Status.ACTIVE


@pytest.mark.django_db
def test_posts_need_a_csrf_token():
    world = build_world()
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.accounts["member"])
    response = client.post(_url(world, T + "/reply/"), REPLY)
    assert response.status_code == 403
    assert world.thread.posts.count() == 1
