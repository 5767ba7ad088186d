"""Blocking from a post: a confirm page, then the author's posts fold away for the blocker in
that group only, silently; the blocked person sees no difference. And the block list."""

import pytest

from community.models import Block, Notification
from groups.models import Post
from tests.factories import GroupFactory, MembershipFactory, PostFactory, ThreadFactory
from tests.pages import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def groups():
    women = GroupFactory(name="Women in engineering", slug="women")
    return women, GroupFactory(name="Founders", slug="founders")


@pytest.fixture
def people(groups):
    """Two accounts, each with a persona in both groups."""
    women, founders = groups
    blocker_here = MembershipFactory(group=women, persona__name="Patient Crane")
    blocked_here = MembershipFactory(group=women, persona__name="Sharp Jackal")
    blocker_there = MembershipFactory(
        group=founders, persona__account=blocker_here.persona.account, persona__name="Other Crane"
    )
    blocked_there = MembershipFactory(
        group=founders, persona__account=blocked_here.persona.account, persona__name="Second Skin"
    )
    return blocker_here, blocked_here, blocker_there, blocked_there


def _thread_url(thread):
    return f"/groups/{thread.group.slug}/threads/{thread.public_id}/"


def test_the_confirm_page_explains_the_block_is_silent_and_for_this_group_only(client, people):
    blocker, blocked, *_ = people
    post = ThreadFactory(membership=blocked, body="Hello").posts.get()
    client.force_login(blocker.persona.account)

    response = client.get(f"/groups/women/posts/{post.public_id}/block/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Sharp Jackal" in page
    assert "They are not told" in page
    assert "In <bdi>Women in engineering</bdi> only." in page
    assert "Nothing changes in other groups" in page
    assert "moderators act on accounts" in page
    assert "every other space" not in page
    assert not Block.objects.exists()


def test_after_blocking_the_persona_is_folded_here_and_nothing_changes_elsewhere(client, people):
    blocker, blocked, blocker_there, blocked_there = people
    here = ThreadFactory(membership=blocker, title="Here", body="Opening words")
    PostFactory(thread=here, author=blocked.persona, body="Words from the jackal here")
    there = ThreadFactory(membership=blocker_there, title="There", body="Other opening")
    PostFactory(thread=there, author=blocked_there.persona, body="Words from the second persona")
    their_thread = ThreadFactory(
        membership=blocked_there, title="A thread of theirs", body="Their opening"
    )
    client.force_login(blocker.persona.account)
    post = Post.objects.get(body="Words from the jackal here")

    response = client.post(f"/groups/women/posts/{post.public_id}/block/", follow=True)

    assert response.status_code == 200
    assert (
        "You blocked <bdi>Sharp Jackal</bdi> in <bdi>Women in engineering</bdi>"
        in response.content.decode()
    )
    assert "Nothing changes in other groups" in response.content.decode()
    here_page = client.get(_thread_url(here)).content.decode()
    assert "Opening words" in here_page
    assert here_page.count("Hidden: you blocked this person") == 1
    # The same account's persona in Founders: shown as before, nothing folded.
    there_page = client.get(_thread_url(there))
    assert there_page.status_code == 200
    assert "Words from the second persona" in there_page.content.decode()
    assert "Hidden" not in there_page.content.decode()
    founders = client.get("/groups/founders/").content.decode()
    assert "A thread of theirs" in founders
    assert "Hidden" not in founders
    assert "Their opening" in client.get(_thread_url(their_thread)).content.decode()


def test_the_blocked_person_sees_no_difference(client, people):
    blocker, blocked, *_ = people
    thread = ThreadFactory(membership=blocker, body="The blocker's words")
    post = PostFactory(thread=thread, author=blocked.persona, body="The blocked person's words")
    client.force_login(blocked.persona.account)
    before = page_text(client.get(_thread_url(thread)))
    client.logout()

    client.force_login(blocker.persona.account)
    client.post(f"/groups/women/posts/{post.public_id}/block/")
    client.logout()
    client.force_login(blocked.persona.account)
    after = page_text(client.get(_thread_url(thread)))

    assert "The blocker's words" in after
    assert "The blocked person's words" in after
    assert after.count('class="card post"') == before.count('class="card post"') == 2
    assert not Notification.objects.filter(account=blocked.persona.account).exists()
    assert "block" not in page_text(client.get("/notifications/")).lower()


def test_you_cannot_block_yourself_and_there_is_no_page_for_it(client, people):
    blocker, *_ = people
    post = ThreadFactory(membership=blocker).posts.get()
    client.force_login(blocker.persona.account)

    assert client.get(f"/groups/women/posts/{post.public_id}/block/").status_code == 404
    assert client.post(f"/groups/women/posts/{post.public_id}/block/").status_code == 404
    assert not Block.objects.exists()


def test_non_members_get_404_and_block_nobody(client, people):
    _, blocked, *_ = people
    post = ThreadFactory(membership=blocked).posts.get()
    client.force_login(MembershipFactory().persona.account)

    assert client.post(f"/groups/women/posts/{post.public_id}/block/").status_code == 404
    assert not Block.objects.exists()


def test_blocking_needs_a_post_to_change_anything(client, people):
    blocker, blocked, *_ = people
    post = ThreadFactory(membership=blocked).posts.get()
    client.force_login(blocker.persona.account)

    client.get(f"/groups/women/posts/{post.public_id}/block/")

    assert not Block.objects.exists()


def test_the_block_list_names_the_persona_and_group_only(client, people):
    blocker, blocked, *_ = people
    post = ThreadFactory(membership=blocked).posts.get()
    client.force_login(blocker.persona.account)
    client.post(f"/groups/women/posts/{post.public_id}/block/")

    page = page_text(client.get("/settings/blocks/"))

    assert "Sharp Jackal" in page
    assert "Women in engineering" in page
    assert "Second Skin" not in page  # the same account's persona elsewhere stays unlinked
    assert blocked.persona.account.email not in page


def test_unblocking_from_the_list_unfolds_their_posts(client, people):
    blocker, blocked, *_ = people
    thread = ThreadFactory(membership=blocker)
    post = PostFactory(thread=thread, author=blocked.persona, body="Back in view")
    client.force_login(blocker.persona.account)
    client.post(f"/groups/women/posts/{post.public_id}/block/")

    response = client.post(f"/settings/blocks/{blocked.persona.public_id}/unblock/", follow=True)

    assert "Unblocked" in response.content.decode()
    assert not Block.objects.exists()
    response = client.get(_thread_url(thread))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Back in view" in page
    assert "Hidden" not in page


def test_the_block_list_is_yours_alone(client, people):
    blocker, blocked, *_ = people
    post = ThreadFactory(membership=blocked).posts.get()
    client.force_login(blocker.persona.account)
    client.post(f"/groups/women/posts/{post.public_id}/block/")
    client.logout()

    client.force_login(blocked.persona.account)
    assert "Sharp Jackal" not in client.get("/settings/blocks/").content.decode()
    client.post(f"/settings/blocks/{blocked.persona.public_id}/unblock/")
    assert Block.objects.count() == 1
    client.logout()
    assert client.get("/settings/blocks/").status_code == 302
