"""One's own posts offer no Flag and no reaction buttons, and the reaction service refuses a
reaction to them; counts of zero are not shown on group and thread pages."""

import re

import pytest

from groups.models import Reaction
from tests.factories import MembershipFactory
from tests.pages import page_text
from tests.world import reply, start_thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def author(group):
    return MembershipFactory(group=group, persona__name="Quiet Heron 12")


@pytest.fixture
def other(group):
    return MembershipFactory(group=group, persona__name="Steady Otter 4")


@pytest.fixture
def thread(author, other):
    thread = start_thread(author, "Back at work", "First day back.")
    reply(other, thread, "Glad you're back.")
    return thread


def article_of(page: str, post) -> str:
    start = page.index(f'id="post-{post.public_id}"')
    return page[start : page.index("</article>", start)]


def test_your_own_post_has_no_flag_and_no_reaction_buttons(client, author, thread):
    client.force_login(author.persona.account)
    page = page_text(client.get(thread.get_absolute_url()))
    mine = article_of(page, thread.posts.get(author=author.persona))
    theirs = article_of(page, thread.posts.exclude(author=author.persona).get())

    assert "/moderation/flag/post/" not in mine
    assert "/react/" not in mine
    assert "/moderation/flag/post/" in theirs
    assert "/react/" in theirs


def test_reacting_to_your_own_post_is_refused_with_a_clear_message(client, author, thread):
    post = thread.posts.get(author=author.persona)
    client.force_login(author.persona.account)

    response = client.post(
        f"/groups/{thread.group.slug}/posts/{post.public_id}/react/",
        {"add": "support"},
        follow=True,
    )

    assert "You can&#x27;t react to your own post." in page_text(response)
    assert not Reaction.objects.exists()


def test_no_zero_counts_on_the_thread_and_group_pages(client, other, thread):
    client.force_login(other.persona.account)

    for path in (thread.get_absolute_url(), f"/groups/{thread.group.slug}/"):
        page = page_text(client.get(path))
        text = re.sub(r"<[^>]+>", " ", page)
        assert not re.search(r"(?<![\d.:,])0\s+\w", text), path
        assert 'class="reaction-count">0<' not in page, path
