"""Break glass (moderation.reveals): revealing the account behind a persona takes the reveal
permission, a written reason, re-authentication, a fresh TOTP code from the requester and the
approval of a second holder with their own fresh code. Only then does the requester see the
email, each view is logged, and the member is told why. Nothing else shows an account."""

from datetime import timedelta

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from community.models import Account, Notification
from moderation import notification_kinds
from moderation.app_settings import app_settings
from moderation.models import AuditEntry, RevealRequest
from moderation.reveals import grant_reveal
from tests.factories import DEMO_PASSWORD, AccountFactory, MembershipFactory, current_totp_code
from tests.pages import page_text

pytestmark = pytest.mark.django_db

REASON = "A credible threat against a member, reported to the police who asked us."
AUTHOR_EMAIL = "author@example.test"


@pytest.fixture(autouse=True)
def one_step_of_clock_drift(settings):
    # A code computed just before a 30-second step ends is still valid just after it: no test
    # depends on when in the step it runs.
    settings.MFA_TOTP_TOLERANCE = 1


class Holder:
    """A staff member given the reveal permission, with an authenticator whose secret the test
    knows."""

    def __init__(self, client, email):
        self.secret = generate_totp_secret()
        self.account = AccountFactory(is_staff=True, email=email, totp_secret=self.secret)
        grant_reveal(account=self.account)
        self.client = client
        client.force_login(self.account)
        client.post(reverse("account_reauthenticate"), {"password": DEMO_PASSWORD})

    def code(self) -> str:
        return current_totp_code(self.secret)


@pytest.fixture
def requester(client):
    return Holder(client, "first.staff@example.test")


@pytest.fixture
def approver(db):
    return Holder(Client(), "second.staff@example.test")


def _ask(holder, persona, *, reason=REASON, code=None):
    return holder.client.post(
        reverse("moderation:reveal_new", args=[persona.public_id]),
        {"reason": reason, "code": holder.code() if code is None else code},
    )


def _decide(holder, reveal, decision="approve", code=None, note=""):
    return holder.client.post(
        reverse("moderation:reveal_decide", args=[reveal.public_id]),
        {
            "decision": decision,
            "code": (holder.code() if code is None else code),
            "note": note,
        },
    )


def _show(holder, reveal):
    return holder.client.post(reverse("moderation:reveal_account", args=[reveal.public_id]))


@pytest.fixture
def asked(requester, author):
    response = _ask(requester, author.persona)
    assert response.status_code == 302, response.content.decode()
    return RevealRequest.objects.get()


def _events():
    return list(AuditEntry.objects.order_by("pk").values_list("event", flat=True))


# --- Who may reach it -------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["member", "moderator", "staff", "superuser"])
def test_everyone_without_the_permission_gets_404_everywhere(client, who, author, requester):
    reveal = RevealRequest.objects.create(
        requester=requester.account,
        persona=author.persona,
        persona_name=author.persona.name,
        persona_public_id=author.persona.public_id,
        account=author.persona.account,
        reason=REASON,
        status=RevealRequest.Status.APPROVED,
        decided_at=timezone.now(),
    )
    account = {
        "member": lambda: AccountFactory(),
        "moderator": lambda: AccountFactory(role=Account.Role.MODERATOR),
        "staff": lambda: AccountFactory(is_staff=True),
        "superuser": lambda: AccountFactory(is_staff=True, is_superuser=True),
    }[who]()
    client.force_login(account)
    client.post(reverse("account_reauthenticate"), {"password": DEMO_PASSWORD})
    gets = [
        reverse("moderation:reveals"),
        reverse("moderation:reveal_new", args=[author.persona.public_id]),
        reverse("moderation:reveal", args=[reveal.public_id]),
        reverse("moderation:reveal_notice", args=[reveal.public_id]),
    ]
    for url in gets:
        assert client.get(url).status_code == 404, url
    for url in (
        reverse("moderation:reveal_new", args=[author.persona.public_id]),
        reverse("moderation:reveal_decide", args=[reveal.public_id]),
        reverse("moderation:reveal_account", args=[reveal.public_id]),
    ):
        response = client.post(url, {"reason": REASON, "code": "123456", "decision": "approve"})
        assert response.status_code == 404, url
        assert AUTHOR_EMAIL not in response.content.decode()
    assert RevealRequest.objects.count() == 1
    assert RevealRequest.objects.get().status == RevealRequest.Status.APPROVED


