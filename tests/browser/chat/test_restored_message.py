"""A hidden chat message comes back to the pages that have the room open when an appeal
overturns the hide, in its place and once, without reloading: a host hides it from the queue's
item page, it disappears from another member's open room, its author appeals from the notice,
a site moderator overturns, and it is back between the messages it was sent between."""

from playwright.sync_api import Page, expect

from community.models import Account
from groups.models import Membership
from moderation.models import Action
from moderation.services import flag_content
from tests.browser.chat.conftest import send
from tests.browser.chat.test_moderation_flow import decide, enter_room
from tests.browser.threads import in_thread
from tests.factories import AccountFactory, MembershipFactory

WORDS = "He said the review was about my attitude, not my work."


def room_texts(page: Page) -> list[str]:
    return page.locator("[data-chat-room] article.chat-message .post-body").all_inner_texts()


def test_an_overturned_hide_puts_the_message_back_in_the_open_room_once(page_as, chat_world):
    send(chat_world.member, chat_world.room, "Before it.")
    message = send(chat_world.member, chat_world.room, WORDS)
    send(chat_world.member, chat_world.room, "After it.")
    item = in_thread(
        lambda: (
            flag_content(
                reporter=chat_world.blocked.persona.account, target=message, reason="harassment"
            ).item
        )
    )
    host = in_thread(
        MembershipFactory,
        group=chat_world.host.group,
        role=Membership.Role.HOST,
        persona__name="Kind Lantern",
        persona__account__role=Account.Role.ADVOCATE,
    )
    reviewer = in_thread(AccountFactory, role=Account.Role.MODERATOR)

    reader = page_as(chat_world.other_member.persona.account)
    enter_room(reader, chat_world)
    expect(reader.locator("[data-chat-room]")).to_contain_text(WORDS)

    # The host hides it from the item page: gone from the reader's open room.
    moderating = page_as(host.persona.account)
    moderating.goto(f"/moderation/items/{item.public_id}/")
    decide(moderating, "Hide the content")
    expect(reader.locator("[data-chat-room]")).not_to_contain_text(WORDS)

    # Its author appeals from the notice; a site moderator overturns.
    action = in_thread(lambda: Action.objects.get(item=item, kind=Action.Kind.HIDE))
    author = page_as(chat_world.member.persona.account)
    author.goto(f"/moderation/notices/{action.public_id}/")
    author.get_by_label("Your appeal").fill("I was quoting my manager, to ask for advice.")
    author.get_by_role("button", name="Send my appeal").click()
    expect(author.get_by_text("Your appeal is sent.")).to_be_visible()
    appeal = in_thread(lambda: Action.objects.get(pk=action.pk).appeal)
    deciding = page_as(reviewer)
    deciding.goto(f"/moderation/appeals/{appeal.public_id}/")
    deciding.get_by_label("Overturn: undo what can be undone").check()
    deciding.get_by_label("Reason (the member reads it)").fill("Quoting to ask for advice.")
    deciding.get_by_role("button", name="Decide").click()
    expect(deciding.get_by_text("Decided.")).to_be_visible()

    # Back in the reader's room, without a reload, once and in its place.
    expect(reader.locator("[data-chat-room]")).to_contain_text(WORDS)
    expect(reader.locator("[data-chat-room] article.chat-message", has_text=WORDS)).to_have_count(1)
    texts = room_texts(reader)
    assert texts.index("Before it.") < texts.index(WORDS) < texts.index("After it.")
    assert texts.count(WORDS) == 1
    # The room stayed connected throughout: no reload, no reconnect.
    expect(reader.locator("[data-chat-status]")).to_have_text("Connected.")
