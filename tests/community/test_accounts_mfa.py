from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY
from django.urls import reverse

from tests.factories import DEMO_PASSWORD, current_totp_code


def activate_totp(client) -> str:
    client.post(reverse("account_reauthenticate"), {"password": DEMO_PASSWORD})
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    response = client.post(reverse("mfa_activate_totp"), {"code": current_totp_code(secret)})
    assert response.status_code == 302
    return secret


def test_mfa_is_reachable_from_settings(member_client):
    settings_page = member_client.get(reverse("settings")).content.decode()
    assert f'href="{reverse("mfa_index")}"' in settings_page
    index = member_client.get(reverse("mfa_index"))
    assert index.status_code == 200
    assert b'id="quick-exit"' in index.content
    assert f'href="{reverse("mfa_activate_totp")}"'.encode() in index.content


def test_totp_activation_page_shows_the_qr_code_and_secret(member_client):
    member_client.post(reverse("account_reauthenticate"), {"password": DEMO_PASSWORD})
    page = member_client.get(reverse("mfa_activate_totp")).content.decode()
    secret = member_client.session[SECRET_SESSION_KEY]
    assert 'class="qr"' in page
    assert secret in page
    assert 'for="id_code"' in page


def test_totp_activation_works_with_a_code_from_the_secret(member_client, account):
    activate_totp(member_client)
    types = set(Authenticator.objects.filter(user=account).values_list("type", flat=True))
    assert types == {Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES}
    assert b"On: an authenticator app." in member_client.get(reverse("settings")).content


def test_wrong_totp_code_is_refused_with_a_message(member_client, account):
    member_client.post(reverse("account_reauthenticate"), {"password": DEMO_PASSWORD})
    member_client.get(reverse("mfa_activate_totp"))
    response = member_client.post(reverse("mfa_activate_totp"), {"code": "000000x"})
    assert response.status_code == 200
    assert b"errorlist" in response.content
    assert not Authenticator.objects.filter(user=account).exists()


def test_login_asks_for_the_code_once_totp_is_on(client, account, password):
    client.force_login(account)
    secret = activate_totp(client)
    client.logout()

    response = client.post(reverse("account_login"), {"login": account.email, "password": password})
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get(reverse("settings")).status_code == 302
    client.post(reverse("mfa_authenticate"), {"code": current_totp_code(secret)})
    assert client.get(reverse("settings")).status_code == 200
