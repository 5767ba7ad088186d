"""Preview: the reply, new-thread and edit forms render the text through the function that
stores posts (same sanitizer, same limits and messages), write nothing, keep the text, and
never count against the post rate."""

import pytest
from django.test import override_settings

from groups.models import Post, PostRevision, Thread
from tests.factories import AccountFactory, MembershipFactory
from tests.pages import page_text
from tests.world import reply, start_thread

pytestmark = pytest.mark.django_db

FRAGMENT = {"HTTP_X_LANTERN_FRAGMENT": "preview"}


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


def reply_url(thread):
    return f"/groups/{thread.group.slug}/threads/{thread.public_id}/reply/"


def test_preview_of_a_reply_shows_the_rendered_text_above_the_kept_form(logged_in, thread):
    response = logged_in.post(
        reply_url(thread), {"body": "I was **so** nervous.\n\n> quoted", "preview": "1"}
    )

    html = page_text(response)
    assert "<strong>so</strong>" in html
    assert "<blockquote>" in html
    assert "(not posted yet)" in html
    # The text is still in the box, as typed.
    assert "I was **so** nervous.\n\n&gt; quoted</textarea>" in html
    assert html.index('id="preview-heading"') < html.index("<textarea")
    assert Post.objects.count() == 1  # the thread's first post only


def test_preview_renders_exactly_what_storing_would(logged_in, thread, member):
    source = "<script>alert(1)</script> [x](javascript:alert(1)) ![alt](https://ex.example/i.png)"
    preview = page_text(
        logged_in.post(reply_url(thread), {"body": source, "preview": "1"}, **FRAGMENT)
    )
    stored = reply(member, thread, source)

    assert stored.body_html in preview
    assert "<script>" not in preview


def test_a_preview_fragment_is_only_the_region(logged_in, thread):
    response = logged_in.post(reply_url(thread), {"body": "Hello", "preview": "1"}, **FRAGMENT)
    html = page_text(response)

    assert "<html" not in html
    assert "<p>Hello</p>" in html


def test_an_over_long_preview_says_the_same_as_posting_and_keeps_the_text(logged_in, thread):
    with override_settings(GROUPS_MAX_POST_CHARS=20):
        long = "x" * 25
        full = logged_in.post(reply_url(thread), {"body": long, "preview": "1"})
        fragment = logged_in.post(reply_url(thread), {"body": long, "preview": "1"}, **FRAGMENT)
        sent = logged_in.post(reply_url(thread), {"body": long})

    sentence = "The post can be at most 20 characters (it has 25)."
    assert sentence in page_text(full, 400)
    assert f"{long}</textarea>" in full.content.decode()
    assert sentence in page_text(fragment, 400)
    assert sentence in page_text(sent, 400)


def test_previews_never_count_against_the_post_rate(logged_in, thread):
    with override_settings(GROUPS_POST_RATE="2/m"):
        for number in range(5):
            response = logged_in.post(
                reply_url(thread), {"body": f"Draft {number}", "preview": "1"}
            )
            assert response.status_code == 200
        assert logged_in.post(reply_url(thread), {"body": "Sent"}).status_code == 302


def test_previews_have_their_own_looser_rate(logged_in, thread):
    with override_settings(GROUPS_PREVIEW_RATE="2/m"):
        for _ in range(2):
            page_text(logged_in.post(reply_url(thread), {"body": "Draft", "preview": "1"}))
        refused = logged_in.post(reply_url(thread), {"body": "Draft", "preview": "1"})

    assert "You are previewing very fast" in refused.content.decode()
    assert "Draft</textarea>" in refused.content.decode()


def test_a_new_thread_preview_keeps_title_warning_and_text_and_stores_nothing(logged_in, group):
    response = logged_in.post(
        f"/groups/{group.slug}/threads/new/",
        {
            "title": "A long week",
            "content_warning": "retaliation",
            "body": "*Tired*",
            "preview": "1",
        },
    )

    html = page_text(response)
    assert "<em>Tired</em>" in html
    assert 'value="A long week"' in html
    assert 'value="retaliation"' in html
    assert "Content warning: <bdi>retaliation</bdi>" in html
    assert not Thread.objects.exists()


def test_a_new_thread_preview_without_a_title_says_so(logged_in, group):
    response = logged_in.post(
        f"/groups/{group.slug}/threads/new/", {"title": "", "body": "Text", "preview": "1"}
    )

    assert "Please give your thread a title." in page_text(response)


def test_an_edit_preview_changes_nothing_and_keeps_no_revision(logged_in, thread):
    post = thread.posts.get()
    response = logged_in.post(
        f"/groups/{thread.group.slug}/posts/{post.public_id}/edit/",
        {"body": "Second _thoughts_", "preview": "1"},
    )

    assert "<em>thoughts</em>" in page_text(response)
    post.refresh_from_db()
    assert post.body == "First day back."
    assert post.edited_at is None
    assert not PostRevision.objects.exists()


def test_only_those_who_may_send_may_preview(client, thread):
    outsider = AccountFactory()
    client.force_login(outsider)

    response = client.post(reply_url(thread), {"body": "Hello", "preview": "1"}, **FRAGMENT)

    assert response.status_code == 404


def test_a_locked_thread_refuses_a_preview_as_it_refuses_a_reply(logged_in, thread):
    Thread.objects.filter(pk=thread.pk).update(is_locked=True)

    response = logged_in.post(reply_url(thread), {"body": "Hello", "preview": "1"}, **FRAGMENT)

    assert "This thread is locked." in page_text(response, 400)


def test_the_forms_carry_a_preview_button_and_a_live_region(logged_in, thread, group):
    pages = [
        thread.get_absolute_url(),
        f"/groups/{group.slug}/threads/new/",
        f"/groups/{group.slug}/posts/{thread.posts.get().public_id}/edit/",
    ]
    for path in pages:
        html = page_text(logged_in.get(path))
        assert 'name="preview"' in html, path
        assert 'aria-live="polite"' in html, path
        assert "js/composer.js" in html, path
