"""Behind the proxy, one address's failed logins lock out nobody else (issue #9, part 1).

Every request reaches Lantern from the proxy's address. With BEHIND_PROXY, allauth's limits
read the client's address from the header the proxy writes (the README's nginx recipe sets
X-Real-IP); without it, that header is never trusted. Failed logins are limited per email tried
too, whatever the address, so one attacker can neither lock out a crowd nor guess on.
"""

import itertools
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from tests.factories import AccountFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("time_limit")]

LOGIN = "/accounts/login/"
ATTACKER = "203.0.113.7"
NEIGHBOUR = "198.51.100.9"
_unknown_emails = (f"nobody{number}@example.test" for number in itertools.count())


def configured_rates() -> tuple[int, int]:
    """(failures allowed per address, failures allowed per email) from login_failed."""
    limits = {}
    for rate in django_settings.ACCOUNT_RATE_LIMITS["login_failed"].split(","):
        amount, _period, per = rate.strip().split("/")
        limits[per] = int(amount)
    return limits["ip"], limits["key"]


def client_ip_header_with(variables: dict[str, str]) -> str | None:
    """ALLAUTH_TRUSTED_CLIENT_IP_HEADER as settings.py sets it from these variables."""
    environment = {name: value for name, value in os.environ.items() if name != "BEHIND_PROXY"}
    environment.update(variables, DJANGO_SETTINGS_MODULE="community.settings")
    code = (
        "import json; from django.conf import settings; "
        "print(json.dumps(getattr(settings, 'ALLAUTH_TRUSTED_CLIENT_IP_HEADER', None)))"
    )
    result = subprocess.run(  # noqa: S603 (our own interpreter and settings)
        [sys.executable, "-c", code],
        cwd=Path(django_settings.BASE_DIR),
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


@pytest.fixture
def behind_proxy(settings):
    """The header settings.py trusts with BEHIND_PROXY=1 (checked below), set in this process."""
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"


def fail_logins(client, count: int, address: str, email: str | None = None) -> list[int]:
    """`count` wrong passwords from `address`, each for a new unknown email unless given."""
    return [
        client.post(
            LOGIN,
            {"login": email or next(_unknown_emails), "password": "wrong password"},
            headers={"X-Real-IP": address},
        ).status_code
        for _attempt in range(count)
    ]


def log_in(client, account, password, address: str):
    return client.post(
        LOGIN, {"login": account.email, "password": password}, headers={"X-Real-IP": address}
    )


def test_behind_proxy_settings_trust_the_proxys_client_address_header():
    assert client_ip_header_with({"BEHIND_PROXY": "1"}) == "X-Real-IP"
    assert client_ip_header_with({"BEHIND_PROXY": "1", "PROXY_CLIENT_IP_HEADER": "X-Client"}) == (
        "X-Client"
    )
    assert client_ip_header_with({}) is None


def test_the_readmes_nginx_recipe_writes_the_client_address_in_every_location():
    readme = (Path(django_settings.BASE_DIR) / "README.md").read_text()
    recipe = readme.split("```nginx", 1)[1].split("```", 1)[0]
    locations = recipe.split("location ")[1:]

    assert len(locations) == 2
    for location in locations:
        assert "proxy_set_header X-Real-IP $remote_addr;" in location


def test_ten_failures_from_one_address_leave_another_client_able_to_log_in(
    behind_proxy, client, account, password
):
    per_address, _per_email = configured_rates()
    statuses = fail_logins(client, per_address, ATTACKER)
    assert statuses == [200] * per_address
    assert fail_logins(client, 1, ATTACKER) == [429]  # the attacker's own address is limited

    response = log_in(client, account, password, NEIGHBOUR)

    assert response.status_code == 302
    assert client.get("/settings/").status_code == 200


def test_ten_typos_behind_one_shared_address_lock_out_nobody_there(
    behind_proxy, client, account, password
):
    # The case: ten wrong passwords with unknown emails, then a real member at the
    # same address (an office, a VPN, a Tor exit). The per-address limit is looser than ten.
    assert fail_logins(client, 10, ATTACKER) == [200] * 10

    response = log_in(client, account, password, ATTACKER)

    assert response.status_code == 302


def test_failures_on_one_email_are_limited_from_every_address(behind_proxy, client, account):
    _per_address, per_email = configured_rates()
    for attempt in range(per_email):
        assert fail_logins(client, 1, f"203.0.113.{attempt + 10}", account.email) == [200]

    assert fail_logins(client, 1, NEIGHBOUR, account.email) == [429]


def test_others_log_in_while_one_email_is_limited(behind_proxy, client, password):
    target, other = AccountFactory(), AccountFactory()
    _per_address, per_email = configured_rates()
    assert fail_logins(client, per_email + 1, ATTACKER, target.email)[-1] == 429

    assert log_in(client, other, password, NEIGHBOUR).status_code == 302


def test_without_behind_proxy_the_header_is_not_trusted(client, account, password):
    # Without a proxy anyone can send X-Real-IP: a new value per attempt must not escape the
    # per-address limit of the one real address (the test client's 127.0.0.1).
    per_address, _per_email = configured_rates()
    for attempt in range(per_address):
        assert fail_logins(client, 1, f"192.0.2.{attempt + 1}") == [200]

    assert log_in(client, account, password, "192.0.2.250").status_code == 429


def test_the_client_address_is_not_logged(behind_proxy, client, account, password, caplog):
    caplog.set_level(logging.DEBUG)
    assert fail_logins(client, 3, ATTACKER) == [200] * 3
    assert log_in(client, account, password, ATTACKER).status_code == 302

    assert ATTACKER not in caplog.text
