from django.conf import settings
from django.urls import reverse


def failed_logins_allowed_per_email() -> int:
    # e.g. "10/m/ip,5/5m/key": the per-email ("key") part is what one attacker hits first.
    rates = settings.ACCOUNT_RATE_LIMITS["login_failed"].split(",")
    return min(int(rate.split("/")[0]) for rate in rates if rate.endswith("/key"))


def test_failed_logins_answer_429_after_the_configured_number(client, account):
    allowed = failed_logins_allowed_per_email()
    for _attempt in range(allowed):
        response = client.post(
            reverse("account_login"), {"login": account.email, "password": "wrong password"}
        )
        assert response.status_code == 200

    response = client.post(
        reverse("account_login"), {"login": account.email, "password": "wrong password"}
    )
    assert response.status_code == 429
    assert b"Too many attempts" in response.content
    assert b'id="quick-exit"' in response.content


def test_even_the_right_password_is_refused_while_limited(client, account, password):
    for _attempt in range(failed_logins_allowed_per_email()):
        client.post(reverse("account_login"), {"login": account.email, "password": "wrong"})
    response = client.post(reverse("account_login"), {"login": account.email, "password": password})
    assert response.status_code == 429
    assert client.get(reverse("settings")).status_code == 302


def test_other_rate_limits_answer_a_lantern_page(client, db, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "1/m/ip"}
    client.post(reverse("account_signup"), {"email": "first@example.test"})
    response = client.post(reverse("account_signup"), {"email": "second@example.test"})
    assert response.status_code == 429
    assert b"Too many requests" in response.content
    assert b'id="quick-exit"' in response.content
