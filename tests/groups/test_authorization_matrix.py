"""Every groups URL and action, for every kind of visitor, with the status they must get.

World (tests/world.py): the listed approval group holds the pending applicant's request and
is where joining, leaving, the request queue and management are tried; the listed open group
holds the member's thread, where threads and posts are tried; the unlisted group has the
member and the host in it. The former member left and the removed member was removed from
both listed groups: inside them they are outsiders again, and only the one who left may ask
to join again. The blocked member, blocked by the member in the open group, can do there
everything a member can, the member's own post included, since a block is never shown to the
person blocked. Staff are in no group: they keep the management pages (and the join request
queue of a group without hosts, which these are not), but what is inside a group (threads,
posts, reactions, blocks and flags through them, members' names) is 404 for them, as for any
non-member.

What a visitor may not see is 404, exactly like something that does not exist; actions that
need an account send anonymous visitors to log in only where the thing itself is public.
"""

import pytest
from django.test import Client

from groups.models import Membership
from tests.world import World

ROLES = [
    "anonymous",
    "non_member",
    "pending",
    "member",
    "host",
    "staff",
    "left",
    "removed",
    "blocked",
]
# Who plays each role in tests/world.py; "anonymous" is nobody.
PLAYERS = {
    "non_member": "outsider",
    "pending": "applicant",
    "member": "member",
    "host": "host",
    "staff": "staff",
    "left": "former_member",
    "removed": "removed_member",
    "blocked": "blocked",
}


def _client(world: World, role: str, **options) -> Client:
    client = Client(**options)
    if role in PLAYERS:
        client.force_login(getattr(world, PLAYERS[role]))
    return client


A = "/groups/{approval}"
G = "/groups/{open}"
M = "/groups/manage/{approval}"
T = G + "/threads/{thread}"
P = G + "/posts/{post}"
JOIN = {"name": "Brave Finch 31", "answer": "Much the same.", "accept_guidelines": "on"}
REPLY = {"body": "Thinking of you."}
GROUP = {
    "name": "Renamed",
    "slug": "{approval}",
    "description": "d",
    "visibility": "listed",
    "join_policy": "open",
}

