"""Settings lists where the account is signed in (device family and month, never an address),
and ends the other sessions on request, after a password change and when MFA changes."""

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.usersessions.models import UserSession
from django.core import mail
from django.urls import reverse
from django.utils import dateformat, timezone

from community.services.sessions import end_all_sessions
from community.user_agents import describe_user_agent
from tests.community.sessions_helpers import (
    CLIENT_ADDRESS,
    FIREFOX_ON_WINDOWS,
    SAFARI_ON_IPHONE,
    is_live,
    logged_in_client,
)
from tests.community.test_accounts_mfa import activate_totp
from tests.factories import DEMO_PASSWORD
from tests.pages import page_text

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-new-lantern-password-9"


def test_settings_lists_each_session_by_device_and_month_without_an_address(account):
    laptop = logged_in_client(account, user_agent=FIREFOX_ON_WINDOWS)
    logged_in_client(account, user_agent=SAFARI_ON_IPHONE)
    page = page_text(laptop.get(reverse("settings")))
    assert "Firefox on Windows, signed in " in page
    assert "Safari on iPhone, signed in " in page
    assert dateformat.format(timezone.now(), "F Y") in page
    assert page.count("this browser") == 1
    assert CLIENT_ADDRESS not in page
    assert "127.0.0.1" not in page
    assert "Log out everywhere else" in page


def test_no_address_and_no_full_user_agent_is_stored(account):
    logged_in_client(account, user_agent=FIREFOX_ON_WINDOWS)
    rows = list(UserSession.objects.filter(user=account).values())
    assert len(rows) == 1
    stored = " ".join(str(value) for row in rows for value in row.values())
    assert CLIENT_ADDRESS not in stored
    assert "127.0.0.1" not in stored
    assert "Gecko" not in stored
    assert rows[0]["user_agent"] == "Firefox on Windows"


def test_the_sessions_page_is_in_the_account_layout(account):
    client = logged_in_client(account)
    page = page_text(client.get(reverse("usersessions_list")))
    assert "Firefox on Windows" in page
    assert 'id="quick-exit"' in page
    assert CLIENT_ADDRESS not in page


def test_logging_out_everywhere_else_keeps_this_browser(account):
    laptop = logged_in_client(account)
    phone = logged_in_client(account, user_agent=SAFARI_ON_IPHONE)
    response = laptop.post(reverse("usersessions_list"))
    assert response.status_code == 302
    assert laptop.get(reverse("settings")).status_code == 200
    assert phone.get(reverse("settings")).status_code == 302
    assert not is_live(phone.session.session_key)
    assert "Safari on iPhone" not in page_text(laptop.get(reverse("settings")))


def test_changing_the_password_ends_the_other_sessions(account):
    laptop = logged_in_client(account)
    phone = logged_in_client(account, user_agent=SAFARI_ON_IPHONE)
    phone_key = phone.session.session_key
    response = laptop.post(
        reverse("account_change_password"),
        {"oldpassword": DEMO_PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert not is_live(phone_key)
    assert laptop.get(reverse("settings")).status_code == 200
    assert list(UserSession.objects.filter(user=account).values_list("user_agent", flat=True)) == [
        "Firefox on Windows"
    ]


def test_turning_mfa_on_ends_the_other_sessions(account, django_capture_on_commit_callbacks):
    laptop = logged_in_client(account)
    phone = logged_in_client(account, user_agent=SAFARI_ON_IPHONE)
    # allauth announces the new authenticator once its transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        activate_totp(laptop)
    assert phone.get(reverse("settings")).status_code == 302
    assert not is_live(phone.session.session_key)
    assert laptop.get(reverse("settings")).status_code == 200


def test_turning_mfa_off_ends_the_other_sessions(client, account):
    TOTP.activate(account, generate_totp_secret())
    client.force_login(account)
    other = UserSession.objects.create(
        user=account, session_key=phone_session_key(account), user_agent="Safari on iPhone"
    )
    client.post(reverse("account_reauthenticate"), {"password": DEMO_PASSWORD})
    response = client.post(reverse("mfa_deactivate_totp"))
    assert response.status_code == 302
    assert not is_live(other.session_key)
    assert not UserSession.objects.filter(pk=other.pk).exists()
    assert client.get(reverse("settings")).status_code == 200


def phone_session_key(account) -> str:
    """A second signed-in session, made directly: logging in with MFA on needs a fresh code."""
    from django.test import Client

    phone = Client()
    phone.force_login(account)
    return phone.session.session_key


def test_logout_forgets_its_session(account):
    client = logged_in_client(account)
    key = client.session.session_key
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert not UserSession.objects.filter(session_key=key).exists()


def test_ending_all_sessions_spares_other_accounts(account, other_account):
    mine = logged_in_client(account)
    theirs = logged_in_client(other_account)
    assert end_all_sessions(account=account) == 1
    assert not is_live(mine.session.session_key)
    assert is_live(theirs.session.session_key)


@pytest.mark.parametrize(
    ("user_agent", "described"),
    [
        (FIREFOX_ON_WINDOWS, "Firefox on Windows"),
        (SAFARI_ON_IPHONE, "Safari on iPhone"),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
            "Edge on Windows",
        ),
        (
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/131.0.0.0 Mobile Safari/537.36",
            "Chrome on Android",
        ),
        ("curl/8.5.0", "A browser on an unknown device"),
    ],
)
def test_a_user_agent_is_reduced_to_browser_and_device_family(user_agent, described):
    assert describe_user_agent(user_agent) == described


def test_a_password_reset_by_email_ends_every_session(client, account):
    laptop = logged_in_client(account)
    client.post(reverse("account_reset_password"), {"email": account.email})
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+/)", mail.outbox[-1].body)
    form_page = client.get(link.group(1), follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link.group(1),
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert not is_live(laptop.session.session_key)
    assert not UserSession.objects.filter(user=account).exists()
