"""Member text cannot reverse the page around it (issue #8 §8).

A world is built through the services with hostile text: a group name, description and join
question, a thread title and content warnings, a post body, each typed with right-to-left
overrides, isolates, marks and zero-width characters around right-to-left words, and personas
with Arabic and Hebrew names. Every page that shows them is then read, as a member, a host and
staff, and

- no bidi control and no zero-width character reaches the HTML (the zero-width joiner only
  inside the emoji sequence a post body holds);
- every text node that holds member text sits inside `<bdi>` or an element with `dir="auto"`
  (except `<title>`, where no markup is possible and the cleaning is what protects it).
"""

from html.parser import HTMLParser

import pytest
from django.test import Client

from community.text import BIDI_CONTROLS, ZERO_WIDTH
from groups.models import Group, Membership
from groups.services import management
from groups.services import posts as post_services
from groups.services.reactions import toggle_reaction
from tests.factories import AccountFactory, JoinRequestFactory, MembershipFactory

pytestmark = pytest.mark.django_db

RLO, PDF, RLI, PDI, LRM, ZWSP, ZWJ = (
    "\u202e",
    "\u202c",
    "\u2067",
    "\u2069",
    "\u200e",
    "\u200b",
    "\u200d",
)
WOMAN_TECHNOLOGIST = "\U0001f469\u200d\U0001f4bb"  # an emoji sequence held together by ZWJ

# What each field is typed as, and the words that must show (cleaned) on the pages.
GROUP_NAME = "مساحة آمنة"
DESCRIPTION = "مكان هادئ للحديث"
JOIN_QUESTION = "ما الذي أتى بك"
TITLE = "طلب مساعدة"
THREAD_WARNING = "تحذير المحتوى"
POST_WARNING = "حزن شديد"
AUTHOR_NAME = "نور الهدى"
REPLIER_NAME = "דנה שמש"
MEMBER_TEXTS = (
    GROUP_NAME,
    DESCRIPTION,
    JOIN_QUESTION,
    TITLE,
    THREAD_WARNING,
    POST_WARNING,
    AUTHOR_NAME,
    REPLIER_NAME,
)
# Elements whose text cannot carry markup, or is the person's own input being edited.
UNMARKED_ELEMENTS = {"title", "textarea", "option"}
VOID_ELEMENTS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "wbr",
}


def hostile(text: str) -> str:
    """`text` as an attacker would type it: overridden, isolated, marked and padded."""
    return f"{ZWSP}{RLO}{text}{PDF}{LRM}{RLI}{ZWSP}{PDI}\u2060"


class _IsolationChecker(HTMLParser):
    """Collects text nodes holding member text that no `<bdi>`/`dir="auto"` ancestor isolates."""

    def __init__(self):
        super().__init__()
        self.open: list[tuple[str, bool]] = []  # (tag, isolates)
        self.unisolated: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID_ELEMENTS:
            return
        isolates = tag == "bdi" or dict(attrs).get("dir") == "auto" or tag in UNMARKED_ELEMENTS
        self.open.append((tag, isolates))

    def handle_endtag(self, tag):
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                return

    def handle_data(self, data):
        if any(text in data for text in MEMBER_TEXTS) and not any(
            isolates for _tag, isolates in self.open
        ):
            self.unisolated.append(data.strip())


@pytest.fixture
def world(settings):
    settings.STAFF_REQUIRE_MFA = False
    staff = AccountFactory(is_staff=True)
    group = management.create_group(
        staff=staff,
        name=hostile(GROUP_NAME),
        slug="safe-space",
        description=hostile(DESCRIPTION),
        guidelines=f"{RLO}Be kind.{PDF}",
        join_question=hostile(JOIN_QUESTION),
        visibility=Group.Visibility.LISTED,
        join_policy=Group.JoinPolicy.APPROVAL,
    )
    author = MembershipFactory(group=group, persona__name=AUTHOR_NAME, role=Membership.Role.HOST)
    replier = MembershipFactory(group=group, persona__name=REPLIER_NAME)
    thread = post_services.create_thread(
        account=author.persona.account,
        membership=author,
        group=group,
        title=hostile(TITLE),
        body="first",
        content_warning=hostile(THREAD_WARNING),
    )
    reply = post_services.create_post(
        account=replier.persona.account,
        membership=replier,
        thread=thread,
        body=f"{RLO}**bold** שלום {WOMAN_TECHNOLOGIST}{PDF}",
        content_warning=hostile(POST_WARNING),
    )
    toggle_reaction(membership=replier, post=thread.posts.first(), kind="support")
    JoinRequestFactory(group=group, answer="أريد الانضمام")
    return {
        "staff": staff,
        "group": group,
        "author": author,
        "replier": replier,
        "thread": thread,
        "reply": reply,
    }


