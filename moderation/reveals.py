"""Break glass: revealing which account (email) is behind a persona (DESIGN.md §1, issue 11).

The only path in Lantern that shows an account to anyone but its owner. It takes:
- the `moderation.reveal_account` permission, which no role carries and only
  `manage.py grant_reveal` gives (to staff; each grant and revocation is audited);
- a written reason (MODERATION_REVEAL_REASON_MIN_CHARS..MAX_CHARS), which the member reads;
- re-authentication (the views) and a fresh TOTP code from the requester when asking;
- the approval of a *second* holder, with their own fresh TOTP code, within
  MODERATION_REVEAL_APPROVAL_HOURS; a used code is refused (allauth marks it used);
- then only the requester sees the email, for MODERATION_REVEAL_VIEW_HOURS, and each view is
  audited. The member is told, in Lantern, that their account was revealed and why.

Audit entries name the persona and the space, never the account or its email; hosts do not
read them (moderation.selectors.audit_entries).
"""

import logging
from datetime import timedelta

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from community.errors import NotAllowed
from community.models import Account, Persona
from community.services.notifications import notify
from community.spaces import names_of_spaces
from community.text import check_length, isolate
from moderation import notification_kinds, policies, selectors
from moderation.app_settings import app_settings
from moderation.models import AuditEntry, RevealRequest

# The operator's log, as community.services.roles writes it (account numbers, never emails).
audit_logger = logging.getLogger("lantern.audit")

PERMISSION_CODENAME = "reveal_account"
ACTOR_ROLE = "staff"
BAD_CODE = (
    "That code is not right, or it was already used. Wait for your authenticator app to show "
    "a new code and enter that one."
)
NO_AUTHENTICATOR = "Set up an authenticator app for your account first (Settings)."


def reveal_permission() -> Permission:
    return Permission.objects.get(
        content_type__app_label="moderation", codename=PERMISSION_CODENAME
    )


@transaction.atomic
def grant_reveal(*, account: Account, granted: bool = True) -> None:
    """Give (or take back) the reveal permission. Only staff may hold it: the policies ignore it
    on anyone else. Audited in the log and in `lantern.audit`, by account number only."""
    if granted and not account.is_staff:
        raise NotAllowed("Only staff can be given the reveal permission.")
    if granted:
        account.user_permissions.add(reveal_permission())
    else:
        account.user_permissions.remove(reveal_permission())
    event = "role.reveal_granted" if granted else "role.reveal_revoked"
    AuditEntry.objects.create(
        event=event,
        actor=None,
        actor_role="operator",
        detail=(
            "A staff member was given the reveal permission."
            if granted
            else "A staff member's reveal permission was taken back."
        ),
    )
    audit_logger.info("grant_reveal: account %s %s", account.pk, event)


def _check_code(account: Account, code: str) -> None:
    """A fresh TOTP code of `account`'s authenticator; allauth marks it used, so it never
    passes twice (the shared cache holds the marks: Redis at scale)."""
    authenticator = Authenticator.objects.filter(user=account, type=Authenticator.Type.TOTP).first()
    if authenticator is None:
        raise NotAllowed(NO_AUTHENTICATOR)
    code = "".join(code.split())
    if not code or not TOTP(authenticator).validate_code(code):
        raise ValidationError({"code": BAD_CODE})


def _check_reason(reason: str) -> None:
    check_length(
        field="reason",
        value=reason,
        limit=app_settings.REVEAL_REASON_MAX_CHARS,
        label="reason",
        required=True,
    )
    shortest = app_settings.REVEAL_REASON_MIN_CHARS
    if len(reason) < shortest:
        raise ValidationError({"reason": f"Please explain why in at least {shortest} characters."})


def _audit(event: str, reveal: RevealRequest, *, actor: Account, detail: str) -> None:
    AuditEntry.objects.create(
        event=event,
        actor=actor,
        actor_role=ACTOR_ROLE,
        space=reveal.space,
        persona_name=reveal.persona_name,
        persona_public_id=reveal.persona_public_id,
        detail=detail[:300],
    )


def is_expired(reveal: RevealRequest, *, now=None) -> bool:
    """A pending request nobody approved in time can no longer be approved."""
    now = now or timezone.now()
    limit = timedelta(hours=app_settings.REVEAL_APPROVAL_HOURS)
    return reveal.status == RevealRequest.Status.PENDING and reveal.created + limit <= now


def view_ends_at(reveal: RevealRequest):
    if reveal.decided_at is None:
        return None
    return reveal.decided_at + timedelta(hours=app_settings.REVEAL_VIEW_HOURS)


@transaction.atomic
def request_reveal(
    *, requester: Account, persona: Persona, reason: str, code: str
) -> RevealRequest:
    """Ask to see the account behind `persona`, as a holder of the reveal permission. Nothing
    is revealed yet; the other holders are told a request waits."""
    reason = reason.strip()
    if not policies.can_request_reveal(
        requester, holds=selectors.holds_reveal_permission(requester)
    ):
        raise NotAllowed("You can't ask for this.")
    _check_reason(reason)
    if persona.account_id is None:
        raise NotAllowed("This persona's account was deleted: there is no account to reveal.")
    if persona.account_id == requester.pk:
        raise NotAllowed("This is your own persona.")
    _check_code(requester, code)
    reveal = RevealRequest.objects.create(
        requester=requester,
        persona=persona,
        persona_name=persona.display_name,
        persona_public_id=persona.public_id,
        space=persona.space,
        account_id=persona.account_id,
        reason=reason,
    )
    _audit(
        "reveal.requested",
        reveal,
        actor=requester,
        detail=f"Reveal of the account requested. Reason: {reason}",
    )
    _tell_other_holders(reveal)
    return reveal


