"""allauth's own pages in Lantern's words: no "contact us" with no way to contact anyone."""

import pytest
from django.urls import reverse

from tests.pages import page_text

pytestmark = pytest.mark.django_db


def test_the_password_reset_page_explains_itself_and_links_back_to_log_in(client):
    page = page_text(client.get(reverse("account_reset_password")))
    assert "Forgot your password?" in page
    assert "Send me a link" in page
    assert 'href="/accounts/login/"' in page
    assert "contact us" not in page


def test_after_asking_for_a_reset_the_answer_is_the_same_for_any_address(client, account):
    known = client.post(reverse("account_reset_password"), {"email": account.email}, follow=True)
    unknown = client.post(
        reverse("account_reset_password"), {"email": "nobody@example.org"}, follow=True
    )
    assert known.status_code == unknown.status_code == 200
    assert "If that address belongs to a Lantern account" in known.content.decode()
    assert known.content.decode().replace(account.email, "") == unknown.content.decode().replace(
        "nobody@example.org", ""
    )
    assert "contact us" not in known.content.decode()


def test_after_signing_up_the_page_says_to_check_email_and_how_to_log_in(client):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "new.person@example.org",
            "password1": "a-long-enough-passphrase-7",
            "password2": "a-long-enough-passphrase-7",
        },
        follow=True,
    )
    page = page_text(response)
    assert "Check your email" in page
    assert "contact us" not in page.lower()


def test_the_password_check_before_a_big_change_is_in_plain_words(member_client):
    page = page_text(member_client.get(reverse("account_reauthenticate")))
    assert "please enter your password again" in page
    assert "reauthenticate" not in page.lower().replace("/accounts/reauthenticate/", "")
