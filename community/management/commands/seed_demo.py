"""`manage.py seed_demo`: a small, believable community to try Lantern with.

Refuses to run with DEBUG off: the accounts it makes share one known password.
"""

import contextlib
import json
import sys
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.mfa.utils import decrypt
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Permission
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from community import demo
from community.models import Account, SupportResource
from community.support_resources import add_starter_resources

DEMO_DOMAIN = "demo.lantern.test"
ROLE_ACCOUNTS = [
    ("member", Account.Role.MEMBER, False),
    ("advocate", Account.Role.ADVOCATE, False),
    ("moderator", Account.Role.MODERATOR, True),
]


class Command(BaseCommand):
    help = "Create demo accounts (and whatever each app's demo seeder adds). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument(
            "--json", action="store_true", help="Print what was made as JSON, and nothing else."
        )
        parser.add_argument(
            "--members", type=int, default=0, metavar="N", help="Add N more demo members."
        )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo only runs with DEBUG=1: its accounts share a published password."
            )
        if options["members"] < 0:
            raise CommandError("--members must be 0 or more.")
        # Seeders may chat on stdout; only the JSON (or the summary) goes there.
        with contextlib.redirect_stdout(sys.stderr), transaction.atomic():
            output = seed(extra_members=options["members"])
        if options["json"]:
            self.stdout.write(json.dumps(output, indent=2))
        else:
            self.stdout.write(summary(output))


def seed(*, extra_members: int) -> dict[str, Any]:
    hashed_password = make_password(settings.DEMO_PASSWORD)
    accounts = {
        name: ensure_account(name, role, staff, hashed_password)
        for name, role, staff in ROLE_ACCOUNTS
    }
    accounts.update(ensure_extra_members(extra_members, hashed_password))
    seed_support_resources()
    output: dict[str, Any] = {"accounts": [account_entry(account) for account in accounts.values()]}
    for seeder in demo.registered_seeders():
        merge(output, seeder(accounts))
    return output


def ensure_account(name: str, role: str, staff: bool, hashed_password: str) -> Account:
    account, _ = Account.objects.get_or_create(
        email=f"{name}@{DEMO_DOMAIN}",
        defaults={"role": role, "is_staff": staff, "password": hashed_password},
    )
    # A rerun puts back what the printed logins promise, should someone have changed them.
    account.password = hashed_password
    account.role = role
    account.is_staff = staff
    account.save(update_fields=["password", "role", "is_staff"])
    if staff:
        # Staff edit the support resources in the admin; nothing else there is theirs.
        account.user_permissions.add(
            *Permission.objects.filter(
                content_type__app_label="community", content_type__model="supportresource"
            )
        )
    verify_email(account)
    return account


def account_entry(account: Account) -> dict[str, str]:
    entry = {"email": account.email, "password": settings.DEMO_PASSWORD, "role": account.role}
    if account.is_staff:
        # Staff need two-factor authentication (STAFF_REQUIRE_MFA); with the secret, the demo
        # and outside checks compute the codes an authenticator app would show.
        entry["totp_secret"] = ensure_totp_secret(account)
    return entry


def ensure_totp_secret(account: Account) -> str:
    """The account's TOTP secret (base32), made once: a rerun keeps the authenticator."""
    authenticator = Authenticator.objects.filter(user=account, type=Authenticator.Type.TOTP).first()
    if authenticator is not None:
        return decrypt(authenticator.data["secret"])
    secret = generate_totp_secret()
    TOTP.activate(account, secret)
    return secret


def ensure_extra_members(count: int, hashed_password: str) -> dict[str, Account]:
    """member1@… to memberN@…, made in bulk: a load test may ask for thousands."""
    emails = {f"member{number}": f"member{number}@{DEMO_DOMAIN}" for number in range(1, count + 1)}
    existing = set(
        Account.objects.filter(email__in=emails.values()).values_list("email", flat=True)
    )
    Account.objects.bulk_create(
        Account(email=email, role=Account.Role.MEMBER, password=hashed_password)
        for email in emails.values()
        if email not in existing
    )
    by_email = Account.objects.in_bulk(list(emails.values()), field_name="email")
    verified = set(
        EmailAddress.objects.filter(email__in=emails.values()).values_list("email", flat=True)
    )
    EmailAddress.objects.bulk_create(
        EmailAddress(user=account, email=account.email, verified=True, primary=True)
        for account in by_email.values()
        if account.email not in verified
    )
    return {name: by_email[email] for name, email in emails.items()}


def verify_email(account: Account) -> None:
    EmailAddress.objects.update_or_create(
        user=account, email=account.email, defaults={"verified": True, "primary": True}
    )


def seed_support_resources() -> None:
    if SupportResource.objects.exists():
        return
    add_starter_resources(SupportResource)


def merge(output: dict[str, Any], addition: dict[str, Any]) -> None:
    for key, value in (addition or {}).items():
        if isinstance(value, list) and isinstance(output.get(key), list):
            output[key].extend(value)
        elif isinstance(value, dict) and isinstance(output.get(key), dict):
            output[key].update(value)
        else:
            output[key] = value


def summary(output: dict[str, Any]) -> str:
    accounts = output["accounts"]
    lines = ["Demo logins (all share the password below):"]
    lines += [f"  {account['role']:<10} {account['email']}" for account in accounts[:3]]
    extra = len(accounts) - len(ROLE_ACCOUNTS)
    if extra:
        lines.append(f"  and {extra} more members, member1@{DEMO_DOMAIN} to member{extra}@…")
    lines.append(f"Password: {settings.DEMO_PASSWORD}")
    lines += [
        f"TOTP secret of {account['email']}: {account['totp_secret']}"
        for account in accounts
        if "totp_secret" in account
    ]
    for key, value in output.items():
        if key != "accounts":
            lines.append(f"{key}: {len(value) if isinstance(value, list | dict) else value}")
    return "\n".join(lines)
