"""Cache key names are visible metadata (Redis lists them): none may carry an account pk, an
email (or its plain SHA-256, which a list of addresses reverses) or an IP address."""

import hashlib

import pytest
from django.core.cache import cache


def _key_names() -> list[str]:
    """The final key names, as the backend stores them (and Redis would list them)."""
    if hasattr(cache, "_cache") and isinstance(cache._cache, dict):  # local memory
        return list(cache._cache.keys())
    client = cache._cache.get_client(None)  # Redis, in `make test-services`
    return [name.decode() for name in client.keys("*")]


@pytest.mark.django_db
def test_allauth_login_limits_leave_no_ip_nor_email_in_key_names(client, account):
    response = client.post(
        "/accounts/login/", {"login": account.email, "password": "wrong password"}
    )
    assert response.status_code == 200  # the form again, with its error
    names = " ".join(_key_names())
    assert names, "the failed login should have been counted in the cache"
    assert "127.0.0.1" not in names
    assert account.email not in names
    assert hashlib.sha256(account.email.encode()).hexdigest() not in names
    assert "allauth" not in names


@pytest.mark.django_db
def test_allauth_per_account_limits_leave_no_account_pk_in_key_names(client, account):
    client.force_login(account)
    client.post(
        "/accounts/password/change/",
        {"oldpassword": "not it", "password1": "a-new-long-pass", "password2": "a-new-long-pass"},
    )
    names = _key_names()
    assert names, "the password change should have been counted in the cache"
    assert not any(
        f":user:{account.pk}" in name or name.endswith(f":{account.pk}") for name in names
    )


def test_the_same_key_still_finds_the_same_value():
    cache.set("counter", 1)
    cache.incr("counter")
    assert cache.get("counter") == 2
