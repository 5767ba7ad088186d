"""The identity promise, checked by crawling: no page shows one account's identity to anyone else.

Two accounts with unmistakable emails and primary keys act on the site (settings forms, a second
email address, a persona in a shared space). Then every page reachable from the home page and the
navigation is fetched as the other account and logged out, and no response may hold the first
account's email, the local part of it, or its primary key. The crawler discovers pages by their
links, so pages added later are covered without changing this test; and every named URL pattern
must be either reached by the crawl or listed in `NOT_CRAWLED` with the reason, so a page the
crawl stops reaching (a renamed URL, a link gone, an error) fails here instead of shrinking it.
"""

import re
import uuid
from collections import deque
from dataclasses import dataclass, field
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone

from chat.models import ChatSession
from chat.services import schedule_session, send_message
from groups.models import Group, Membership
from groups.services import posts as post_services
from tests.factories import AccountFactory, GroupFactory, MembershipFactory
from tests.url_names import all_url_names, staff_site_names

CRAWL_LIMIT = 400
# Never fetched: leaving the session, the staff site, assets and sockets.
SKIPPED_PREFIXES = ("/accounts/logout/", "/staff/", "/static/", "/media/", "/ws/")
# Pages the navigation links to only once logged in (or not at all): the crawl starts from them
# too. Each must exist: a name that no longer resolves fails the test.
SEED_URL_NAMES = [
    "home",
    "guidelines",
    "support",
    "privacy",
    "settings",
    "notifications",
    "account_email",
    "account_change_password",
    "mfa_index",
]
# Forms on the settings page that end the session or the account are not submitted.
UNSUBMITTED_URL_NAMES = ["account_logout", "settings_delete"]
TEXT_TYPES = ("text/", "application/json", "application/xhtml")
# What a crawled page may answer: a page, or a redirect (to log in, to the canonical address).
# Anything else on a link Lantern shows (404, 500) is a broken page and fails the crawl.
EXPECTED_STATUSES = {200, 302}