def test_no_role_carries_the_permission(db):
    from community.services.roles import grant_role

    for role in ("member", "advocate", "moderator", "staff"):
        account = grant_role(account=AccountFactory(), role=role)
        assert not account.user_permissions.filter(codename="reveal_account").exists()


def test_the_command_grants_staff_only_and_each_grant_is_audited(db):
    member = AccountFactory(email="plain@example.test")
    with pytest.raises(CommandError, match="Only staff"):
        call_command("grant_reveal", "plain@example.test")
    staff = AccountFactory(is_staff=True, email="boss@example.test")
    call_command("grant_reveal", "BOSS@example.test")
    assert staff.user_permissions.filter(codename="reveal_account").exists()
    call_command("grant_reveal", "boss@example.test", "--revoke")
    assert not staff.user_permissions.filter(codename="reveal_account").exists()
    assert _events() == ["role.reveal_granted", "role.reveal_revoked"]
    assert not member.user_permissions.exists()
    with pytest.raises(CommandError, match="No account"):
        call_command("grant_reveal", "nobody@example.test")


def test_holders_must_reauthenticate_before_the_form(client, author):
    holder = Holder(client, "fresh@example.test")
    client.logout()
    client.force_login(holder.account)  # a session with no recent password
    url = reverse("moderation:reveal_new", args=[author.persona.public_id])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": DEMO_PASSWORD})
    assert client.get(url).status_code == 200


def test_the_item_page_links_to_a_request_for_holders_only(client, requester, item, moderator):
    url = reverse("moderation:item", args=[item.public_id])
    link = reverse("moderation:reveal_new", args=[item.author.public_id])
    assert link in page_text(requester.client.get(url))
    other = AccountFactory(role=Account.Role.MODERATOR)
    moderator_client = Client()
    moderator_client.force_login(other)
    assert link not in page_text(moderator_client.get(url))


# --- Asking ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reason", "message"),
    [("", "Please write a reason."), ("   ", "Please write a reason."), ("Because.", "at least")],
)
def test_a_reason_is_required_and_the_text_is_kept(requester, author, reason, message):
    response = _ask(requester, author.persona, reason=reason)
    page = page_text(response, 400)
    assert message in page
    assert RevealRequest.objects.count() == 0
    assert _events() == ["role.reveal_granted"]


def test_an_over_long_reason_is_refused_with_its_text_kept(requester, author):
    reason = "x" * (app_settings.REVEAL_REASON_MAX_CHARS + 1)
    page = page_text(_ask(requester, author.persona, reason=reason), 400)
    assert f"at most {app_settings.REVEAL_REASON_MAX_CHARS} characters" in page
    assert reason in page
    assert not RevealRequest.objects.exists()


def test_a_wrong_code_is_refused(requester, author):
    wrong = f"{(int(requester.code()) + 500000) % 1000000:06d}"
    page = page_text(_ask(requester, author.persona, code=wrong), 400)
    assert "not right, or it was already used" in page
    assert REASON in page
    page = page_text(_ask(requester, author.persona, code=""), 400)
    assert "not right, or it was already used" in page
    assert not RevealRequest.objects.exists()


def test_a_code_used_to_log_in_is_not_fresh(requester, author):
    code = requester.code()
    authenticator = Authenticator.objects.get(user=requester.account, type="totp")
    assert TOTP(authenticator).validate_code(code)  # as allauth's login step uses it
    page = page_text(_ask(requester, author.persona, code=code), 400)
    assert "already used" in page
    assert not RevealRequest.objects.exists()


