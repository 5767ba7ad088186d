"""Quote-reply without JavaScript: `?quote=<post>#reply` prefills the reply box with that
post's Markdown, attributed by the author's persona name in this group only; a post the
viewer may not read prefills nothing."""

import html as html_lib

import pytest
from django.utils import timezone

from community.models import FORMER_MEMBER_NAME
from groups.models import Post
from groups.services import posts as post_services
from tests.factories import AccountFactory, GroupFactory, MembershipFactory
from tests.pages import page_text
from tests.world import reply, start_thread

pytestmark = pytest.mark.django_db

SOURCE = "It was the **third** time.\n\nI wrote it down."


@pytest.fixture
def people(group):
    """Two accounts that share this group and another one, under different names."""
    author = MembershipFactory(group=group, persona__name="Quiet Heron 12")
    reader = MembershipFactory(group=group, persona__name="Steady Otter 4")
    elsewhere = GroupFactory(name="Elsewhere", slug="elsewhere")
    MembershipFactory(
        group=elsewhere, persona__account=author.persona.account, persona__name="Far Lantern 9"
    )
    MembershipFactory(
        group=elsewhere, persona__account=reader.persona.account, persona__name="Near Fern 2"
    )
    return author, reader


@pytest.fixture
def thread(people):
    author, _reader = people
    return start_thread(author, "Documenting", "Opening post.")


def reply_box(client, thread, post_public_id) -> str:
    page = page_text(client.get(f"{thread.get_absolute_url()}?quote={post_public_id}"))
    box = page.split('name="body"', 1)[1].split("</textarea>", 1)[0]
    return html_lib.unescape(box.split(">", 1)[1])


def test_quote_prefills_the_reply_box_with_the_markdown_and_the_name_of_this_space(
    client, people, thread
):
    author, reader = people
    post = reply(author, thread, SOURCE)
    client.force_login(reader.persona.account)

    box = reply_box(client, thread, post.public_id)

    assert box.strip() == (
        "Quiet Heron 12 wrote:\n\n> It was the **third** time.\n>\n> I wrote it down."
    )
    page = page_text(client.get(f"{thread.get_absolute_url()}?quote={post.public_id}"))
    assert "Far Lantern 9" not in page
    assert author.persona.account.email not in page


def test_the_quote_link_on_each_post_leads_to_the_reply_form(client, people, thread):
    author, reader = people
    post = reply(author, thread, SOURCE)
    client.force_login(reader.persona.account)

    page = page_text(client.get(thread.get_absolute_url()))

    assert f"?page=1&amp;quote={post.public_id}#reply" in page
    assert 'id="reply"' in page
    assert 'data-quote-author="Quiet Heron 12"' in page


@pytest.mark.parametrize("state", ["deleted", "hidden", "held", "other_thread", "other_group"])
def test_a_post_the_viewer_may_not_quote_prefills_nothing(client, people, thread, state):
    author, reader = people
    if state == "other_group":
        elsewhere_membership = author.persona.account.personas.get(name="Far Lantern 9").membership
        post = start_thread(elsewhere_membership, "Far", SOURCE).posts.get()
    elif state == "other_thread":
        post = start_thread(author, "Another", SOURCE).posts.get()
    else:
        post = reply(author, thread, SOURCE)
    if state == "deleted":
        post_services.delete_post(membership=author, post=post)
    elif state == "hidden":
        Post.objects.filter(pk=post.pk).update(hidden_at=timezone.now())
    elif state == "held":
        Post.objects.filter(pk=post.pk).update(held_at=timezone.now())
    client.force_login(reader.persona.account)

    assert reply_box(client, thread, post.public_id).strip() == ""


@pytest.mark.parametrize("value", ["nonsense", "x" * 300, "", "%00"])
def test_a_malformed_quote_parameter_is_ignored(client, people, thread, value):
    _author, reader = people
    client.force_login(reader.persona.account)

    assert reply_box(client, thread, value).strip() == ""


def test_the_quote_source_answers_the_markdown_as_plain_text(client, people, thread):
    author, reader = people
    post = reply(author, thread, SOURCE)
    client.force_login(reader.persona.account)

    response = client.get(f"/groups/{thread.group.slug}/posts/{post.public_id}/quote/")

    assert response["Content-Type"].startswith("text/plain")
    assert response.content.decode().startswith("Quiet Heron 12 wrote:\n\n> It was the")


def test_the_quote_source_is_404_for_a_deleted_post_and_for_outsiders(client, people, thread):
    author, reader = people
    post = reply(author, thread, SOURCE)
    url = f"/groups/{thread.group.slug}/posts/{post.public_id}/quote/"
    client.force_login(AccountFactory())
    assert client.get(url).status_code == 404

    post_services.delete_post(membership=author, post=post)
    client.force_login(reader.persona.account)
    assert client.get(url).status_code == 404


def test_a_former_members_post_is_quoted_as_a_former_member(client, people, thread):
    author, reader = people
    post = reply(author, thread, SOURCE)
    post.author.account = None
    post.author.save(update_fields=["account"])
    client.force_login(reader.persona.account)

    box = reply_box(client, thread, post.public_id)

    assert "Quiet Heron 12" not in box
    assert box.lstrip("\n").startswith(f"A {FORMER_MEMBER_NAME} wrote:\n\n> It was the")
