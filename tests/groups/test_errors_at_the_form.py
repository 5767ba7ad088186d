"""After an error (rate limit, length, repeat) the page opens at the form: the message sits
just above the text it is about, the text is kept, and that field is focused (`autofocus`);
the reply form's action carries `#reply` so the browser scrolls to it."""

import re

import pytest
from django.test import override_settings

from tests.factories import MembershipFactory
from tests.pages import page_text
from tests.world import reply, start_thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(group):
    return MembershipFactory(group=group, persona__name="Quiet Heron 12")


@pytest.fixture
def thread(member):
    return start_thread(member, "Back at work", "First day back.")


@pytest.fixture
def logged_in(client, member):
    client.force_login(member.persona.account)
    return client


def focused_fields(page: str) -> list[str]:
    return re.findall(r'<(?:textarea|input)[^>]*\bautofocus\b[^>]*name="(\w+)"', page) + re.findall(
        r'<(?:textarea|input)[^>]*name="(\w+)"[^>]*\bautofocus\b', page
    )


def test_the_reply_form_posts_to_itself_at_the_reply_anchor(logged_in, thread):
    page = page_text(logged_in.get(thread.get_absolute_url()))

    assert re.search(r'<section class="card reply" id="reply"', page)
    assert f'action="/groups/{thread.group.slug}/threads/{thread.public_id}/reply/#reply"' in page


def test_a_too_long_reply_focuses_the_text_with_the_message_above_it(logged_in, thread):
    with override_settings(GROUPS_MAX_POST_CHARS=10):
        response = logged_in.post(
            f"/groups/{thread.group.slug}/threads/{thread.public_id}/reply/",
            {"body": "far too long a reply"},
        )

    page = page_text(response, 400)
    message = page.index("The post can be at most 10 characters")
    assert message < page.index('name="body"') < page.index("far too long a reply</textarea>")
    assert focused_fields(page) == ["body"]


def test_a_rate_limited_reply_keeps_the_text_and_focuses_it(logged_in, thread):
    with override_settings(GROUPS_POST_RATE="1/m"):
        reply_path = f"/groups/{thread.group.slug}/threads/{thread.public_id}/reply/"
        logged_in.post(reply_path, {"body": "one"})
        response = logged_in.post(reply_path, {"body": "two, kept"})

    page = page_text(response, 400)
    assert "posting faster than this group allows" in page
    assert "two, kept</textarea>" in page
    assert focused_fields(page) == ["body"]


def test_a_repeated_reply_focuses_the_text(logged_in, thread, member):
    reply(member, thread, "Same words")

    response = logged_in.post(
        f"/groups/{thread.group.slug}/threads/{thread.public_id}/reply/", {"body": "Same words"}
    )

    page = page_text(response, 400)
    assert "You just posted this same text" in page
    assert focused_fields(page) == ["body"]


def test_a_new_thread_without_a_title_focuses_the_title(logged_in, group):
    response = logged_in.post(f"/groups/{group.slug}/threads/new/", {"body": "Kept text"})

    page = page_text(response)
    assert "Please give your thread a title." in page
    assert "Kept text</textarea>" in page
    assert focused_fields(page) == ["title"]


def test_a_too_long_warning_on_an_edit_focuses_the_warning(logged_in, thread):
    post = thread.posts.get()
    with override_settings(GROUPS_MAX_CONTENT_WARNING_CHARS=5):
        response = logged_in.post(
            f"/groups/{thread.group.slug}/posts/{post.public_id}/edit/",
            {"body": "Edited", "content_warning": "much too long"},
        )

    page = page_text(response)
    assert "The content warning can be at most 5 characters" in page
    assert focused_fields(page) == ["content_warning"]


def test_a_page_without_an_error_focuses_nothing(logged_in, thread):
    assert focused_fields(page_text(logged_in.get(thread.get_absolute_url()))) == []
