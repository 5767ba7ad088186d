"""Each action's effect on what members see and can do, through the pages themselves."""

import uuid
from datetime import timedelta

import pytest
from allauth.usersessions.models import UserSession
from django.urls import reverse
from django.utils import timezone

from community.models import Account, Notification
from groups.models import Membership, Thread
from moderation.models import AccountRestriction, BannedEmail
from tests.community.sessions_helpers import is_live, logged_in_client
from tests.factories import DEMO_PASSWORD, PostFactory, ThreadFactory
from tests.moderation.conftest import act, flag
from tests.pages import page_text

pytestmark = pytest.mark.django_db


def thread_url(post):
    return post.thread.get_absolute_url()


def test_hiding_a_post_takes_its_words_off_the_thread_page_but_keeps_them(
    client, post, item, moderator, flagger
):
    act(moderator, item, "hide")
    client.force_login(flagger.persona.account)
    page = page_text(client.get(thread_url(post)))
    assert "You should all be quiet." not in page
    assert "A moderator hid this post." in page
    post.refresh_from_db()
    assert post.body == "You should all be quiet."  # kept for an appeal
    # No flag, reaction or block on it any more.
    assert client.get(reverse("moderation:flag", args=["post", post.public_id])).status_code == 404


def test_the_author_cannot_edit_a_hidden_post(client, post, item, moderator, author):
    act(moderator, item, "hide")
    client.force_login(author.persona.account)
    edit = reverse("groups:edit_post", args=[post.thread.group.slug, post.public_id])
    assert client.get(edit).status_code == 404


def test_hiding_a_thread_takes_it_off_the_group_page_and_404s_it(
    client, group, author, flagger, moderator
):
    thread = ThreadFactory(group=group, author=author.persona, title="A nasty title")
    item = flag(flagger, thread).item
    act(moderator, item, "hide")
    client.force_login(flagger.persona.account)
    assert "A nasty title" not in page_text(client.get(reverse("groups:group", args=[group.slug])))
    assert client.get(thread.get_absolute_url()).status_code == 404
    assert Thread.objects.get(pk=thread.pk).title == "A nasty title"


def test_deleting_a_post_blanks_it_for_good_while_the_snapshot_keeps_it(
    client, post, item, moderator, flagger
):
    act(moderator, item, "delete")
    post.refresh_from_db()
    assert post.body == "" and post.deleted_at is not None
    assert item.flags.get().snapshot["body"] == "You should all be quiet."
    client.force_login(flagger.persona.account)
    assert "This post was deleted." in page_text(client.get(thread_url(post)))


def test_a_warning_is_a_notice_naming_the_rule_and_never_the_flagger(
    client, post, item, moderator, author, flagger
):
    act(moderator, item, "warn", message="Please keep it kind.")
    notice = Notification.objects.get(account=author.persona.account)
    assert "warned you" in notice.text and "Zero tolerance of harassment" in notice.text
    client.force_login(author.persona.account)
    page = page_text(client.get(notice.url))
    assert "Please keep it kind." in page
    assert "How to appeal" in page
    for secret in (flagger.persona.name, flagger.persona.public_id, "Steady Otter"):
        assert secret not in page
        assert secret not in notice.text


def test_muting_refuses_new_posts_in_the_group_until_then_with_a_clear_message(
    client, post, item, moderator, author
):
    act(moderator, item, "mute", days=2)
    client.force_login(author.persona.account)
    reply = reverse("groups:reply", args=[post.thread.group.slug, post.thread.public_id])
    response = client.post(reply, {"body": "I keep my words.", "client_id": uuid.uuid4()})
    page = response.content.decode()
    assert response.status_code == 400
    assert "muted you in this group" in page
    assert "I keep my words." in page  # the text is kept
    assert not post.thread.posts.filter(body="I keep my words.").exists()
    new_thread = reverse("groups:new_thread", args=[post.thread.group.slug])
    response = client.post(new_thread, {"title": "Hi", "body": "Hello", "client_id": uuid.uuid4()})
    assert "muted you in this group" in response.content.decode()
    assert not Thread.objects.filter(title="Hi").exists()


