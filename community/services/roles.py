"""Granting roles, done by the operator on the server (`manage.py grant_role`).

The web admin no longer edits accounts: picking an account there meant seeing its email, and
giving it a role linked that email to its personas (DESIGN.md §1). On the server the operator
already holds the database, so naming an email there reveals nothing new. Every grant writes
an audit line.
"""

import logging

from django.contrib.auth.models import Permission
from django.db import transaction

from community import audit
from community.models import Account

# Operators keep these lines: who was given which role, and when (the log's own timestamp).
audit_logger = logging.getLogger("lantern.audit")

# "staff" is a moderator who also reaches the staff pages (group management, the admin).
ROLES = ("member", "advocate", "moderator", "staff")


def _staff_permissions():
    # What staff curate in the admin: the support page's resources, and nothing about people.
    return Permission.objects.filter(
        content_type__app_label="community", content_type__model="supportresource"
    )


@transaction.atomic
def grant_role(*, account: Account, role: str) -> Account:
    """Give `account` exactly `role`, taking away a previous one (staff included).

    The audit line names the account by its number, never its email: log files travel further
    than the database.
    """
    if role not in ROLES:
        raise ValueError(f"Unknown role {role!r}; one of {', '.join(ROLES)}.")
    previous = "staff" if account.is_staff else account.role
    account.is_staff = role == "staff"
    account.role = Account.Role.MODERATOR if role == "staff" else role
    account.save(update_fields=["role", "is_staff"])
    if account.is_staff:
        account.user_permissions.add(*_staff_permissions())
    else:
        account.user_permissions.remove(*_staff_permissions())
    audit_logger.info("grant_role: account %s was %s, is now %s", account.pk, previous, role)
    if previous != role:
        # The moderators' log too (issue 11: every role change), naming no account: a site
        # role is not worn by any persona, so the entry says what changed and nothing of whom.
        audit.record(
            event="role.changed",
            actor=None,
            actor_role="server operator",
            detail=f"An account's site role changed from {previous} to {role}",
        )
    return account
