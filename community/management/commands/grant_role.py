"""`manage.py grant_role EMAIL ROLE`: the operator's way to make the first staff account.

The web admin shows no accounts (DESIGN.md §1), so roles are given here, on the server, and
each grant is written to the `lantern.audit` log.
"""

from django.core.management.base import BaseCommand, CommandError

from community.models import Account
from community.services.roles import ROLES, grant_role


class Command(BaseCommand):
    help = "Give the account with this email a role: member, advocate, moderator or staff."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("role", choices=ROLES)

    def handle(self, *args, email, role, **options):
        account = Account.objects.filter(email__iexact=email.strip()).first()
        if account is None:
            raise CommandError("No account has that email address.")
        grant_role(account=account, role=role)
        self.stdout.write(f"That account is now {role}.")
        if role == "staff":
            self.stdout.write(
                "Staff pages open once the account has two-factor authentication "
                "(Settings → Two-factor authentication), unless STAFF_REQUIRE_MFA is off."
            )
