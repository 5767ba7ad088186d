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
def _fast_password_hashing(settings):
    # Every factory account hashes DEMO_PASSWORD; PBKDF2's real cost made setups take seconds.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