# method, url, form data, then the status each role gets, in the order of ROLES.
MATRIX = [
    ("get", "/groups/", None, "200 200 200 200 200 200 200 200 200"),
    ("get", A + "/", None, "200 200 200 200 200 200 200 200 200"),
    ("get", "/groups/{unlisted}/", None, "404 404 404 200 200 200 404 404 404"),
    ("get", "/groups/no-such-group/", None, "404 404 404 404 404 404 404 404 404"),
    ("get", A + "/join/", None, "302 200 302 302 302 200 200 404 200"),
    ("post", A + "/join/", JOIN, "302 302 302 302 302 302 302 404 302"),
    ("get", "/groups/{unlisted}/join/", None, "404 404 404 302 302 404 404 404 404"),
    ("get", "/groups/join/{invite}/", None, "302 200 200 302 302 200 200 200 200"),
    ("get", "/groups/join/not-a-real-token/", None, "404 404 404 404 404 404 404 404 404"),
    ("post", A + "/leave/", None, "404 404 404 302 302 404 404 404 404"),
    ("post", "/groups/{unlisted}/leave/", None, "404 404 404 302 302 404 404 404 404"),
    ("get", A + "/requests/", None, "404 404 404 404 200 404 404 404 404"),
    ("post", A + "/requests/{request}/approve/", None, "404 404 404 404 302 404 404 404 404"),
    ("post", A + "/requests/{request}/decline/", None, "404 404 404 404 302 404 404 404 404"),
    ("get", G + "/threads/new/", None, "404 404 404 200 200 404 404 404 200"),
    ("post", G + "/threads/new/", {"title": "t", **REPLY}, "404 404 404 302 302 404 404 404 302"),
    ("get", T + "/", None, "404 404 404 200 200 404 404 404 200"),
    ("get", G + "/threads/not-a-thread/", None, "404 404 404 404 404 404 404 404 404"),
    ("get", "/groups/{unlisted}/threads/{thread}/", None, "404 404 404 404 404 404 404 404 404"),
    ("post", T + "/reply/", REPLY, "404 404 404 302 302 404 404 404 302"),
    ("post", T + "/pin/", None, "404 404 404 404 302 404 404 404 404"),
    ("post", T + "/unpin/", None, "404 404 404 404 302 404 404 404 404"),
    # Locking asks for a rule and is logged: moderation's page, no longer a groups button.
    ("post", T + "/lock/", None, "404 404 404 404 404 404 404 404 404"),
    ("post", T + "/unlock/", None, "404 404 404 404 404 404 404 404 404"),
    ("get", "/moderation/act/thread/{thread}/", None, "302 404 404 404 200 404 404 404 404"),
    ("post", T + "/explode/", None, "404 404 404 404 404 404 404 404 404"),
    ("get", P + "/edit/", None, "404 404 404 200 404 404 404 404 404"),
    ("post", P + "/edit/", REPLY, "404 404 404 302 404 404 404 404 404"),
    ("post", P + "/delete/", None, "404 404 404 302 404 404 404 404 404"),
    ("post", P + "/react/", {"kind": "support"}, "302 404 404 302 302 404 404 404 302"),
    ("get", P + "/block/", None, "302 404 404 404 200 404 404 404 200"),
    ("post", P + "/block/", None, "302 404 404 404 302 404 404 404 302"),
    ("get", "/moderation/flag/post/{post}/", None, "302 404 404 200 200 404 404 404 200"),
    ("get", "/moderation/flag/thread/{thread}/", None, "302 404 404 200 200 404 404 404 200"),
    ("get", "/moderation/flag/persona/{others_name}/", None, "302 404 404 200 200 404 404 404 200"),
    # One's own name cannot be flagged; an applicant's is shown nowhere, so it is there for no one.
    ("get", "/moderation/flag/persona/{own_name}/", None, "302 404 404 404 200 404 404 404 200"),
    ("get", "/moderation/flag/persona/{applicant_name}/", None, "302 " + "404 " * 7 + "404"),
    # A member's page in the group: read like its threads. The host's persona of the approval
    # group is no one's under the open group's slug; the applicant's is shown nowhere.
    ("get", G + "/people/{others_name}/", None, "404 404 404 200 200 404 404 404 200"),
    ("get", G + "/people/{own_name}/", None, "404 404 404 200 200 404 404 404 200"),
    ("get", G + "/people/{host}/", None, "404 " * 8 + "404"),
    ("get", A + "/people/{applicant_name}/", None, "404 " * 8 + "404"),
    ("get", "/groups/manage/", None, "404 404 404 404 404 200 404 404 404"),
    ("get", "/groups/manage/new/", None, "404 404 404 404 404 200 404 404 404"),
    ("get", "/groups/manage/{approval}/", None, "404 404 404 404 404 200 404 404 404"),
    ("post", "/groups/manage/{approval}/", GROUP, "404 404 404 404 404 302 404 404 404"),
    # Without confirm=yes: the confirmation page (acting is tested in test_staff_confirms).
    ("post", M + "/invite/", None, "404 404 404 404 404 200 404 404 404"),
    ("get", M + "/invite/", None, "404 404 404 404 404 200 404 404 404"),
    ("post", M + "/hosts/{host}/add/", None, "404 404 404 404 404 302 404 404 404"),
    ("post", M + "/hosts/{host}/remove/", None, "404 404 404 404 404 200 404 404 404"),
    ("get", M + "/hosts/{host}/remove/", None, "404 404 404 404 404 200 404 404 404"),
]

CASES = [
    pytest.param(method, url, data, role, expected, id=f"{role} {method.upper()} {url}")
    for method, url, data, statuses in MATRIX
    for role, expected in zip(ROLES, map(int, statuses.split()), strict=True)
]


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "url", "data", "role", "expected"), CASES)
def test_each_visitor_gets_the_expected_status(shared_world, method, url, data, role, expected):
    form = {key: shared_world.path(value) for key, value in (data or {}).items()}
    response = getattr(_client(shared_world, role), method)(shared_world.path(url), form)
    assert response.status_code == expected


@pytest.mark.django_db
@pytest.mark.parametrize("url", [A + "/join/", A + "/leave/"])
def test_state_changes_refuse_get_or_ignore_it(shared_world, url):
    """A GET never changes anything: leaving needs POST, and the join page only shows a form."""
    membership = Membership.objects.get(
        group=shared_world.approval_group, persona__account=shared_world.member
    )
    _client(shared_world, "member").get(shared_world.path(url))
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE


@pytest.mark.django_db
def test_posts_need_a_csrf_token(shared_world):
    posts_before = shared_world.thread.posts.count()
    client = _client(shared_world, "member", enforce_csrf_checks=True)
    response = client.post(shared_world.path(T + "/reply/"), REPLY)
    assert response.status_code == 403
    assert shared_world.thread.posts.count() == posts_before
