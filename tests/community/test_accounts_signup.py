import re

from django.core import mail
from django.urls import reverse

from community.models import Account
from tests.factories import DEMO_PASSWORD


def sign_up(client, email):
    return client.post(
        reverse("account_signup"),
        {"email": email, "password1": DEMO_PASSWORD, "password2": DEMO_PASSWORD},
    )


def test_signup_page_asks_for_email_and_password_only(client, db):
    response = client.get(reverse("account_signup"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="email"' in html
    assert "username" not in html.casefold()


def test_signup_sends_a_confirmation_email_and_confirming_logs_in(client, db):
    response = sign_up(client, "new.member@example.test")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert client.get(reverse("settings")).status_code == 302  # not logged in yet

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new.member@example.test"]
    assert "Confirm your email" in message.subject
    link = re.search(r"https?://testserver(/accounts/confirm-email/[^/\s]+/)", message.body)
    assert link

    page = client.get(link.group(1))
    assert page.status_code == 200
    assert b"new.member@example.test" in page.content
    confirmed = client.post(link.group(1))
    assert confirmed.status_code == 302
    assert confirmed["Location"] == reverse("member_home")  # a new member lands on their home

    settings_page = client.get(reverse("settings"))
    assert settings_page.status_code == 200
    assert b"new.member@example.test" in settings_page.content


def test_confirmation_email_names_nobody_and_no_account(client, db):
    sign_up(client, "quiet.person@example.test")
    body = mail.outbox[0].body
    assert not re.search(r"account \d", body)  # allauth's default names the account by pk
    assert "quiet.person" not in body
    assert "username" not in body.casefold()


def test_signup_with_a_registered_email_answers_like_a_new_one(client, account):
    fresh = sign_up(client, "someone.new@example.test")
    client.logout()
    taken = sign_up(client, account.email)

    assert taken.status_code == fresh.status_code == 302
    assert taken["Location"] == fresh["Location"]
    assert Account.objects.filter(email=account.email).count() == 1


def test_signup_with_a_registered_email_tells_the_owner_by_email(client, account):
    sign_up(client, account.email)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [account.email]
    assert "tried to sign up" in mail.outbox[0].subject
    assert "/accounts/password/reset/" in mail.outbox[0].body
