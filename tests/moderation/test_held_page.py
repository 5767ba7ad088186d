"""The list of held content (/moderation/held/): site moderators see everything held, a
group's hosts what was held in their group, nobody else anything (404). It shows the author's
persona in that group and the text as written, never an email or another persona; Publish
and Keep back decide an item.
"""

import pytest

from community.models import Account
from groups.models import Membership, Post
from moderation.models import HeldContent
from tests.clients import client_for
from tests.factories import AccountFactory, GroupFactory, MembershipFactory
from tests.pages import page_text
from tests.world import reply, start_thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def group():
    return GroupFactory(name="Night shift", slug="night-shift")


@pytest.fixture
def other_group():
    return GroupFactory(name="Day shift", slug="day-shift")


@pytest.fixture
def author(group, other_group):
    membership = MembershipFactory(group=group, persona__name="Quiet Heron")
    # The same account elsewhere, under another name: never shown with the first.
    MembershipFactory(
        group=other_group, persona__account=membership.persona.account, persona__name="Bold Lark"
    )
    return membership


@pytest.fixture
def held_reply(group, author):
    thread = start_thread(MembershipFactory(group=group), title="Check-in", body="Hi all.")
    return reply(author, thread, "Email the lead at dan.hughes@bigco.com")


@pytest.fixture
def moderator():
    return AccountFactory(role=Account.Role.MODERATOR)


def test_a_site_moderator_sees_the_held_text_with_the_persona_only(moderator, author, held_reply):
    page = page_text(client_for(moderator).get("/moderation/held/"))
    assert "dan.hughes@bigco.com" in page
    assert "Quiet Heron" in page and "Night shift" in page
    assert "Bold Lark" not in page
    assert author.persona.account.email not in page


def test_a_host_sees_their_groups_held_content_only(group, other_group, held_reply):
    host = MembershipFactory(group=group, role=Membership.Role.HOST)
    other_host = MembershipFactory(group=other_group, role=Membership.Role.HOST)
    assert "dan.hughes" in page_text(client_for(host).get("/moderation/held/"))
    page = page_text(client_for(other_host).get("/moderation/held/"))
    assert "dan.hughes" not in page and "Nothing is waiting." in page


def test_members_find_no_page(group, held_reply):
    member = MembershipFactory(group=group)
    assert client_for(member).get("/moderation/held/").status_code == 404
    held = HeldContent.objects.get()
    response = client_for(member).post(f"/moderation/held/{held.public_id}/release/")
    assert response.status_code == 404
    assert Post.objects.get(pk=held_reply.pk).held_at is not None


def test_another_groups_host_cannot_decide(other_group, held_reply):
    other_host = MembershipFactory(group=other_group, role=Membership.Role.HOST)
    held = HeldContent.objects.get()
    for action in ("release", "reject"):
        response = client_for(other_host).post(f"/moderation/held/{held.public_id}/{action}/")
        assert response.status_code == 404
    assert HeldContent.objects.get().status == HeldContent.Status.HELD


def test_publish_from_the_page_shows_it_to_everyone(moderator, group, held_reply):
    held = HeldContent.objects.get()
    response = client_for(moderator).post(
        f"/moderation/held/{held.public_id}/release/", follow=True
    )
    page = page_text(response)
    assert "Published" in page and "Nothing is waiting." in page
    reader = MembershipFactory(group=group)
    thread_page = page_text(client_for(reader).get(held_reply.thread.get_absolute_url()))
    assert "dan.hughes@bigco.com" in thread_page


def test_keep_back_from_the_page_leaves_it_to_its_author(moderator, held_reply):
    held = HeldContent.objects.get()
    client_for(moderator).post(f"/moderation/held/{held.public_id}/reject/")
    assert HeldContent.objects.get().status == HeldContent.Status.REJECTED
    assert Post.objects.get(pk=held_reply.pk).held_at is not None


@pytest.mark.parametrize("count", [2, 20])
def test_the_page_runs_a_fixed_number_of_queries(
    moderator, group, count, django_assert_num_queries, settings
):
    settings.GROUPS_POST_RATE = "1000/m"
    thread = start_thread(MembershipFactory(group=group), title="Check-in", body="Hi all.")
    for number in range(count):
        reply(MembershipFactory(group=group), thread, f"Call me: +1 415 555 26{number:02d}")
    client = client_for(moderator)
    # session, user, the held items with authors and spaces, the groups' names, the
    # Moderation link's open count, the bell
    with django_assert_num_queries(6):
        response = client.get("/moderation/held/")
    assert response.content.decode().count('class="card held-item"') == count
