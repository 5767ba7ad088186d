"""The issue's end-to-end moderation test, through the real daphne server and consumer: a
member flags a chat message, a site moderator hides it from the queue and then suspends its
author, whose open chat tab is closed (4007) with a clear message and takes no more input.
Nobody's email or other persona shows on the moderator's pages."""

from playwright.sync_api import Page, expect

from community.models import Account
from tests.browser.chat.conftest import ChatWorld, send
from tests.browser.threads import in_thread
from tests.factories import AccountFactory, MembershipFactory

SUSPENDED = "Your account is suspended, so you can't take part in live rooms."


def enter_room(page: Page, world: ChatWorld) -> None:
    page.goto(world.room_path())
    expect(page.locator("[data-chat-status]")).to_have_text("Connected.")


def decide(page: Page, action: str, days: int | None = None) -> None:
    """On the item page: choose `action` under the harassment rule, continue, confirm."""
    page.get_by_label(action).check()
    page.get_by_label("Rule").select_option("harassment")
    if days is not None:
        page.get_by_label("For how many days (mute and suspension)").fill(str(days))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name=f"{action}?")).to_be_visible()
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text(f"Done: {action.lower()}.")).to_be_visible()


def test_a_flagged_chat_message_is_hidden_from_the_queue_and_its_suspended_author_is_disconnected(
    page_as, chat_world
):
    words = "Nobody believes you anyway."
    send(chat_world.member, chat_world.room, words)
    # The author has a persona elsewhere too: it never shows on a moderator's page.
    in_thread(
        MembershipFactory,
        persona__account=chat_world.member.persona.account,
        persona__name="Distant Comet",
    )
    moderator_account = in_thread(
        AccountFactory, role=Account.Role.MODERATOR, email="moderator@example.test"
    )

    author = page_as(chat_world.member.persona.account)
    reader = page_as(chat_world.host.persona.account)
    for page in (author, reader):
        enter_room(page, chat_world)

    # A member flags the message from the live room.
    flagger = page_as(chat_world.other_member.persona.account)
    enter_room(flagger, chat_world)
    message = flagger.locator("[data-chat-room] article.chat-message", has_text=words)
    message.get_by_role("link", name="Flag").click()
    flagger.get_by_label("Harassment or bullying").check()
    flagger.get_by_role("button", name="Send to moderators").click()
    expect(flagger.get_by_role("heading", level=1)).to_contain_text("Thank")

    # The moderator finds it in the queue and hides it.
    moderator = page_as(moderator_account)
    moderator.goto("/moderation/")
    expect(moderator.get_by_role("link", name="Moderation")).to_contain_text("1")
    moderator.get_by_role("link", name="Message").click()
    expect(moderator.get_by_text("1 member flagged this")).to_be_visible()
    expect(moderator.locator("main")).to_contain_text(words)
    expect(moderator.locator("main")).to_contain_text("Steady Otter")
    decide(moderator, "Hide the content")
    expect(reader.locator("[data-chat-room]")).not_to_contain_text(words)

    # ... and suspends its author, whose open tab is closed with the reason.
    decide(moderator, "Suspend the account", days=3)
    expect(author.locator("[data-chat-status]")).to_have_text(SUSPENDED)
    expect(author.get_by_role("button", name="Send")).to_be_disabled()
    # The others stay connected.
    expect(reader.locator("[data-chat-status]")).to_have_text("Connected.")

    # The moderator's pages never named the account or its other persona.
    for path in ("/moderation/", moderator.url, "/moderation/audit/"):
        moderator.goto(path)
        text = moderator.locator("body").inner_text()
        assert "Distant Comet" not in text
        assert "@example.test" not in text.replace("moderator@example.test", "")
