"""The flag page: a form with reasons, a thank-you that promises anonymity, 404 when unseen."""

import pytest
from django.utils.html import escape

from moderation.models import Flag
from tests.factories import MembershipFactory, ThreadFactory
from tests.pages import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(group):
    return ThreadFactory(
        membership=MembershipFactory(group=group, persona__name="Sharp Magpie"),
        title="Who to trust",
        body="Details.",
    )


@pytest.fixture
def post(thread):
    return thread.posts.get()


@pytest.fixture
def reporter_client(client, group):
    client.force_login(MembershipFactory(group=group, persona__name="Calm Badger").persona.account)
    return client


def test_the_flag_page_offers_every_reason(reporter_client, post):
    response = reporter_client.get(f"/moderation/flag/post/{post.public_id}/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Flag a post in <bdi>Women in engineering</bdi>" in page
    for code, label in Flag.Reason.choices:
        assert f'value="{code}"' in page
        assert escape(label) in page
    assert "never told who flagged" in page


def test_flagging_records_the_flag_and_thanks_the_reporter(reporter_client, post):
    response = reporter_client.post(
        f"/moderation/flag/post/{post.public_id}/",
        {"reason": "harassment", "note": "Targets a member."},
        follow=True,
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Thank you for telling us" in page
    assert "You stay anonymous" in page
    flag = Flag.objects.get()
    assert flag.reason == "harassment" and flag.note == "Targets a member."
    assert flag.target == post


def test_a_thread_has_a_flag_page_too(reporter_client, thread):
    response = reporter_client.post(
        f"/moderation/flag/thread/{thread.public_id}/", {"reason": "spam"}
    )

    assert response.status_code == 302
    assert Flag.objects.get().target == thread


def test_a_missing_reason_re_renders_with_the_note_intact(reporter_client, post):
    response = reporter_client.post(
        f"/moderation/flag/post/{post.public_id}/", {"note": "My careful words"}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Please choose a reason." in page
    assert "My careful words" in page
    assert not Flag.objects.exists()


def test_a_long_note_re_renders_with_a_clear_message(reporter_client, post, settings):
    settings.MODERATION_FLAG_NOTE_MAX_CHARS = 20
    note = "a long explanation of what happened"

    response = reporter_client.post(
        f"/moderation/flag/post/{post.public_id}/", {"reason": "other", "note": note}
    )

    page = response.content.decode()
    assert "at most 20 characters" in page
    assert note in page
    assert not Flag.objects.exists()


def test_over_the_rate_the_form_says_so(reporter_client, group, settings):
    settings.MODERATION_FLAG_RATE = "1/h"
    author = MembershipFactory(group=group)
    first, second = ThreadFactory(membership=author), ThreadFactory(membership=author)
    reporter_client.post(f"/moderation/flag/thread/{first.public_id}/", {"reason": "spam"})

    response = reporter_client.post(
        f"/moderation/flag/thread/{second.public_id}/", {"reason": "spam", "note": "kept"}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "a lot of flags in a short time" in page
    assert "kept" in page
    assert Flag.objects.count() == 1


def test_non_members_get_404_for_posts_and_threads(client, thread, post):
    client.force_login(MembershipFactory().persona.account)

    assert client.get(f"/moderation/flag/post/{post.public_id}/").status_code == 404
    assert (
        client.post(f"/moderation/flag/thread/{thread.public_id}/", {"reason": "spam"}).status_code
        == 404
    )
    assert not Flag.objects.exists()


def test_unknown_kinds_and_ids_are_404(reporter_client):
    assert reporter_client.get("/moderation/flag/post/nope/").status_code == 404
    assert reporter_client.get("/moderation/flag/account/nope/").status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, post):
    response = client.get(f"/moderation/flag/post/{post.public_id}/")

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_only_the_reporter_can_open_the_thank_you_page(reporter_client, client, post, group):
    reporter_client.post(f"/moderation/flag/post/{post.public_id}/", {"reason": "spam"})
    flag = Flag.objects.get()
    client.logout()
    client.force_login(post.author.account)

    assert client.get(f"/moderation/flags/{flag.public_id}/thanks/").status_code == 404


def test_the_flagged_authors_pages_never_show_who_flagged(client, group, thread, post):
    reporter = MembershipFactory(group=group, persona__name="Hidden Reporter")
    reporter_account = reporter.persona.account
    client.force_login(reporter_account)
    client.post(
        f"/moderation/flag/post/{post.public_id}/", {"reason": "harassment", "note": "Mean."}
    )
    client.post(f"/moderation/flag/thread/{thread.public_id}/", {"reason": "spam"})
    assert Flag.objects.count() == 2
    client.logout()

    client.force_login(post.author.account)
    pages = [
        page_text(client.get(url))
        for url in (
            f"/groups/{group.slug}/threads/{thread.public_id}/",
            f"/groups/{group.slug}/",
            "/groups/",
            "/notifications/",
        )
    ]

    for page in pages:
        assert "Hidden Reporter" not in page
        assert reporter.persona.public_id not in page
        assert reporter_account.email not in page
        assert "flagged" not in page.lower()
