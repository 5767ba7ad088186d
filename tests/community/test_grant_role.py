"""`manage.py grant_role`: roles are given on the server, with an audit line, not in the admin."""

import logging
from io import StringIO

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.management import CommandError, call_command
from django.urls import reverse

from community.models import Account
from tests.factories import AccountFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def grant_role(*args) -> str:
    stdout = StringIO()
    call_command("grant_role", *args, stdout=stdout)
    return stdout.getvalue()


def test_staff_granted_on_the_server_reach_the_staff_pages_once_they_have_mfa(client, caplog):
    account = AccountFactory(email="first.staff@example.test")
    with caplog.at_level(logging.INFO, logger="lantern.audit"):
        output = grant_role("First.Staff@example.test", "staff")
    account.refresh_from_db()
    assert account.is_staff and account.role == Account.Role.MODERATOR
    assert "two-factor" in output
    [line] = [record.getMessage() for record in caplog.records if record.name == "lantern.audit"]
    assert line == f"grant_role: account {account.pk} was member, is now staff"
    assert "first.staff" not in line

    client.force_login(account)
    assert client.get("/groups/manage/")["Location"] == reverse("mfa_activate_totp")
    TOTP.activate(account, generate_totp_secret())
    assert client.get("/groups/manage/").status_code == 200
    assert client.get("/staff/admin/community/supportresource/").status_code == 200


def test_another_role_takes_staff_away(client):
    account = AccountFactory(is_staff=True, role=Account.Role.MODERATOR)
    grant_role(account.email, "advocate")
    account.refresh_from_db()
    assert (account.is_staff, account.role) == (False, Account.Role.ADVOCATE)
    client.force_login(account)
    assert client.get("/groups/manage/").status_code == 404
    assert client.get("/staff/admin/community/supportresource/").status_code == 302


def test_an_advocate_granted_on_the_server_can_be_made_host_by_persona(client):
    advocate = AccountFactory()
    membership = MembershipFactory(persona__account=advocate, persona__name="Calm Kestrel 4")
    grant_role(advocate.email, "advocate")
    client.force_login(AccountFactory(is_staff=True))
    page = client.get(reverse("groups:manage_edit", args=[membership.group.slug]))
    assert page.status_code == 200
    assert "Calm Kestrel 4" in page.content.decode()
    assert advocate.email not in page.content.decode()


def test_an_unknown_email_or_role_is_refused():
    AccountFactory(email="someone@example.test")
    with pytest.raises(CommandError, match="No account"):
        grant_role("nobody@example.test", "staff")
    with pytest.raises(CommandError):
        grant_role("someone@example.test", "superuser")
    assert not Account.objects.get(email="someone@example.test").is_staff


def test_a_role_change_is_written_to_the_moderators_audit_log_without_naming_the_account():
    from moderation.models import AuditEntry

    account = AccountFactory(email="new.moderator@example.test")
    grant_role(account.email, "moderator")
    grant_role(account.email, "moderator")  # no change, no second entry
    [entry] = AuditEntry.objects.filter(event="role.changed")
    assert (entry.actor, entry.actor_role, entry.persona_name) == (None, "server operator", "")
    assert entry.detail == "An account's site role changed from member to moderator"
    assert "new.moderator" not in entry.detail and str(account.pk) not in entry.detail
