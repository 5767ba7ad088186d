"""The bell, the notifications page and the opt-in email nudge."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import transaction

from community.models import Notification
from community.services.notifications import EMAIL_SUBJECT, notify
from tests.factories import AccountFactory
from tests.pages import page_text
from tests.task_queue import run_queued_tasks, waiting_tasks


@pytest.fixture(autouse=True)
def _empty_cache():
    # The email throttle lives in the cache; each test starts with none sent.
    cache.clear()
    yield
    cache.clear()


def test_bell_shows_the_unread_count_for_a_logged_in_member(member_client, account):
    notify(account=account, kind="reply", text="Quiet Heron replied", url="/groups/")
    notify(account=account, kind="reply", text="Brave Otter replied", url="/groups/")

    response = member_client.get("/")

    assert response.status_code == 200
    assert '<span class="badge">2</span>' in response.content.decode()


def test_bell_shows_no_count_when_everything_is_read(member_client):
    response = member_client.get("/")

    assert response.status_code == 200
    assert "Notifications" in response.content.decode()
    assert 'class="badge"' not in response.content.decode()


def test_anonymous_visitors_see_no_bell(client, db):
    response = client.get("/")

    assert response.status_code == 200
    assert "/notifications/" not in response.content.decode()


def test_bell_costs_one_query(member_client, account, django_assert_num_queries):
    notify(account=account, kind="reply", text="Someone replied", url="/groups/")
    member_client.get("/")  # warm the session

    # session + user + the unread count
    with django_assert_num_queries(3):
        member_client.get("/")


def test_notifications_page_lists_only_your_own(member_client, account, other_account):
    notify(account=account, kind="reaction", text="Someone reacted to your post in Founders")
    notify(account=other_account, kind="reply", text="A note for somebody else")

    response = member_client.get("/notifications/")

    assert response.status_code == 200
    assert "Someone reacted to your post in Founders" in response.content.decode()
    assert "A note for somebody else" not in response.content.decode()


def test_notifications_page_needs_a_login(client, db):
    response = client.get("/notifications/")

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_notifications_page_is_paginated(member_client, account, settings):
    settings.NOTIFICATIONS_PER_PAGE = 3
    for number in range(5):
        notify(account=account, kind="reply", text=f"Reply number {number}")

    first_response = member_client.get("/notifications/")
    second_response = member_client.get("/notifications/?page=2")
    first, second = first_response.content.decode(), second_response.content.decode()

    assert first_response.status_code == second_response.status_code == 200
    assert "Reply number 4" in first and "Reply number 0" not in first
    assert "Reply number 0" in second and "Reply number 4" not in second
    assert "Page 1 of 2" in first
    assert 'aria-label="Notification pages"' in first
    assert '<a href="?page=2" rel="next">Older</a>' in first
    assert '<a href="?page=1" rel="prev">Newer</a>' in second


def test_notification_links_to_its_page_but_never_off_site(member_client, account):
    notify(account=account, kind="reply", text="Inside", url="/groups/founders/")
    notify(account=account, kind="reply", text="Outside", url="https://evil.example/")

    inside, outside = Notification.objects.filter(account=account).order_by("created", "pk")

    page = page_text(member_client.get("/notifications/"))

    # Each notice opens through its own page, which marks it read and then goes on.
    assert f'href="/notifications/{inside.public_id}/open/"' in page
    assert f"/notifications/{outside.public_id}/open/" not in page
    assert "evil.example" not in page
    assert member_client.get(f"/notifications/{inside.public_id}/open/").url == "/groups/founders/"
    assert member_client.get(f"/notifications/{outside.public_id}/open/").url == "/notifications/"


def test_mark_all_read_clears_the_count(member_client, account):
    notify(account=account, kind="reply", text="Someone replied")

    response = member_client.post("/notifications/read/", follow=True)

    assert response.status_code == 200
    assert not Notification.objects.filter(account=account, read_at__isnull=True).exists()
    assert '<span class="badge">' not in response.content.decode()


def test_mark_all_read_leaves_other_accounts_alone(member_client, other_account):
    notify(account=other_account, kind="reply", text="Theirs")

    member_client.post("/notifications/read/")

    assert Notification.objects.get(account=other_account).read_at is None


def test_mark_all_read_refuses_get(member_client, account):
    notify(account=account, kind="reply", text="Someone replied")

    response = member_client.get("/notifications/read/")

    assert response.status_code == 405
    assert Notification.objects.get(account=account).read_at is None


@pytest.mark.django_db
def test_no_email_without_opting_in(django_capture_on_commit_callbacks):
    account = AccountFactory(email_notifications=False)

    with django_capture_on_commit_callbacks(execute=True):
        notify(account=account, kind="reply", text="Quiet Heron replied in Founders")
    run_queued_tasks()

    assert waiting_tasks() == []
    assert mail.outbox == []


@pytest.mark.django_db
def test_opted_in_email_carries_no_content_or_names(django_capture_on_commit_callbacks):
    account = AccountFactory(email_notifications=True)

    with django_capture_on_commit_callbacks(execute=True):
        notify(
            account=account,
            kind="reply",
            text="Quiet Heron replied in Founders and contractors",
            url="/groups/founders/t/abc/",
        )
    run_queued_tasks()

    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [account.email]
    assert email.subject.endswith(EMAIL_SUBJECT)
    assert "/notifications/" in email.body
    for secret in ("Quiet Heron", "Founders", "/groups/founders/"):
        assert secret not in email.body
        assert secret not in email.subject


@pytest.mark.django_db
def test_emails_are_throttled_per_account(settings, django_capture_on_commit_callbacks):
    settings.NOTIFICATION_EMAIL_MIN_INTERVAL_MINUTES = 30
    first = AccountFactory(email_notifications=True)
    second = AccountFactory(email_notifications=True)

    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            notify(account=first, kind="reply", text="Someone replied")
        notify(account=second, kind="reply", text="Someone replied")
    run_queued_tasks()

    assert sorted(email.to[0] for email in mail.outbox) == sorted([first.email, second.email])
    assert Notification.objects.filter(account=first).count() == 3


@pytest.mark.django_db
def test_a_rolled_back_action_sends_no_email(django_capture_on_commit_callbacks):
    account = AccountFactory(email_notifications=True)

    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                notify(account=account, kind="reply", text="Someone replied")
                raise RuntimeError("the reply failed")
        except RuntimeError:
            pass
    run_queued_tasks()

    assert waiting_tasks() == []
    assert mail.outbox == []
    assert not Notification.objects.filter(account=account).exists()
