"""Staff sign in through allauth only, and reach staff pages only with two-factor auth on.

The admin's own login form skipped allauth's rate limits and MFA (issue 8, section 1).
"""

import pytest
from allauth.mfa.totp.internal.auth import generate_totp_secret
from django.urls import reverse

from community.middleware import STAFF_MFA_MESSAGE
from tests.factories import DEMO_PASSWORD, AccountFactory, current_totp_code

pytestmark = pytest.mark.django_db

STAFF_PAGES = ["/staff/admin/", "/staff/admin/community/supportresource/", "/groups/manage/"]


def signed_in(client) -> bool:
    return client.get(reverse("settings")).status_code == 200


def test_the_admin_login_form_sends_staff_to_allauths_login_without_signing_in(client):
    staff = AccountFactory(is_staff=True, is_superuser=True)
    response = client.post(
        "/staff/admin/login/?next=/staff/admin/",
        {"username": staff.email, "password": DEMO_PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login") + "?next=")
    assert not signed_in(client)


def test_guessing_at_the_admin_login_never_signs_in_and_allauth_limits_the_guesses(client):
    staff = AccountFactory(is_staff=True)
    for _ in range(15):
        response = client.post("/staff/admin/login/", {"username": staff.email, "password": "x"})
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    statuses = [
        client.post(reverse("account_login"), {"login": staff.email, "password": "x"}).status_code
        for _ in range(15)
    ]
    assert 429 in statuses
    assert not signed_in(client)


def test_a_visitor_at_the_admin_ends_on_allauths_login_page(client):
    response = client.get("/staff/admin/", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith(reverse("account_login"))


def test_staff_sign_in_with_password_and_code_then_open_the_admin(client):
    secret = generate_totp_secret()
    staff = AccountFactory(is_staff=True, is_superuser=True, totp_secret=secret)
    asked = client.post(
        reverse("account_login") + "?next=/staff/admin/",
        {"login": staff.email, "password": DEMO_PASSWORD},
    )
    assert asked["Location"] == reverse("mfa_authenticate")
    assert not signed_in(client)
    done = client.post(reverse("mfa_authenticate"), {"code": current_totp_code(secret)})
    assert done["Location"] == "/staff/admin/"
    assert client.get("/staff/admin/").status_code == 200


@pytest.mark.parametrize("url", STAFF_PAGES)
def test_staff_without_an_authenticator_are_sent_to_set_one_up(client, url):
    client.force_login(AccountFactory(is_staff=True, is_superuser=True, totp_secret=False))
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    setup = client.get(response["Location"], follow=True)
    assert setup.status_code == 200
    assert STAFF_MFA_MESSAGE in setup.content.decode()


def test_staff_without_an_authenticator_still_reach_member_pages(client):
    client.force_login(AccountFactory(is_staff=True, totp_secret=False))
    for url in [reverse("settings"), reverse("groups:directory"), reverse("home")]:
        assert client.get(url).status_code == 200


def test_staff_with_an_authenticator_reach_every_staff_page(client):
    client.force_login(AccountFactory(is_staff=True, is_superuser=True))
    for url in STAFF_PAGES:
        assert client.get(url).status_code == 200


def test_with_staff_require_mfa_off_staff_need_no_authenticator(client, settings):
    settings.STAFF_REQUIRE_MFA = False
    client.force_login(AccountFactory(is_staff=True, is_superuser=True, totp_secret=False))
    for url in STAFF_PAGES:
        assert client.get(url).status_code == 200


def test_members_still_get_404_from_group_management(member_client):
    assert member_client.get("/groups/manage/").status_code == 404
