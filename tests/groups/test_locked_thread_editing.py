"""A locked thread is closed for edits too: its author can no longer change what they wrote
(but may still delete it, to take their words back)."""

import pytest

from community.errors import NotAllowed
from groups.services import posts as post_services
from tests.clients import client_for
from tests.factories import MembershipFactory, ThreadFactory
from tests.pages import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def locked_post():
    author = MembershipFactory()
    thread = ThreadFactory(membership=author, body="What I wrote before the lock", is_locked=True)
    return author, thread.posts.get()


def test_the_author_gets_404_for_the_edit_page_of_a_post_in_a_locked_thread(locked_post):
    author, post = locked_post
    url = f"/groups/{author.group.slug}/posts/{post.public_id}/edit/"
    assert client_for(author).get(url).status_code == 404


def test_posting_an_edit_in_a_locked_thread_changes_nothing(locked_post):
    author, post = locked_post
    url = f"/groups/{author.group.slug}/posts/{post.public_id}/edit/"
    response = client_for(author).post(url, {"body": "Rewritten after the lock"})
    assert response.status_code == 404
    post.refresh_from_db()
    assert post.body == "What I wrote before the lock"
    assert post.edited_at is None


def test_the_edit_service_refuses_a_post_in_a_locked_thread(locked_post):
    author, post = locked_post
    with pytest.raises(NotAllowed):
        post_services.edit_post(membership=author, post=post, body="Rewritten after the lock")


def test_the_thread_page_offers_delete_but_not_edit_in_a_locked_thread(locked_post):
    author, post = locked_post
    thread = post.thread
    page = client_for(author).get(f"/groups/{author.group.slug}/threads/{thread.public_id}/")
    html = page_text(page)
    assert f"/posts/{post.public_id}/delete/" in html
    assert f"/posts/{post.public_id}/edit/" not in html
