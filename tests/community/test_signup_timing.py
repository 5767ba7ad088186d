"""Sign-up does the same password hashing whether or not the email is registered.

Hashing is nearly all of a sign-up's time; skipping it for a known email let a stopwatch tell
who has an account (issue 8, section 4; medians in bench/RESULTS.md). Counted, not timed.
"""

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.urls import reverse

from community.models import Account
from tests.factories import DEMO_PASSWORD

SUBMITTED_PASSWORD = "a long and unusual passphrase"


class CountingHasher(MD5PasswordHasher):
    """MD5 (fast in tests) that records each password it hashes."""

    algorithm = "counting_md5"
    hashed: list[str] = []

    def encode(self, password, salt):
        self.hashed.append(password)
        return super().encode(password, salt)


@pytest.fixture
def hashed_passwords(settings):
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]
    CountingHasher.hashed.clear()
    return CountingHasher.hashed


def sign_up(client, email):
    return client.post(
        reverse("account_signup"),
        {"email": email, "password1": SUBMITTED_PASSWORD, "password2": SUBMITTED_PASSWORD},
    )


def test_a_registered_email_hashes_the_submitted_password_as_a_new_one_does(
    client, db, hashed_passwords
):
    registered = Account.objects.create_user("known@example.test", DEMO_PASSWORD)
    hashed_passwords.clear()

    new = sign_up(client, "unknown@example.test")
    new_path = list(hashed_passwords)
    hashed_passwords.clear()
    known = sign_up(client, registered.email)
    known_path = list(hashed_passwords)

    assert new.status_code == known.status_code == 302
    assert new["Location"] == known["Location"]
    assert new_path.count(SUBMITTED_PASSWORD) >= 1
    assert known_path.count(SUBMITTED_PASSWORD) == new_path.count(SUBMITTED_PASSWORD)
    assert len(known_path) == len(new_path)
    # The known path still creates nothing.
    assert Account.objects.filter(email="known@example.test").count() == 1
    registered.refresh_from_db()
    assert registered.check_password(DEMO_PASSWORD)
