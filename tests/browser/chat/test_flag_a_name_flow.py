"""A member's name, end to end through the real daphne server: another member flags it from
beside their post (and blocks them in the same step), a site moderator resets it from the
queue, and the member's open chat tab reconnects under the new name, which is the one the
others see on what they send next; their notice says what happened and why. The moderator's
pages never show the account's name in another group. axe audits the flag page, the name's
review item and the notice."""

from django.urls import reverse
from playwright.sync_api import expect

from community.models import Account, Persona
from moderation.models import Action
from tests.browser.chat.conftest import ChatWorld
from tests.browser.chat.test_chat_accessibility import assert_no_violations
from tests.browser.chat.test_moderation_flow import decide, enter_room
from tests.browser.threads import in_thread
from tests.factories import AccountFactory, MembershipFactory, PostFactory


def name_now(world: ChatWorld) -> str:
    return in_thread(lambda: Persona.objects.get(pk=world.member.persona.pk).name)


def test_a_flagged_name_is_reset_and_the_open_chat_tab_takes_the_new_one(page_as, chat_world):
    post = in_thread(
        PostFactory,
        thread__group=chat_world.member.group,
        thread__author=chat_world.host.persona,
        author=chat_world.member.persona,
        body="Call me by my name.",
    )
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

    # Another member flags the name beside the post, and blocks its owner in the same step.
    flagger = page_as(chat_world.other_member.persona.account)
    flagger.goto(post.thread.get_absolute_url())
    article = flagger.locator(f"#post-{post.public_id}")
    article.get_by_role("link", name="Flag name").click()
    expect(flagger.get_by_role("heading", level=1)).to_contain_text("Flag the name Steady Otter")
    assert_no_violations(flagger, "flag a name")
    flagger.get_by_label("Shares someone's personal information").check()
    flagger.get_by_label("Also block this person here").check()
    flagger.get_by_role("button", name="Send to moderators").click()
    expect(flagger.get_by_role("heading", level=1)).to_contain_text("Thank")

    # The moderator finds it in the queue and resets the name.
    moderator = page_as(moderator_account)
    moderator.goto("/moderation/")
    moderator.get_by_role("link", name="Persona").click()
    expect(moderator.locator("main")).to_contain_text("The name Steady Otter")
    expect(moderator.locator("main")).to_contain_text("Call me by my name.")
    decide(moderator, "Reset the name")
    new_name = name_now(chat_world)
    assert new_name != "Steady Otter"
    expect(moderator.locator("main")).to_contain_text(new_name)
    assert_no_violations(moderator, "a name's review item")

    # The member's open tab is told, reconnects, and what they send carries the new name.
    expect(author.locator("[data-chat-error]")).to_contain_text("changed your name")
    expect(author.locator("[data-chat-status]")).to_have_text("Connected.")
    author.get_by_label("Your message").fill("Still here, under a new name.")
    author.get_by_role("button", name="Send").click()
    sent = reader.locator("[data-chat-room] article.chat-message", has_text="under a new name")
    expect(sent).to_contain_text(new_name)
    expect(reader.locator("[data-chat-room]")).not_to_contain_text("Steady Otter")

    # The moderator's pages never named the account's other persona or an email.
    for path in ("/moderation/", "/moderation/audit/"):
        moderator.goto(path)
        text = moderator.locator("body").inner_text()
        assert "Distant Comet" not in text
        assert "@example.test" not in text.replace("moderator@example.test", "")

    # The member's notice: their name in that group was reset, under which rule, and to what.
    action = in_thread(lambda: Action.objects.get(kind="hide").public_id)
    author.goto(reverse("moderation:notice", args=[action]))
    main = author.locator("main")
    expect(main).to_contain_text("Reset the name in Women in engineering")
    expect(main).to_contain_text("Zero tolerance of harassment")
    expect(main).to_contain_text(f"Your name there is now {new_name}.")
    assert "Distant Comet" not in main.inner_text()
    assert_no_violations(author, "the notice of a reset name")
