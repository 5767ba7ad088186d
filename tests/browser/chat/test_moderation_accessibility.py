"""axe-core on the moderation pages, as the people who use them: the queue, an item with its
action form (and with an error), the confirmation step and the audit log for a site
moderator; the thread page's host form (hide or remove a post, lock a thread) and its
confirmation for a host; the notice and "My reports" for members. The same standard as the
groups and chat pages (tests/browser/test_groups_accessibility.py).

Served by `asgi_live_server` like the chat pages, whose world (tests/browser/chat/conftest.py)
gives a flagged chat message; a thread and a host who is an advocate are added here.
"""

from dataclasses import dataclass

from django.urls import reverse
from playwright.sync_api import expect

from community.models import Account
from groups.models import Membership, Post, Thread
from moderation.decisions import take_action
from moderation.models import Action, HeldContent, ReviewItem
from moderation.selectors import hosted_space_ids
from moderation.services import flag_content
from tests.browser.chat.conftest import ChatWorld, send
from tests.browser.chat.test_chat_accessibility import assert_no_violations
from tests.browser.threads import in_thread
from tests.factories import AccountFactory, MembershipFactory, PostFactory
from tests.world import reply


def moderation_paths(
    item: str, action: str, kind: str, target: str, held: str = "held-id"
) -> dict[str, str]:
    return {
        "queue": reverse("moderation:queue"),
        "item": reverse("moderation:item", args=[item]),
        "confirm": reverse("moderation:act", args=[item]),
        "audit": reverse("moderation:audit"),
        "notice": reverse("moderation:notice", args=[action]),
        "my reports": reverse("moderation:my_reports"),
        "in place": reverse("moderation:act_on_content", args=[kind, target]),
        "appeals": reverse("moderation:appeals"),
        "held": reverse("moderation:held"),
        "held item": reverse("moderation:held_item", args=[held]),
        "transparency": reverse("moderation:transparency"),
    }


def audited_paths() -> list[str]:
    """Every moderation path audited here, for tests/community/test_accessibility_coverage.py
    (any public ids do: it only resolves them)."""
    return list(moderation_paths("item-id", "action-id", "post", "post-id").values())


@dataclass
class ModerationWorld:
    chat: ChatWorld
    moderator: Account
    host: Membership
    thread: Thread
    post: Post
    item: ReviewItem
    action: Action
    held: HeldContent


def build(chat: ChatWorld) -> ModerationWorld:
    message = send(chat.blocked, chat.room, "Something loud.")
    item = flag_content(
        reporter=chat.other_member.persona.account,
        target=message,
        reason="harassment",
        note="Third time this week.",
    ).item
    moderator = AccountFactory(role=Account.Role.MODERATOR)
    host = MembershipFactory(
        group=chat.host.group,
        role=Membership.Role.HOST,
        persona__name="Kind Lantern",
        persona__account__role=Account.Role.ADVOCATE,
    )
    post = PostFactory(
        thread__group=chat.host.group,
        thread__author=chat.member.persona,
        author=chat.member.persona,
        body="A thread to moderate.",
    )
    flagged_post = flag_content(
        reporter=chat.other_member.persona.account, target=post, reason="spam"
    ).item
    action = take_action(
        moderator=moderator,
        item=flagged_post,
        kind="warn",
        rule="spam",
        message="Please keep it on topic.",
        hosted=hosted_space_ids(moderator),
    )
    # A reply the identity filter holds: a row of the queue, with its own page.
    held_reply = reply(chat.other_member, post.thread, "Write to dan.hughes@bigco.com")
    held = HeldContent.objects.get(object_id=held_reply.pk)
    return ModerationWorld(chat, moderator, host, post.thread, post, item, action, held)


def test_the_moderators_pages_pass_the_audit(page_as, chat_world):
    world = in_thread(build, chat_world)
    paths = moderation_paths(
        world.item.public_id, world.action.public_id, "post", "none", world.held.public_id
    )
    page = page_as(world.moderator)
    for name in ("queue", "item", "audit", "appeals", "held", "held item"):
        response = page.goto(paths[name])
        assert response is not None and response.status == 200, name
        assert_no_violations(page, name)
    page.goto(paths["item"])
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    assert_no_violations(page, "item with errors")
    page.get_by_label("Hide the content").check()
    page.get_by_label("Rule").select_option("harassment")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("button", name="Confirm")).to_be_visible()
    assert page.url.endswith(paths["confirm"])
    assert_no_violations(page, "confirmation")


def test_the_hosts_forms_in_place_pass_the_audit(page_as, chat_world):
    world = in_thread(build, chat_world)
    post = world.post
    page = page_as(world.host.persona.account)
    page.goto(world.thread.get_absolute_url())
    post_card = page.locator(f"#post-{post.public_id}")
    post_card.get_by_role("link", name="Hide or remove this post").click()
    assert page.url.endswith(moderation_paths("x", "x", "post", post.public_id)["in place"])
    assert_no_violations(page, "hide or remove a post")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    assert_no_violations(page, "hide or remove a post, with errors")
    page.get_by_label("Hide the content").check()
    page.get_by_label("Rule").select_option("spam")
    page.get_by_role("button", name="Continue").click()
    assert_no_violations(page, "confirmation in place")
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("A moderator hid this post.")).to_be_visible()
    page.get_by_role("link", name="Lock…").click()
    assert_no_violations(page, "lock a thread")


def test_the_members_notice_and_reports_pass_the_audit(page_as, chat_world):
    world = in_thread(build, chat_world)
    paths = moderation_paths(world.item.public_id, world.action.public_id, "post", "none")
    author = page_as(world.chat.member.persona.account)
    response = author.goto(paths["notice"])
    assert response is not None and response.status == 200
    assert_no_violations(author, "notice")
    flagger = page_as(world.chat.other_member.persona.account)
    response = flagger.goto(paths["my reports"])
    assert response is not None and response.status == 200
    expect(flagger.locator("main")).to_contain_text("A message in")
    assert_no_violations(flagger, "my reports")


def test_the_public_transparency_page_passes_the_audit(page_as, chat_world):
    in_thread(build, chat_world)  # actions and flags this month: the page still shows months
    page = page_as(None)
    response = page.goto(moderation_paths("x", "x", "post", "x")["transparency"])
    assert response is not None and response.status == 200
    assert_no_violations(page, "transparency")
