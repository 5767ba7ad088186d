"""Issue 13, polish on the group pages: the pending-request message once, the guidelines in
full on a member's first visit only, and the content-warning field in one place in every form."""

import re

import pytest

from groups.models import Group, Membership
from tests.factories import GroupFactory, MembershipFactory
from tests.pages import page_text
from tests.world import start_thread

GUIDELINES = "Be kind. What is said here stays here."
CARD = '<section class="card guidelines">'
WAITING = "Your request is waiting for one of the hosts"


def test_the_pending_request_message_shows_once(member_client):
    group = GroupFactory(join_policy=Group.JoinPolicy.APPROVAL, join_question="")
    response = member_client.post(
        f"/groups/{group.slug}/join/",
        {"name": "Steady Otter 12", "accept_guidelines": "on"},
        follow=True,
    )
    page = page_text(response)
    assert page.count(WAITING) == 1
    assert "Thank you. Your request was sent." in page
    # And on a later visit, without the one-off thanks, the card still says it.
    assert page_text(member_client.get(f"/groups/{group.slug}/")).count(WAITING) == 1


def test_a_new_member_sees_the_guidelines_in_full_on_the_first_visit_only(
    member_client, account, group
):
    member_client.post(
        f"/groups/{group.slug}/join/", {"name": "Steady Otter 12", "accept_guidelines": "on"}
    )
    first = page_text(member_client.get(f"/groups/{group.slug}/"))
    assert CARD in first
    assert GUIDELINES in first

    later = page_text(member_client.get(f"/groups/{group.slug}/"))
    assert CARD not in later
    # Still one click away, folded.
    assert "This group's guidelines</summary>" in later
    assert GUIDELINES in later
    assert Membership.objects.get(persona__account=account, group=group).guidelines_shown


def test_the_flag_is_per_membership(client, account, group):
    """Seen in one group is not seen in another; and another member's flag is their own."""
    other_group = GroupFactory()
    MembershipFactory(group=group, persona__account=account, guidelines_shown=True)
    MembershipFactory(group=other_group, persona__account=account)
    MembershipFactory(group=group)  # someone else, first visit still ahead
    client.force_login(account)
    assert CARD not in page_text(client.get(f"/groups/{group.slug}/"))
    assert CARD in page_text(client.get(f"/groups/{other_group.slug}/"))
    assert Membership.objects.filter(group=group, guidelines_shown=False).count() == 1


def test_the_first_visit_writes_one_row_and_later_ones_nothing(
    client, account, group, django_assert_max_num_queries
):
    MembershipFactory(group=group, persona__account=account)
    client.force_login(account)

    def writes() -> list[str]:
        with django_assert_max_num_queries(11) as queries:
            page_text(client.get(f"/groups/{group.slug}/"))
        return [q["sql"] for q in queries.captured_queries if q["sql"].startswith("UPDATE")]

    first = writes()
    assert len(first) == 1 and "guidelines_shown" in first[0]
    assert writes() == []


def test_visitors_see_the_guidelines_in_full_every_time(client, group):
    for _ in range(2):
        assert CARD in page_text(client.get(f"/groups/{group.slug}/"))


def _field_names(html: str) -> list[str]:
    names = re.findall(r'<(?:input|textarea)[^>]*name="([a-z_]+)"', html)
    return [name for name in names if name in {"title", "content_warning", "body"}]


@pytest.mark.parametrize("where", ["new thread", "reply", "edit"])
def test_the_content_warning_field_comes_before_the_text_in_every_form(client, account, where):
    membership = MembershipFactory(persona__account=account)
    group = membership.group
    thread = start_thread(membership)
    client.force_login(account)
    if where == "new thread":
        html = page_text(client.get(f"/groups/{group.slug}/threads/new/"))
        assert _field_names(html) == ["title", "content_warning", "body"]
    elif where == "reply":
        html = page_text(client.get(thread.get_absolute_url()))
        assert _field_names(html) == ["content_warning", "body"]
    else:
        post = thread.posts.get()
        html = page_text(client.get(f"/groups/{group.slug}/posts/{post.public_id}/edit/"))
        assert _field_names(html) == ["content_warning", "body"]