def test_a_code_cannot_be_replayed_for_a_second_request(requester, author, group):
    code = requester.code()
    assert _ask(requester, author.persona, code=code).status_code == 302
    other = MembershipFactory(group=group, persona__name="Second Person")
    page = page_text(_ask(requester, other.persona, code=code), 400)
    assert "already used" in page
    assert RevealRequest.objects.count() == 1


def test_a_request_is_audited_and_reveals_nothing_yet(requester, asked, author):
    assert asked.status == RevealRequest.Status.PENDING
    assert asked.requester == requester.account
    entry = AuditEntry.objects.get(event="reveal.requested")
    assert entry.actor == requester.account
    assert entry.persona_name == "Sharp Hawk"
    assert REASON in entry.detail
    assert AUTHOR_EMAIL not in entry.detail
    page = page_text(requester.client.get(reverse("moderation:reveal", args=[asked.public_id])))
    assert "A second staff member must approve your request" in page
    assert AUTHOR_EMAIL not in page
    assert reverse("moderation:reveal_account", args=[asked.public_id]) not in page
    assert _show(requester, asked).status_code == 404
    assert not Notification.objects.filter(account=author.persona.account).exists()


def test_a_holder_cannot_ask_about_their_own_persona(requester, group):
    own = MembershipFactory(group=group, persona__account=requester.account)
    page = page_text(_ask(requester, own.persona), 400)
    assert "your own persona" in page
    assert not RevealRequest.objects.exists()


# --- The second person ----------------------------------------------------------------------


def test_the_requester_cannot_approve_their_own_request(requester, asked):
    page = page_text(requester.client.get(reverse("moderation:reveal", args=[asked.public_id])))
    assert "Your decision" not in page
    page = page_text(_decide(requester, asked), 400)
    assert "A second staff member must approve your own request." in page
    asked.refresh_from_db()
    assert asked.status == RevealRequest.Status.PENDING
    assert "reveal.approved" not in _events()


def test_the_approver_needs_a_fresh_right_code(requester, approver, asked):
    wrong = f"{(int(approver.code()) + 500000) % 1000000:06d}"
    page = page_text(_decide(approver, asked, code=wrong), 400)
    assert "not right, or it was already used" in page
    # The requester's code is not the approver's.
    page = page_text(_decide(approver, asked, code=requester.code()), 400)
    assert "not right" in page
    asked.refresh_from_db()
    assert asked.status == RevealRequest.Status.PENDING
    code = approver.code()
    assert _decide(approver, asked, code=code).status_code == 302
    asked.refresh_from_db()
    assert asked.status == RevealRequest.Status.APPROVED
    assert asked.approver == approver.account


def test_approval_shows_the_email_to_the_requester_only_and_each_view_is_logged(
    requester, approver, asked, author
):
    assert _decide(approver, asked).status_code == 302
    # The approver never sees it.
    assert _show(approver, asked).status_code == 404
    approver_page = page_text(
        approver.client.get(reverse("moderation:reveal", args=[asked.public_id]))
    )
    assert AUTHOR_EMAIL not in approver_page
    detail = page_text(requester.client.get(reverse("moderation:reveal", args=[asked.public_id])))
    assert AUTHOR_EMAIL not in detail
    assert "Show the email address (logged)" in detail
    page = page_text(_show(requester, asked))
    assert AUTHOR_EMAIL in page
    assert "This view is logged" in page
    page_text(_show(requester, asked))
    assert _events()[-4:] == [
        "reveal.requested",
        "reveal.approved",
        "reveal.viewed",
        "reveal.viewed",
    ]
    for entry in AuditEntry.objects.all():
        assert AUTHOR_EMAIL not in f"{entry.detail} {entry.persona_name}"


def test_the_member_is_told_and_why_and_nobody_else_reads_it(
    client, requester, approver, asked, author
):
    _decide(approver, asked)
    member = author.persona.account
    notice = Notification.objects.get(account=member)
    assert notice.kind == notification_kinds.REVEAL_NOTICE
    assert "Sharp Hawk" in notice.text
    assert notice.url == reverse("moderation:reveal_notice", args=[asked.public_id])
    member_client = Client()
    member_client.force_login(member)
    page = page_text(member_client.get(notice.url))
    assert REASON in page
    assert "Sharp Hawk" in page
    for secret in ("first.staff@", "second.staff@"):
        assert secret not in page
    stranger = Client()
    stranger.force_login(AccountFactory())
    assert stranger.get(notice.url).status_code == 404