_POST_ONLY = "a POST-only action: its form is on a crawled page, and it answers with a redirect"
_STAFF_SITE = "the staff site (Django admin): shows accounts by design, to staff only"
# Named URL patterns the crawl does not fetch, with the reason. Every other name must be reached.
NOT_CRAWLED = {
    "account_logout": "ends the crawling session",
    "settings_deleted": "shown once, after an account is deleted",
    "settings_export": "a POST-only download of the member's own data (test_settings_export)",
    "healthz": "a JSON probe for load balancers, linked from nowhere; no person in it",
    "account_inactive": "only reached by an inactive account logging in",
    "account_confirm_reauthentication_code": "needs the emailed code from the crawled request page",
    "account_confirm_login_code": "login by code is not offered (allauth default: off)",
    "account_set_password": "for accounts without a password; Lantern has none",
    "account_email_verification_sent": "shown after sign-up, which the crawl does not do",
    "account_confirm_email": "needs the emailed key (tested in test_accounts_signup)",
    "account_reset_password_done": "shown after a reset request, which the crawl does not send",
    "account_reset_password_from_key": "needs the emailed key (test_accounts_password_reset)",
    "account_reset_password_from_key_done": "shown after a reset from the emailed key",
    "mfa_authenticate": "the second step of a login with MFA on",
    "mfa_reauthenticate": "asked for before an MFA change, with MFA on",
    "mfa_deactivate_totp": "only for an account with an authenticator (test_accounts_mfa)",
    "mfa_view_recovery_codes": "only for an account with MFA on (test_accounts_mfa)",
    "mfa_generate_recovery_codes": "only for an account with MFA on (test_accounts_mfa)",
    "mfa_download_recovery_codes": "only for an account with MFA on (test_accounts_mfa)",
    "groups:manage": "staff only; the crawling accounts are members (staff see no emails there: "
    "test_manage_groups)",
    "groups:manage_create": "staff only, as groups:manage",
    "groups:manage_edit": "staff only, as groups:manage",
    "groups:manage_invite": "staff only: a confirmation page (tests/groups/test_staff_confirms.py)",
    "groups:manage_make_host": _POST_ONLY,
    "groups:manage_remove_host": "staff only: a confirmation (tests/groups/test_staff_confirms.py)",
    "groups:invite": "reached by an invite link handed out of band, not linked",
    "groups:requests": "hosts only; the crawling accounts are plain members",
    "groups:choose_name": "only for an approved applicant whose name clashed "
    "(test_join_reveals_no_names)",
    "groups:decide": _POST_ONLY,
    "groups:withdraw": _POST_ONLY,
    "groups:reply": _POST_ONLY,
    "groups:moderate_thread": _POST_ONLY,
    "groups:react": _POST_ONLY,
    "groups:thread_notifications": _POST_ONLY,
    "groups:member_names": "JSON for the @ autocomplete, linked from no page; names of the "
    "group's members only (tests/groups/test_mention_names.py)",
    "notification_open": "a redirect to the notice's post, a page the crawl reaches by its own "
    "link (tests/community/test_notification_open.py)",
    "groups:mark_read": _POST_ONLY,
    "groups:quote_source": "fetched by composer.js, linked from no href; its identity rules are "
    "tested in tests/groups/test_quote_reply.py",
    "groups:post_history": "the author's and hosts' only, linked from an edited post; tested "
    "in tests/groups/test_post_history.py",
    "moderation:flag_thanks": "shown after a flag is sent, which the crawl does not do",
    # Moderators' pages: the crawling accounts are plain members (404 for them); what they
    # show is tested in tests/moderation/test_identity.py.
    "moderation:queue": "moderators and hosts only (tests/moderation/test_identity.py)",
    "moderation:item": "moderators and hosts only (tests/moderation/test_identity.py)",
    "moderation:act": _POST_ONLY,
    "moderation:act_on_content": "hosts and moderators only (test_host_in_place.py)",
    "moderation:notice": "only for the member an action hit (tests/moderation/test_identity.py)",
    "moderation:audit": "moderators and hosts only (tests/moderation/test_identity.py)",
    "moderation:appeals": "moderators an appeal went to (tests/moderation/test_appeals.py)",
    "moderation:appeal": "the moderator an appeal went to (tests/moderation/test_appeals.py)",
    "moderation:appeal_by_link": "a signed link on a suspended or banned account's login "
    "refusal (tests/moderation/test_appeals.py)",
    "moderation:audit_export": "staff only, a CSV (tests/moderation/test_audit_log.py)",
    # Break glass: staff holding the reveal permission only (404 for everyone else); the one
    # page that shows an email is tested in tests/moderation/test_break_glass.py.
    "moderation:reveals": "reveal-permission holders only (tests/moderation/test_break_glass.py)",
    "moderation:reveal_new": "reveal-permission holders only (test_break_glass.py)",
    "moderation:reveal": "reveal-permission holders only (test_break_glass.py)",
    "moderation:reveal_decide": _POST_ONLY,
    "moderation:reveal_account": _POST_ONLY,
    "moderation:reveal_notice": "only for a member whose account was revealed (test_break_glass)",
    "moderation:site_words": "staff only; no person in it (tests/moderation/test_word_lists)",
    "moderation:space_words": "hosts only; the crawling accounts are plain members "
    "(tests/moderation/test_word_lists)",
    "moderation:remove_word": _POST_ONLY,
    "moderation:held": "moderators and hosts only; the crawling accounts are plain members "
    "(tests/moderation/test_held_page)",
    "moderation:held_item": "moderators and hosts only; the crawling accounts are plain "
    "members (tests/moderation/test_held_in_the_queue.py)",
    "moderation:release_held": _POST_ONLY,
    "moderation:reject_held": _POST_ONLY,
    "chat:schedule": "hosts only; the crawling accounts are plain members (tests/chat/test_pages)",
    "chat:edit": "hosts only, as chat:schedule",
    "chat:control": _POST_ONLY,
    "chat:mute": _POST_ONLY,
    "chat:remove_message": _POST_ONLY,
    "chat:request_quiet_room": _POST_ONLY,
    "chat:decide_quiet_room": _POST_ONLY,
    "settings_unblock": _POST_ONLY,
    "notifications_read": _POST_ONLY,
    # Mentoring's pages in states the crawling accounts never reach (a request, a proposal, a
    # mentorship, a coordinator's scope): tests/mentoring/pages/test_pages_identity.py crawls
    # every one of them at each stage, as the mentor, the mentee and the coordinator.
    "mentoring:choose": "only for a mentee with proposals (mentoring/pages/test_pages_identity)",
    "mentoring:asked": "a mentor's own page (mentoring/pages/test_pages_identity)",
    "mentoring:accept": "only for a chosen mentor (mentoring/pages/test_pages_identity)",
    "mentoring:profile": "only for a mentor (mentoring/pages/test_pages_identity)",
    "mentoring:mentorship": "its two people only (mentoring/pages/test_pages_identity)",
    "mentoring:end": "its two people only (mentoring/pages/test_pages_identity)",
    "mentoring:block": "its two people only (mentoring/pages/test_pages_identity)",
    "mentoring:coordinate_mentors": "coordinators only (mentoring/pages/test_pages_identity)",
    "mentoring:coordinate_waiting": "coordinators only (mentoring/pages/test_pages_identity)",
    "mentoring:coordinate_batch": "coordinators only (mentoring/pages/test_pages_identity)",
    "mentoring:coordinate_feedback": "coordinators only (mentoring/pages/test_pages_identity)",
    "mentoring:coordinate_mentor_action": _POST_ONLY,
    "mentoring:withdraw": _POST_ONLY,
    "mentoring:pause": _POST_ONLY,
    "mentoring:resume": _POST_ONLY,
    "mentoring:decline": _POST_ONLY,
    "mentoring:ask_again": _POST_ONLY,
}


