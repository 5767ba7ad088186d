"""`manage.py grant_reveal EMAIL [--revoke]`: give a staff account the break-glass permission.

No role carries it, and no page gives it: only the operator, on the server, where naming an
email reveals nothing new (community.services.roles). Each grant and revocation is written to
the audit log and to `lantern.audit`, by account number.
"""

from django.core.management.base import BaseCommand, CommandError

from community.errors import NotAllowed
from community.models import Account
from moderation.reveals import grant_reveal


class Command(BaseCommand):
    help = (
        "Give the staff account with this email the permission to request and approve "
        "revealing the account behind a persona (two such staff are needed), or --revoke it."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--revoke", action="store_true", help="Take the permission back.")

    def handle(self, *args, email, revoke, **options):
        account = Account.objects.filter(email__iexact=email.strip()).first()
        if account is None:
            raise CommandError("No account has that email address.")
        try:
            grant_reveal(account=account, granted=not revoke)
        except NotAllowed as error:
            raise CommandError(
                f"{error} Make it staff first: manage.py grant_role EMAIL staff."
            ) from error
        if revoke:
            self.stdout.write("That account can no longer reveal accounts.")
        else:
            self.stdout.write(
                "That account can now request and approve reveals. A reveal needs two such "
                "staff members, each with an authenticator app."
            )
