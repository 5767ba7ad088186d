"""axe-core on the moderation pages the other audits leave out, at a phone's width (390 px) and
a desktop's (1280 px), as the people who use them:

- break glass (staff holding the reveal permission): the list of reveals, a request form (and
  with its errors), a request waiting for a second holder's decision (and the decision with its
  errors), the revealed account; the member's notice that their account was revealed;
- word lists: the site's (staff) and a group's (its host), each with its form's errors too;
- appeals: the reviewer's page (and with its errors), and the notice reached by the signed link
  a suspended account's login refusal shows.

The same standard as the other moderation pages (tests/browser/chat/test_moderation_accessibility
.py), on the session's one daphne (`asgi_live_server`, like every test in this folder).
"""

from dataclasses import dataclass

from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from community.models import Account
from moderation.appeals import appeal_link, submit_appeal
from moderation.decisions import take_action
from moderation.models import Action, Appeal, RevealRequest
from moderation.reveals import grant_reveal
from moderation.selectors import hosted_space_ids
from moderation.services import flag_content
from tests.browser.chat.conftest import ChatWorld
from tests.browser.chat.test_chat_accessibility import assert_no_violations
from tests.browser.threads import in_thread
from tests.factories import DEMO_PASSWORD, AccountFactory, PostFactory

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
REASON = "A credible threat against a member, reported to the police who asked us."


def staff_paths(
    persona: str, pending: str, approved: str, space: str, appeal: str, link: str
) -> dict[str, str]:
    return {
        "reveals": reverse("moderation:reveals"),
        "reveal request": reverse("moderation:reveal_new", args=[persona]),
        "pending reveal": reverse("moderation:reveal", args=[pending]),
        "decision with errors": reverse("moderation:reveal_decide", args=[pending]),
        "revealed account": reverse("moderation:reveal_account", args=[approved]),
        "reveal notice": reverse("moderation:reveal_notice", args=[approved]),
        "site words": reverse("moderation:site_words"),
        "group words": reverse("moderation:space_words", args=[space]),
        "appeal": reverse("moderation:appeal", args=[appeal]),
        "appeal by link": link,
    }


def audited_paths() -> list[str]:
    """Every path audited here, for tests/community/test_accessibility_coverage.py (any ids
    do: it only resolves them)."""
    link = reverse("moderation:appeal_by_link", args=["token"])
    return list(staff_paths("p-id", "r-id", "a-id", "s-id", "ap-id", link).values())


@dataclass
class StaffWorld:
    chat: ChatWorld
    requester: Account
    approver: Account
    reviewer: Account
    pending: RevealRequest
    approved: RevealRequest
    appeal: Appeal
    link: str  # the signed appeal link of an action not appealed yet

    def paths(self) -> dict[str, str]:
        return staff_paths(
            self.chat.blocked.persona.public_id,
            self.pending.public_id,
            self.approved.public_id,
            self.chat.host.group.space.public_id,
            self.appeal.public_id,
            self.link,
        )


def _reveal(requester, persona, **fields) -> RevealRequest:
    return RevealRequest.objects.create(
        requester=requester,
        persona=persona,
        persona_name=persona.display_name,
        persona_public_id=persona.public_id,
        space=persona.space,
        account=persona.account,
        reason=REASON,
        **fields,
    )


def _warned(moderator, chat: ChatWorld, body: str) -> Action:
    post = PostFactory(
        thread__group=chat.host.group,
        thread__author=chat.member.persona,
        author=chat.member.persona,
        body=body,
    )
    item = flag_content(reporter=chat.other_member.persona.account, target=post, reason="spam").item
    return take_action(
        moderator=moderator,
        item=item,
        kind="warn",
        rule="spam",
        message="Please keep it on topic.",
        hosted=hosted_space_ids(moderator),
    )


def build(chat: ChatWorld) -> StaffWorld:
    requester = AccountFactory(is_staff=True, email="first.staff@example.test")
    approver = AccountFactory(is_staff=True, email="second.staff@example.test")
    for holder in (requester, approver):
        grant_reveal(account=holder)
    # Waiting for the second holder; and one approved, which the requester may now see.
    pending = _reveal(requester, chat.blocked.persona)
    approved = _reveal(
        requester,
        chat.member.persona,
        status=RevealRequest.Status.APPROVED,
        approver=approver,
        decided_at=timezone.now(),
    )
    acting = AccountFactory(role=Account.Role.MODERATOR)
    reviewer = AccountFactory(role=Account.Role.MODERATOR)
    appealed = _warned(acting, chat, "Buy my course.")
    appeal = submit_appeal(
        account=chat.member.persona.account, action=appealed, text="It was free, not a sale."
    )
    not_appealed = _warned(acting, chat, "Buy my book.")
    return StaffWorld(
        chat, requester, approver, reviewer, pending, approved, appeal, appeal_link(not_appealed)
    )