def _tell_other_holders(reveal: RevealRequest) -> None:
    """Every other staff holder may be the second person: each is told a request waits (no
    persona, no reason in the text; the page shows them)."""
    holders = (
        Account.objects.filter(
            is_staff=True,
            is_active=True,
            user_permissions__content_type__app_label="moderation",
            user_permissions__codename=PERMISSION_CODENAME,
        )
        .exclude(pk__in=[reveal.requester_id, reveal.account_id])
        .distinct()
    )
    url = reverse("moderation:reveal", kwargs={"reveal_public_id": reveal.public_id})
    for holder in holders:
        notify(
            account=holder,
            kind=notification_kinds.REVEAL_PENDING,
            text="A request to reveal an account waits for a second staff member's decision.",
            url=url,
        )


def _locked(reveal: RevealRequest) -> RevealRequest:
    return RevealRequest.objects.select_for_update(of=("self",)).get(pk=reveal.pk)


@transaction.atomic
def approve_reveal(*, approver: Account, reveal: RevealRequest, code: str) -> RevealRequest:
    """The second staff member's approval (two-person rule): never the requester, never the
    account being revealed. The member is told, with the reason."""
    reveal = _locked(reveal)
    _check_decision(approver, reveal=reveal)
    _check_code(approver, code)
    reveal.status = RevealRequest.Status.APPROVED
    reveal.approver = approver
    reveal.decided_at = timezone.now()
    reveal.save(update_fields=["status", "approver", "decided_at"])
    _audit(
        "reveal.approved",
        reveal,
        actor=approver,
        detail="Reveal of the account approved by a second staff member.",
    )
    _tell_member(reveal)
    return reveal


@transaction.atomic
def refuse_reveal(*, approver: Account, reveal: RevealRequest, note: str = "") -> RevealRequest:
    """Refusing reveals nothing, so it asks for no code."""
    note = note.strip()
    check_length(field="note", value=note, limit=app_settings.REVEAL_REASON_MAX_CHARS, label="note")
    reveal = _locked(reveal)
    _check_decision(approver, reveal=reveal)
    reveal.status = RevealRequest.Status.REFUSED
    reveal.approver = approver
    reveal.decision_note = note
    reveal.decided_at = timezone.now()
    reveal.save(update_fields=["status", "approver", "decision_note", "decided_at"])
    _audit(
        "reveal.refused",
        reveal,
        actor=approver,
        detail=f"Reveal of the account refused. {note}".strip(),
    )
    return reveal


def _check_decision(approver: Account, *, reveal: RevealRequest) -> None:
    if not policies.can_request_reveal(approver, holds=selectors.holds_reveal_permission(approver)):
        raise NotAllowed("You can't decide this.")
    if reveal.status != RevealRequest.Status.PENDING:
        raise NotAllowed("This request is already decided.")
    if is_expired(reveal):
        raise NotAllowed("This request waited too long and has expired; ask again if needed.")
    if reveal.requester_id == approver.pk:
        raise NotAllowed("A second staff member must approve your own request.")
    if reveal.account_id == approver.pk:
        raise NotAllowed("You can't decide a request about your own account.")


@transaction.atomic
def show_revealed_email(*, viewer: Account, reveal: RevealRequest) -> str:
    """The email, for the requester of an approved request while it may be seen; each call
    is one audit entry."""
    if not policies.can_see_revealed(
        viewer, reveal, holds=selectors.holds_reveal_permission(viewer)
    ):
        raise NotAllowed("Only the staff member who asked can see this.")
    ends = view_ends_at(reveal)
    if ends is None or ends <= timezone.now():
        raise NotAllowed("The time to see this account is over; ask again if needed.")
    if reveal.account_id is None:
        raise NotAllowed("This account was deleted since: there is nothing to show.")
    email = Account.objects.values_list("email", flat=True).get(pk=reveal.account_id)
    _audit("reveal.viewed", reveal, actor=viewer, detail="Revealed account seen by the requester.")
    return email


def _tell_member(reveal: RevealRequest) -> None:
    space_name = names_of_spaces([reveal.space]).get(reveal.space_id) if reveal.space_id else None
    where = f" in {isolate(space_name)}" if space_name else ""
    text = (
        f"Staff looked up which account is behind your name \u201c{isolate(reveal.persona_name)}"
        f"\u201d{where}. Open it to read why."
    )
    notify(
        account=Account.objects.get(pk=reveal.account_id),
        kind=notification_kinds.REVEAL_NOTICE,
        text=text[:300],
        url=reverse("moderation:reveal_notice", kwargs={"reveal_public_id": reveal.public_id}),
    )