def _client(account) -> Client:
    client = Client()
    client.force_login(account)
    return client


def _pages(world) -> dict[str, str]:
    group, thread, reply = world["group"], world["thread"], world["reply"]
    author = _client(world["author"].persona.account)
    replier = _client(world["replier"].persona.account)
    staff = _client(world["staff"])
    visitor = _client(AccountFactory())
    base = f"/groups/{group.slug}"
    pages = {
        "directory": (author, "/groups/"),
        "group": (author, f"{base}/"),
        "thread": (author, thread.get_absolute_url()),
        "notifications": (author, "/notifications/"),
        "new thread": (author, f"{base}/threads/new/"),
        "requests": (author, f"{base}/requests/"),
        "leave": (author, f"{base}/leave/"),
        "block": (author, f"{base}/posts/{reply.public_id}/block/"),
        "flag": (author, f"/moderation/flag/post/{reply.public_id}/"),
        "edit": (replier, f"{base}/posts/{reply.public_id}/edit/"),
        "delete": (replier, f"{base}/posts/{reply.public_id}/delete/"),
        "join": (visitor, f"{base}/join/"),
        "manage": (staff, "/groups/manage/"),
        "manage edit": (staff, f"/groups/manage/{group.slug}/"),
    }
    html = {}
    for name, (client, url) in pages.items():
        response = client.get(url)
        assert response.status_code == 200, f"{name}: {url} answered {response.status_code}"
        html[name] = response.content.decode()
    # Flash messages and the block list name people and groups too.
    blocked = author.post(f"{base}/posts/{reply.public_id}/block/", follow=True)
    assert blocked.status_code == 200
    html["after blocking"] = blocked.content.decode()
    html["block list"] = author.get("/settings/blocks/").content.decode()
    return html


def test_no_bidi_or_zero_width_character_reaches_any_page(world):
    for name, page in _pages(world).items():
        without_emoji = page.replace(WOMAN_TECHNOLOGIST, "")
        found = sorted(
            {f"U+{ord(c):04X}" for c in without_emoji if c in BIDI_CONTROLS | ZERO_WIDTH | {ZWJ}}
        )
        assert found == [], f"the {name} page holds {found}"


def test_member_text_shows_cleaned_and_inside_bdi_on_every_page(world):
    pages = _pages(world)
    assert f"<bdi>{GROUP_NAME}</bdi>" in pages["directory"]
    assert f'<h1 dir="auto">{TITLE}</h1>' in pages["thread"]
    assert f"<title>{TITLE} · {GROUP_NAME}" in pages["thread"]
    assert (
        f"<bdi>{REPLIER_NAME}</bdi> replied in “<bdi>{TITLE}</bdi>” (<bdi>{GROUP_NAME}</bdi>)"
        in pages["notifications"]
    )
    assert (
        f"You blocked <bdi>{REPLIER_NAME}</bdi> in <bdi>{GROUP_NAME}</bdi>"
        in pages["after blocking"]
    )
    for name, page in pages.items():
        checker = _IsolationChecker()
        checker.feed(page)
        assert checker.unisolated == [], f"the {name} page shows {checker.unisolated} unisolated"


def test_right_to_left_writing_and_emoji_survive_in_a_post_body(world):
    page = _client(world["author"].persona.account).get(world["thread"].get_absolute_url())

    assert page.status_code == 200
    body = page.content.decode()
    assert f"<strong>bold</strong> שלום {WOMAN_TECHNOLOGIST}" in body
    assert 'class="post-body" dir="auto"' in body
    world["reply"].refresh_from_db()
    assert RLO not in world["reply"].body
