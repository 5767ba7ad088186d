from django.urls import reverse

from tests.factories import AccountFactory
from tests.pages import page_text


def test_login_page_asks_for_email_not_username(client, db):
    html = page_text(client.get(reverse("account_login")))
    assert "Email" in html
    assert 'name="login"' in html
    assert "username" not in html.casefold()


def test_member_logs_in_with_email_and_password(client, account, password):
    response = client.post(reverse("account_login"), {"login": account.email, "password": password})
    assert response.status_code == 302
    assert client.get(reverse("settings")).status_code == 200


def test_wrong_password_shows_an_error_and_keeps_the_email(client, account):
    response = client.post(reverse("account_login"), {"login": account.email, "password": "nope"})
    assert response.status_code == 200
    assert b"errorlist" in response.content
    assert account.email.encode() in response.content
    assert client.get(reverse("settings")).status_code == 302


def test_unverified_account_cannot_log_in(client, db, password):
    unverified = AccountFactory(verified=False)
    response = client.post(
        reverse("account_login"), {"login": unverified.email, "password": password}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert client.get(reverse("settings")).status_code == 302


def test_login_page_links_to_password_reset(client, db):
    html = client.get(reverse("account_login")).content.decode()
    assert f'href="{reverse("account_reset_password")}"' in html