def test_a_refusal_is_audited_reveals_nothing_and_tells_the_member_nothing(
    requester, approver, asked, author
):
    response = _decide(approver, asked, decision="refuse", code="", note="Not serious enough.")
    assert response.status_code == 302
    asked.refresh_from_db()
    assert asked.status == RevealRequest.Status.REFUSED
    assert _events()[-1] == "reveal.refused"
    page = page_text(requester.client.get(reverse("moderation:reveal", args=[asked.public_id])))
    assert "Not serious enough." in page
    assert _show(requester, asked).status_code == 404
    assert not Notification.objects.filter(account=author.persona.account).exists()
    # Decided once: a later approval is refused.
    assert _decide(approver, asked).status_code == 400


def test_an_unapproved_request_expires(requester, approver, asked):
    waited = timedelta(hours=app_settings.REVEAL_APPROVAL_HOURS, minutes=1)
    RevealRequest.objects.filter(pk=asked.pk).update(created=timezone.now() - waited)
    page = page_text(_decide(approver, asked), 400)
    assert "expired" in page
    asked.refresh_from_db()
    assert asked.status == RevealRequest.Status.PENDING


def test_the_email_can_be_seen_for_a_limited_time_only(requester, approver, asked):
    _decide(approver, asked)
    waited = timedelta(hours=app_settings.REVEAL_VIEW_HOURS, minutes=1)
    RevealRequest.objects.filter(pk=asked.pk).update(decided_at=timezone.now() - waited)
    response = _show(requester, asked)
    assert response.status_code == 302
    page = page_text(requester.client.get(response["Location"]))
    assert "The time to see this account is over" in page
    assert AUTHOR_EMAIL not in page
    assert "reveal.viewed" not in _events()


def test_the_revealed_account_cannot_approve_its_own_reveal(requester, group):
    staff_member = Holder(Client(), "watched@example.test")
    persona = MembershipFactory(group=group, persona__account=staff_member.account).persona
    assert _ask(requester, persona).status_code == 302
    reveal = RevealRequest.objects.get()
    page = page_text(_decide(staff_member, reveal), 400)
    assert "your own account" in page


# --- The log and the list -------------------------------------------------------------------


def test_hosts_do_not_read_reveal_entries_and_site_moderators_do(
    client, requester, approver, asked, host, moderator
):
    _decide(approver, asked)
    client.force_login(host.persona.account)
    assert "Reveal of the account" not in page_text(client.get(reverse("moderation:audit")))
    client.force_login(moderator)
    page = page_text(client.get(reverse("moderation:audit")))
    assert "Reveal of the account requested" in page
    assert "Reveal of the account approved" in page
    assert AUTHOR_EMAIL not in page


def test_the_list_of_reveals_names_personas_never_accounts(requester, approver, asked, group):
    _decide(approver, asked)
    page = page_text(requester.client.get(reverse("moderation:reveals")))
    assert "Sharp Hawk" in page
    assert "Approved" in page
    assert AUTHOR_EMAIL not in page
    assert "second.staff@" not in page
    assert "first.staff@" not in page


def test_the_list_costs_the_same_queries_however_long(
    requester, approver, group, django_assert_num_queries
):
    def ask_one(n):
        persona = MembershipFactory(group=group, persona__name=f"Person {n}").persona
        RevealRequest.objects.create(
            requester=requester.account,
            persona=persona,
            persona_name=persona.name,
            persona_public_id=persona.public_id,
            space=persona.space,
            account=persona.account,
            reason=REASON,
        )

    ask_one(1)
    url = reverse("moderation:reveals")
    requester.client.get(url)
    # Session, account, the staff MFA check, the permission, count, page, group names, the
    # navigation's two counts.
    with django_assert_num_queries(9):
        page_text(requester.client.get(url))
    for n in range(2, 6):
        ask_one(n)
    with django_assert_num_queries(9):
        page = page_text(requester.client.get(url))
    assert "Person 5" in page


