"""Every allauth page a member meets is a Lantern page: its layout, labelled fields, no username."""

import re

import pytest
from django.urls import reverse

from tests.factories import DEMO_PASSWORD

ANONYMOUS_PAGES = [
    "account_login",
    "account_signup",
    "account_reset_password",
    "account_reset_password_done",
    "account_email_verification_sent",
]
MEMBER_PAGES = [
    "account_logout",
    "account_email",
    "account_change_password",
    "account_reauthenticate",
    "mfa_index",
    "mfa_activate_totp",
    "settings",
    "settings_delete",
]
INLINE_CODE = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)|\sstyle=|\son\w+=", re.I)


def assert_lantern_page(html: str):
    assert 'id="quick-exit"' in html
    assert 'href="/static/css/lantern.css"' in html
    assert "username" not in html.casefold()
    assert not INLINE_CODE.search(html)
    for tag in re.findall(r"<(?:input|select|textarea)\b[^>]*>", html):
        if re.search(r'type="(hidden|submit)"', tag):
            continue
        field_id = re.search(r'id="([^"]+)"', tag).group(1)
        assert f'for="{field_id}"' in html, f"no label for {tag}"


@pytest.mark.parametrize("name", ANONYMOUS_PAGES)
def test_entrance_pages_are_lantern_pages(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert_lantern_page(response.content.decode())


@pytest.mark.parametrize("name", MEMBER_PAGES)
def test_account_pages_are_lantern_pages(member_client, name):
    member_client.post(reverse("account_reauthenticate"), {"password": DEMO_PASSWORD})
    response = member_client.get(reverse(name))
    assert response.status_code == 200
    assert_lantern_page(response.content.decode())


def test_signup_errors_keep_the_typed_email(client, db):
    response = client.post(
        reverse("account_signup"),
        {"email": "typed@example.test", "password1": "short", "password2": "other"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="errorlist' in html
    assert 'value="typed@example.test"' in html


def test_allauth_pages_have_their_own_titles(client, db):
    html = client.get(reverse("account_login")).content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert " ".join(title.split()) == "Log in · Lantern"