@dataclass(frozen=True)
class Identity:
    email: str
    pk: int

    @property
    def local_part(self) -> str:
        return self.email.split("@")[0]

    def found_in(self, text: str) -> list[str]:
        lowered = text.casefold()
        found = [needle for needle in (self.email, self.local_part) if needle in lowered]
        if re.search(rf"(?<!\d){self.pk}(?!\d)", text):
            found.append(f"pk {self.pk}")
        return found


ZEBRA = Identity(email="zebra.unmistakable.4417@example.test", pk=7349821)
OKAPI = Identity(email="okapi.unmistakable.9052@example.test", pk=8612047)


class PageParser(HTMLParser):
    """Collects where a page leads (links, GET forms) and its forms to submit."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        elif tag == "form":
            self.start_form(attributes)
        elif self._form is not None:
            self.add_field(tag, attributes)

    def start_form(self, attributes: dict) -> None:
        method = attributes.get("method", "get").lower()
        self._form = {"action": attributes.get("action", ""), "method": method, "data": {}}
        self.forms.append(self._form)
        if method == "get" and attributes.get("action"):
            self.links.append(attributes["action"])

    def add_field(self, tag: str, attributes: dict) -> None:
        name = attributes.get("name")
        data = self._form["data"]
        if tag == "input" and name:
            kind = attributes.get("type", "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in attributes:
                    data[name] = attributes.get("value", "on")
            elif kind not in ("submit", "button", "file", "image", "reset"):
                data[name] = attributes.get("value", "")
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attributes:
            data[self._select] = attributes.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            data[name] = ""

    def handle_data(self, text):
        if self._form is not None and self._textarea:
            self._form["data"][self._textarea] += text

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


@dataclass
class Crawl:
    pages: dict[str, int] = field(default_factory=dict)
    leaks: list[str] = field(default_factory=list)
    own_identity_seen: bool = False


def seed_paths() -> list[str]:
    return [reverse(name) for name in SEED_URL_NAMES]


def url_name_of(path: str) -> str | None:
    try:
        return resolve(urlsplit(path).path).view_name
    except Resolver404:
        return None


def same_site_path(base: str, href: str) -> str | None:
    url, _fragment = urldefrag(urljoin(f"http://testserver{base}", href))
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or parts.hostname != "testserver":
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return None if path.startswith(SKIPPED_PREFIXES) else path


def readable_text(response) -> str:
    headers = " ".join(f"{name}: {value}" for name, value in response.headers.items())
    if not response.get("Content-Type", "").startswith(TEXT_TYPES):
        return headers
    return headers + "\n" + response.content.decode(response.charset or "utf-8", "replace")


def crawl(client: Client, *, watch_for: list[Identity], own: Identity | None = None) -> Crawl:
    """GET every same-site page reachable from the seeds; note any identity of `watch_for`."""
    result = Crawl()
    queue = deque(seed_paths())
    seen = set(queue)
    while queue and len(result.pages) < CRAWL_LIMIT:
        path = queue.popleft()
        response = client.get(path)
        result.pages[path] = response.status_code
        text = readable_text(response)
        for identity in watch_for:
            result.leaks += [f"{path}: {needle}" for needle in identity.found_in(text)]
        if own and own.email in text.casefold():
            result.own_identity_seen = True
        for link in links_of(response, path):
            if link not in seen:
                seen.add(link)
                queue.append(link)
    return result


def links_of(response, path: str) -> list[str]:
    hrefs = [response["Location"]] if response.has_header("Location") else []
    if response.get("Content-Type", "").startswith("text/html"):
        parser = PageParser()
        parser.feed(response.content.decode(response.charset or "utf-8", "replace"))
        hrefs += parser.links
    return [link for link in (same_site_path(path, href) for href in hrefs) if link]


def submit_settings_forms(client: Client) -> None:
    """Post every form of the settings page back as it is, as a member saving their settings."""
    settings_path = reverse("settings")
    response = client.get(settings_path)
    assert response.status_code == 200
    parser = PageParser()
    parser.feed(response.content.decode())
    forbidden = {reverse(name) for name in UNSUBMITTED_URL_NAMES}
    for form in parser.forms:
        action = same_site_path(settings_path, form["action"] or settings_path)
        if form["method"] == "post" and action and action not in forbidden:
            answer = client.post(action, form["data"])
            assert answer.status_code < 500, f"POST {action} answered {answer.status_code}"


def act_as(identity: Identity, group: Group, persona_name: str) -> Client:
    """The account signs in, saves its settings, adds an email, joins `group` under
    `persona_name` and starts a thread there."""
    account = AccountFactory(pk=identity.pk, email=identity.email)
    membership = MembershipFactory(
        group=group, persona__account=account, persona__name=persona_name
    )
    post_services.create_thread(
        account=account,
        membership=membership,
        group=group,
        title=f"{persona_name} says hello",
        body="Glad to have found this place.",
    )
    session = ChatSession.objects.filter(room__group=group).first()
    if session is not None:
        send_message(
            account=account,
            membership=membership,
            room=session.room,
            body=f"{persona_name} is here too.",
            client_id=uuid.uuid4(),
        )
    client = Client()
    client.force_login(account)
    submit_settings_forms(client)
    second_email = identity.email.replace("@", ".second@")
    client.post(reverse("account_email"), {"email": second_email, "action_add": ""})
    assert EmailAddress.objects.filter(user=account, email=second_email).exists()
    return client


@pytest.fixture
def actors(db):
    group = GroupFactory(name="Night shift", slug="night-shift")
    # A live chat session both write in: its page, transcript and calendar file are crawled.
    host = MembershipFactory(group=group, role=Membership.Role.HOST, persona__name="Lamp Keeper")
    now = timezone.now()
    schedule_session(  # live from now: it starts at once
        membership=host,
        group=group,
        title="Night shift check-in",
        starts_at=now,
        ends_at=now + timedelta(hours=2),
    )
    # A group they are not in: its page and its join form are crawled too.
    GroupFactory(name="Founders", slug="founders", join_policy=Group.JoinPolicy.APPROVAL)
    return {
        ZEBRA: act_as(ZEBRA, group, "Paper Moth"),
        OKAPI: act_as(OKAPI, group, "Velvet Heron"),
    }


def unexpected_statuses(result: Crawl) -> list[str]:
    return [
        f"{path} answered {status}"
        for path, status in result.pages.items()
        if status not in EXPECTED_STATUSES
    ]


def test_an_account_sees_its_own_email_where_the_crawler_looks(actors):
    """The crawl reaches the account pages: its owner finds their own email there."""
    result = crawl(actors[ZEBRA], watch_for=[OKAPI], own=ZEBRA)
    assert result.own_identity_seen, f"The owner's email was on no page of {sorted(result.pages)}"
    assert not result.leaks, result.leaks
    assert not unexpected_statuses(result), unexpected_statuses(result)


def test_no_page_shows_another_member_their_email_local_part_or_account_id(actors):
    result = crawl(actors[OKAPI], watch_for=[ZEBRA], own=OKAPI)
    assert result.own_identity_seen
    assert not result.leaks, result.leaks
    assert not unexpected_statuses(result), unexpected_statuses(result)
    assert len(result.pages) < CRAWL_LIMIT, "the crawl stopped at its limit: raise CRAWL_LIMIT"


def test_no_page_shows_a_visitor_who_is_logged_out_anything_of_either_account(actors):
    result = crawl(Client(), watch_for=[ZEBRA, OKAPI])
    assert "/" in result.pages
    assert not result.leaks, result.leaks
    assert not unexpected_statuses(result), unexpected_statuses(result)


def test_the_crawls_reach_every_named_url_that_is_not_exempt(actors):
    """A member's crawl and a visitor's crawl together fetch every page not in NOT_CRAWLED."""
    pages = {**crawl(actors[OKAPI], watch_for=[]).pages, **crawl(Client(), watch_for=[]).pages}
    reached = {url_name_of(path) for path in pages}
    missing = sorted(set(all_url_names()) - reached - set(NOT_CRAWLED) - staff_site_names())
    assert not missing, f"URL names neither crawled nor in NOT_CRAWLED (with a reason): {missing}"
    needlessly_exempt = sorted(set(NOT_CRAWLED) & reached)
    assert not needlessly_exempt, f"crawled, so take them out of NOT_CRAWLED: {needlessly_exempt}"


def test_every_exemption_names_a_url_that_exists():
    stale = sorted(set(NOT_CRAWLED) - set(all_url_names()))
    assert not stale, f"NOT_CRAWLED names no URL pattern any more: {stale}"
    assert all(reason.strip() for reason in NOT_CRAWLED.values())
    assert staff_site_names(), _STAFF_SITE


def test_the_crawl_notices_an_email_on_a_page():
    """The check itself works: a page holding a local part or a pk is reported."""
    page = '<a href="/people/7349821/">zebra.unmistakable.4417</a>'
    assert ZEBRA.found_in(page) == ["zebra.unmistakable.4417", "pk 7349821"]
    assert OKAPI.found_in(page) == []
