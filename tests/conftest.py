import pytest

from tests.factories import DEMO_PASSWORD, AccountFactory


@pytest.fixture
def password():
    return DEMO_PASSWORD


@pytest.fixture
def account(db):
    return AccountFactory()


@pytest.fixture
def other_account(db):
    return AccountFactory()


@pytest.fixture
def member_client(client, account):
    client.force_login(account)
    return client


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """PBKDF2's many rounds cost about a second per account here; tests need no such strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
