"""What a member does with their own account: preferences, export, deletion (DESIGN.md §1).

Only the account's owner calls these, from their settings page; nothing here is ever shown to
anyone else.
"""

from datetime import datetime
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat
from django.utils import timezone

from community import erasure, exports
from community.models import (
    FORMER_MEMBER_NAME,
    Account,
    Block,
    NameReset,
    Notification,
    Persona,
)
from community.services import sessions

FORMER_NAME_KEY_PREFIX = "former:"


def update_preferences(*, account: Account, discreet_mode: bool, email_notifications: bool) -> None:
    """Save the owner's own display and email preferences."""
    account.discreet_mode = discreet_mode
    account.email_notifications = email_notifications
    account.save(update_fields=["discreet_mode", "email_notifications"])


def mfa_types_of(account: Account) -> list[str]:
    """The kinds of second factor `account` has turned on ("totp", "recovery_codes")."""
    return sorted(
        Authenticator.objects.filter(user=account).values_list("type", flat=True).distinct()
    )


def export_account_data(account: Account) -> dict[str, Any]:
    """Everything Lantern holds about `account`, for its owner to download as JSON.

    Only this account's own data: never another account's email or pk. People the member
    blocked appear as the persona name the member saw. MFA appears as the kinds turned on,
    never a secret or a recovery code.
    """
    data: dict[str, Any] = {
        "exported": timezone.now().isoformat(timespec="seconds"),
        "account": {
            "email": account.email,
            "joined": _month(account.date_joined),
            "role": account.role,
            "preferences": {
                "discreet_mode": account.discreet_mode,
                "email_notifications": account.email_notifications,
            },
        },
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=account).order_by("email")
        ],
        "mfa": mfa_types_of(account),
        "personas": [
            {
                "space_kind": persona.space.kind,
                "space": persona.space.public_id,
                "name": persona.name,
                "created": _month(persona.created),
            }
            for persona in Persona.objects.filter(account=account)
            .select_related("space")
            .order_by("created")
        ],
        # Names a moderator reset: the one the member had chosen, and the one given instead.
        "name_resets": [
            {
                "space": reset.persona.space.public_id,
                "previous_name": reset.previous_name,
                "name": reset.name,
                "created": _month(reset.created),
                "restored": reset.restored_at is not None,
            }
            for reset in NameReset.objects.filter(persona__account=account)
            .select_related("persona__space")
            .order_by("created")
        ],
        "blocks": [
            {"blocked_persona": block.persona.display_name, "created": _month(block.created)}
            for block in Block.objects.filter(blocker=account)
            .select_related("persona")
            .order_by("created")
        ],
        "notifications": [
            {
                "kind": notification.kind,
                "text": notification.text,
                "url": notification.url,
                "created": notification.created.isoformat(timespec="seconds"),
                "read": notification.read_at is not None,
            }
            for notification in Notification.objects.filter(account=account)
        ],
    }
    # Each app's own part, registered from its `exports.py` (community.exports).
    for export_part in exports.registered_parts():
        part = export_part(account)
        clashing = data.keys() & part.keys()
        if clashing:
            raise ImproperlyConfigured(f"Export keys defined twice: {sorted(clashing)}")
        data.update(part)
    return data


def _month(moment: datetime) -> str:
    # Month precision: enough for the member, too coarse to correlate with anything.
    return moment.strftime("%Y-%m")


@transaction.atomic
def delete_account(*, account: Account, keep_content: bool) -> None:
    """Delete `account` and its personal data, as its owner asked.

    Either way every persona is detached from the account and shows as "former member"; its
    name is scrubbed and freed. keep_content=True: what the member wrote stays readable,
    without any name. keep_content=False: each app blanks what the member wrote, in place
    (community.erasure), so other members' replies and the threads holding them stay. Each
    app also drops what only this account needed, such as join requests waiting for hosts.
    Either way the account, its email addresses, MFA authenticators, sessions, notifications
    and blocks (made and received) are removed.
    """
    # By pk: once detached, the personas no longer match `account=account`.
    personas = Persona.objects.filter(
        pk__in=list(Persona.objects.filter(account=account).values_list("pk", flat=True))
    )
    erasure.erase(personas, keep_content=keep_content)
    # The names a moderator reset go with the names themselves (flags keep their snapshots).
    NameReset.objects.filter(persona__in=personas).delete()
    # The persona's own public id keeps the placeholder key unique within its space.
    personas.update(
        account=None,
        name=FORMER_MEMBER_NAME,
        name_key=Concat(Value(FORMER_NAME_KEY_PREFIX), F("public_id")),
    )
    Block.objects.filter(blocker=account).delete()
    Block.objects.filter(blocked_account=account).delete()
    Notification.objects.filter(account=account).delete()
    Authenticator.objects.filter(user=account).delete()
    EmailAddress.objects.filter(user=account).delete()
    _delete_sessions_of(account)
    account.delete()


def _delete_sessions_of(account: Account) -> None:
    """End every signed-in session of `account`: one delete per session it has (usersessions
    keeps a row per session), not a scan of every member's sessions."""
    sessions.end_all_sessions(account=account)
