import re

from django.urls import reverse

from tests.pages import page_text


def test_settings_page_needs_login(client, db):
    response = client.get(reverse("settings"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_settings_page_shows_own_email_and_never_anothers(client, account, other_account):
    client.force_login(account)
    html = page_text(client.get(reverse("settings")))
    assert account.email in html
    assert other_account.email not in html


def test_settings_link_is_in_the_nav_for_members_only(client, account):
    settings_link = f'href="{reverse("settings")}"'.encode()
    assert settings_link not in page_text(client.get(reverse("home"))).encode()
    client.force_login(account)
    assert settings_link in client.get(reverse("home")).content


def test_email_appears_on_no_page_but_settings(client, account):
    client.force_login(account)
    for name in ["home", "account_change_password", "mfa_index"]:
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        assert account.email.encode() not in response.content, name


def test_settings_page_links_to_email_password_and_mfa(member_client):
    html = member_client.get(reverse("settings")).content.decode()
    for name in ["account_email", "account_change_password", "mfa_index"]:
        assert f'href="{reverse(name)}"' in html


def test_email_notifications_opt_in_is_saved(member_client, account):
    response = member_client.post(reverse("settings"), {"email_notifications": "on"})
    assert response.status_code == 302
    account.refresh_from_db()
    assert account.email_notifications is True
    page = member_client.get(reverse("settings")).content.decode()
    checkbox = re.search(r'<input[^>]*name="email_notifications"[^>]*>', page).group(0)
    assert "checked" in checkbox

    member_client.post(reverse("settings"), {})
    account.refresh_from_db()
    assert account.email_notifications is False