def audit_at_both_widths(page: Page, where: str) -> None:
    for size in (PHONE, DESKTOP):
        page.set_viewport_size(size)
        assert_no_violations(page, f"{where} at {size['width']} px")


def visit(page: Page, path: str, where: str) -> None:
    response = page.goto(path)
    assert response is not None and response.status == 200, f"{where}: {response}"
    audit_at_both_widths(page, where)


def reauthenticated(page_as, site_url: str, account: Account) -> Page:
    """A page signed in as `account` who has just entered their password again, as the reveal
    pages ask. Entered through the test process: daphne's password hashers are production's,
    not the tests' fast one the factories hash with."""
    client = Client()
    client.force_login(account)
    response = client.post(reverse("account_reauthenticate"), {"password": DEMO_PASSWORD})
    assert response.status_code == 302, "re-authentication refused"
    page = page_as(None)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": site_url}])
    return page


def test_the_break_glass_pages_pass_the_audit(page_as, site_url, chat_world):
    world = in_thread(build, chat_world)
    paths = world.paths()

    requester = reauthenticated(page_as, site_url, world.requester)
    visit(requester, paths["reveals"], "reveals")
    visit(requester, paths["reveal request"], "reveal request")
    requester.get_by_role("button", name="Ask for approval").click()
    expect(requester.get_by_role("alert").first).to_be_visible()
    assert requester.url.endswith(paths["reveal request"])
    audit_at_both_widths(requester, "reveal request with errors")
    visit(requester, reverse("moderation:reveal", args=[world.approved.public_id]), "approved")
    requester.get_by_role("button", name="Show the email address (logged)").click()
    expect(requester.locator("main")).to_contain_text(world.chat.member.persona.account.email)
    assert requester.url.endswith(paths["revealed account"])
    audit_at_both_widths(requester, "revealed account")

    approver = reauthenticated(page_as, site_url, world.approver)
    visit(approver, paths["pending reveal"], "pending reveal")
    # Approving without a code from the authenticator app: refused, with the reason.
    approver.get_by_label("Approve: the requester will see the email").check()
    approver.get_by_role("button", name="Send my decision").click()
    expect(approver.get_by_role("alert").first).to_be_visible()
    assert approver.url.endswith(paths["decision with errors"])
    audit_at_both_widths(approver, "reveal decision with errors")

    member = page_as(world.chat.member.persona.account)
    visit(member, paths["reveal notice"], "reveal notice")


def test_the_word_list_pages_pass_the_audit(page_as, chat_world):
    world = in_thread(build, chat_world)
    paths = world.paths()
    for account, name in (
        (world.requester, "site words"),
        (world.chat.host.persona.account, "group words"),
    ):
        page = page_as(account)
        visit(page, paths[name], name)
        page.get_by_role("button", name="Add").click()
        expect(page.get_by_role("alert").first).to_be_visible()
        audit_at_both_widths(page, f"{name} with errors")
        page.get_by_label("Word or phrase").fill("scab")
        page.get_by_label("Hold it for review").check()
        page.get_by_role("button", name="Add").click()
        expect(page.get_by_text("“scab” was added.")).to_be_visible()
        audit_at_both_widths(page, f"{name} with an entry")


def test_the_appeal_pages_pass_the_audit(page_as, chat_world):
    world = in_thread(build, chat_world)
    paths = world.paths()
    reviewer = page_as(world.reviewer)
    visit(reviewer, paths["appeal"], "appeal")
    reviewer.get_by_role("button", name="Decide").click()
    expect(reviewer.get_by_role("alert").first).to_be_visible()
    audit_at_both_widths(reviewer, "appeal with errors")
    # Reached without signing in, as a suspended member is.
    visitor = page_as(None)
    visit(visitor, paths["appeal by link"], "appeal by link")
    expect(visitor.get_by_role("button", name="Send my appeal")).to_be_visible()