def test_a_mute_ends_when_its_time_is_up(client, post, item, moderator, author):
    act(moderator, item, "mute", days=1)
    Membership.objects.filter(pk=author.pk).update(muted_until=timezone.now() - timedelta(1))
    client.force_login(author.persona.account)
    reply = reverse("groups:reply", args=[post.thread.group.slug, post.thread.public_id])
    client.post(reply, {"body": "Back again.", "client_id": uuid.uuid4()})
    assert post.thread.posts.filter(body="Back again.").exists()


def test_removing_from_the_group_ends_the_membership(client, post, item, moderator, author):
    act(moderator, item, "remove_from_group")
    assert Membership.objects.get(pk=author.pk).status == Membership.Status.REMOVED
    client.force_login(author.persona.account)
    assert client.get(thread_url(post)).status_code == 404


def test_a_suspension_ends_sessions_and_login_says_why_and_until_when(
    client, item, moderator, author
):
    account = author.persona.account
    browser = logged_in_client(account)
    session_key = browser.session.session_key
    act(moderator, item, "suspend", days=7)
    assert not is_live(session_key)
    assert not UserSession.objects.filter(user=account).exists()
    assert browser.get(reverse("settings")).status_code == 302  # signed out
    response = client.post(
        reverse("account_login"), {"login": account.email, "password": DEMO_PASSWORD}
    )
    page = response.content.decode()
    assert response.status_code == 403
    assert "suspended" in page and "Zero tolerance of harassment" in page
    until = AccountRestriction.objects.get(account=account).until
    assert f"{until:%d %B %Y}" in page


def test_a_finished_suspension_lets_the_member_back_in(client, item, moderator, author):
    account = author.persona.account
    act(moderator, item, "suspend", days=1)
    AccountRestriction.objects.update(until=timezone.now() - timedelta(minutes=1))
    response = client.post(
        reverse("account_login"), {"login": account.email, "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302


def test_a_ban_keeps_only_a_keyed_hash_of_the_email_and_refuses_signing_up_again(
    client, item, moderator, author
):
    account = author.persona.account
    act(moderator, item, "ban")
    digest = BannedEmail.objects.get().digest
    assert "author" not in digest and "example" not in digest
    response = client.post(
        reverse("account_login"), {"login": account.email, "password": DEMO_PASSWORD}
    )
    assert response.status_code == 403 and "banned" in response.content.decode()
    # The same mailbox, however it is written, cannot make a new account.
    account.email = "gone@example.test"
    account.save()
    passwords = {"password1": DEMO_PASSWORD, "password2": DEMO_PASSWORD}
    fresh = client.post(reverse("account_signup"), {"email": "new@example.test", **passwords})
    client.logout()
    for email in ("Author@Example.test", "author+new@example.test"):
        response = client.post(reverse("account_signup"), {"email": email, **passwords})
        # Answered like any address, so sign-up tells nobody whose address was banned.
        assert (response.status_code, response["Location"]) == (302, fresh["Location"])
        assert not Account.objects.filter(email__iexact=email).exists()


def test_dismissing_changes_nothing_for_the_author(client, post, item, moderator, author):
    act(moderator, item, "dismiss")
    assert not Notification.objects.filter(account=author.persona.account).exists()
    client.force_login(author.persona.account)
    assert "You should all be quiet." in page_text(client.get(thread_url(post)))


def test_other_posts_of_the_author_stay(client, post, item, moderator, flagger, author):
    other = PostFactory(thread=post.thread, author=author.persona, body="A kind word.")
    act(moderator, item, "hide")
    client.force_login(flagger.persona.account)
    assert "A kind word." in page_text(client.get(thread_url(other)))


def test_an_account_staff_switched_off_stays_off_after_a_suspension_ends(
    client, item, moderator, author
):
    account = author.persona.account
    account.is_active = False
    account.save()
    act(moderator, item, "suspend", days=1)
    AccountRestriction.objects.update(until=timezone.now() - timedelta(minutes=1))
    client.post(reverse("account_login"), {"login": account.email, "password": DEMO_PASSWORD})
    account.refresh_from_db()
    assert not account.is_active


def test_a_suspension_signs_out_even_sessions_without_a_usersessions_row(
    client, item, moderator, author
):
    client.force_login(author.persona.account)  # no allauth login, so no row
    act(moderator, item, "suspend", days=1)
    assert client.get(reverse("settings")).status_code == 302