def test_the_request_and_notice_pages_query_counts(
    requester, approver, asked, author, django_assert_num_queries
):
    url = reverse("moderation:reveal", args=[asked.public_id])
    # As the list, less the count, plus allauth's re-authentication check (four).
    with django_assert_num_queries(12):
        page_text(approver.client.get(url))
    _decide(approver, asked)
    member_client = Client()
    member_client.force_login(author.persona.account)
    notice = reverse("moderation:reveal_notice", args=[asked.public_id])
    with django_assert_num_queries(5):
        page_text(member_client.get(notice))


def test_the_members_data_export_lists_the_reveal_never_who(requester, approver, asked, author):
    from community.services.accounts import export_account_data

    _decide(approver, asked)
    data = export_account_data(author.persona.account)
    assert data["account_reveals"] == [
        {
            "persona": "Sharp Hawk",
            "reason": REASON,
            "revealed": RevealRequest.objects.get().decided_at.isoformat(timespec="seconds"),
        }
    ]
    assert "first.staff@" not in str(data) and "second.staff@" not in str(data)
    assert export_account_data(requester.account)["account_reveals"] == []


def test_other_holders_are_told_a_request_waits_without_who_or_why(
    requester, approver, asked, author
):
    notice = Notification.objects.get(account=approver.account)
    assert notice.kind == notification_kinds.REVEAL_PENDING
    assert notice.url == reverse("moderation:reveal", args=[asked.public_id])
    assert "Sharp Hawk" not in notice.text and REASON not in notice.text
    assert not Notification.objects.filter(account=requester.account).exists()


def test_the_queue_links_to_the_reveals_for_holders_only(requester, moderator, item):
    link = reverse("moderation:reveals")
    assert link in page_text(requester.client.get(reverse("moderation:queue")))
    other = Client()
    other.force_login(moderator)
    assert link not in page_text(other.get(reverse("moderation:queue")))


def test_after_a_reveal_no_other_page_shows_the_email(requester, approver, item, author):
    assert _ask(requester, author.persona).status_code == 302
    reveal = RevealRequest.objects.get()
    _decide(approver, reveal)
    assert AUTHOR_EMAIL in page_text(_show(requester, reveal))
    for holder in (requester, approver):
        for url in (
            reverse("moderation:queue"),
            reverse("moderation:item", args=[item.public_id]),
            reverse("moderation:audit"),
            reverse("moderation:reveals"),
            reverse("moderation:reveal", args=[reveal.public_id]),
            reverse("notifications"),
        ):
            assert AUTHOR_EMAIL not in page_text(holder.client.get(url)), url
    export = requester.client.get(reverse("moderation:audit_export"))
    assert AUTHOR_EMAIL not in b"".join(export.streaming_content).decode()


def test_the_request_form_query_count(requester, author, django_assert_num_queries):
    url = reverse("moderation:reveal_new", args=[author.persona.public_id])
    requester.client.get(url)
    # Session, account, the staff MFA check, the permission, allauth's re-authentication check
    # (four), the persona, its space's name, the navigation's two counts.
    with django_assert_num_queries(12):
        page = page_text(requester.client.get(url))
    assert "Sharp Hawk" in page
    assert AUTHOR_EMAIL not in page


def test_the_services_check_the_permission_themselves(requester, approver, asked, author):
    from community.errors import NotAllowed
    from moderation import reveals

    staff = AccountFactory(is_staff=True)
    with pytest.raises(NotAllowed):
        reveals.request_reveal(requester=staff, persona=author.persona, reason=REASON, code="1")
    grant_reveal(account=approver.account, granted=False)
    with pytest.raises(NotAllowed):
        reveals.approve_reveal(approver=approver.account, reveal=asked, code=approver.code())
    asked.refresh_from_db()
    assert asked.status == RevealRequest.Status.PENDING
