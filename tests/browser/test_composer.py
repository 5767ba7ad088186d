"""The composer in a browser: preview in place (JavaScript), quoting a selection or a whole
post, the prompt before leaving unsent text (and none when sending or on quick exit), and
errors that open at the form."""

import pytest
from playwright.sync_api import Page, expect

from groups.models import Post
from tests.browser.test_groups_accessibility import violations_on
from tests.browser.test_layout import DESKTOP, PHONE
from tests.browser.test_signup_and_quick_exit import expect_on_neutral_site
from tests.browser.threads import in_thread
from tests.world import World, reply

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def thread_path(world: World) -> str:
    return f"/groups/{world.open_group.slug}/threads/{world.thread.public_id}/"


def reply_box(page: Page):
    return page.locator("#reply textarea[name='body']")


def test_preview_shows_the_rendered_text_without_leaving_the_page(page_as, live_server, world):
    page = page_as(world.other_member)
    page.goto(thread_path(world))
    url = page.url
    reply_box(page).fill("I was **so** nervous.\n\n> what they said")

    page.locator("#reply").get_by_role("button", name="Preview").click()

    region = page.locator("#reply [data-preview-region]")
    expect(region.locator("strong")).to_have_text("so")
    expect(region.locator("blockquote")).to_contain_text("what they said")
    assert region.get_attribute("aria-live") == "polite"
    assert page.url == url
    expect(reply_box(page)).to_have_value("I was **so** nervous.\n\n> what they said")
    assert in_thread(Post.objects.count) == 3
    assert not violations_on(page)


def test_a_preview_that_cannot_be_shown_says_why_in_place(page_as, live_server, world):
    page = page_as(world.other_member)
    page.goto(f"/groups/{world.open_group.slug}/threads/new/")
    page.get_by_label("Your post").fill("No title yet")

    page.get_by_role("button", name="Preview").click()

    expect(page.locator("[data-preview-region]")).to_contain_text(
        "Please give your thread a title."
    )
    expect(page.get_by_label("Your post")).to_have_value("No title yet")


def test_quote_puts_the_selected_text_of_a_post_in_the_reply_box(page_as, live_server, world):
    page = page_as(world.member)
    page.goto(thread_path(world))
    article = page.locator(f"#post-{world.others_post.public_id}")
    # Select "same happened" inside the post's text.
    article.locator(".post-body p").evaluate(
        """(paragraph) => {
            const text = paragraph.firstChild;
            const start = text.textContent.indexOf("same happened");
            const range = document.createRange();
            range.setStart(text, start);
            range.setEnd(text, start + "same happened".length);
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
        }"""
    )

    article.locator("a.quote-link").click()

    expect(reply_box(page)).to_have_value("Steady Lark wrote:\n\n> same happened\n\n")
    expect(reply_box(page)).to_be_focused()
    assert "quote=" not in page.url


def test_quote_without_a_selection_puts_the_whole_posts_markdown(page_as, live_server, world):
    page = page_as(world.member)
    page.goto(thread_path(world))
    reply_box(page).fill("Thank you.")

    page.locator(f"#post-{world.others_post.public_id} a.quote-link").click()

    expect(reply_box(page)).to_have_value(
        "Thank you.\n\nSteady Lark wrote:\n\n> The same happened to me. **You are not alone.**\n\n"
    )


def test_the_quote_link_works_without_javascript(browser, site_url, live_server, world):
    from tests.browser.conftest import add_session

    context = browser.new_context(base_url=site_url, java_script_enabled=False)
    try:
        add_session(context, site_url, world.member)
        page = context.new_page()
        page.goto(thread_path(world))
        page.locator(f"#post-{world.others_post.public_id} a.quote-link").click()
        expect(reply_box(page)).to_have_value(
            "Steady Lark wrote:\n\n> The same happened to me. **You are not alone.**\n\n"
        )
    finally:
        context.close()


def test_leaving_with_unsent_text_asks_first(page_as, live_server, world):
    page = page_as(world.other_member)
    page.goto(thread_path(world))
    dialogs = []

    def answer(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", answer)
    page.wait_for_load_state("load")  # composer.js (deferred) listens from here on
    reply_box(page).fill("Something I have not sent yet")
    # Waits for the prompt itself (`answer` dismisses it), not for a fixed time: under load a
    # fixed wait can end before Chromium shows it.
    with page.expect_event("dialog"):
        page.get_by_role("link", name=world.open_group.name).first.click()

    assert dialogs == ["beforeunload"]
    assert page.url.endswith(thread_path(world))
    expect(reply_box(page)).to_have_value("Something I have not sent yet")


def test_sending_or_an_untouched_form_leaves_without_asking(page_as, live_server, world):
    page = page_as(world.other_member)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.accept()))
    page.goto(thread_path(world))
    page.get_by_role("link", name=world.open_group.name).first.click()
    page.wait_for_url(f"**/groups/{world.open_group.slug}/")
    page.goto(thread_path(world))
    reply_box(page).fill("Sent at once")
    page.get_by_role("button", name="Post reply").click()
    expect(page.get_by_text("Sent at once")).to_be_visible()

    assert dialogs == []


def test_quick_exit_never_waits_for_the_prompt(page_as, live_server, world):
    page = page_as(world.other_member)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.goto(thread_path(world))
    reply_box(page).fill("Half a sentence")

    page.locator("#quick-exit").click()

    expect_on_neutral_site(page)
    assert dialogs == []


def test_an_error_opens_the_page_at_the_form_with_the_text_focused(page_as, live_server, world):
    page = page_as(world.other_member, viewport=PHONE)
    in_thread(lambda: reply(world.member_membership, world.thread, "Filler.\n\n" * 30))
    page.goto(thread_path(world))
    # The same text twice in a row is refused as a double send.
    in_thread(
        lambda: reply(world.others_post.author.membership, world.thread, "Same words, twice.")
    )
    reply_box(page).fill("Same words, twice.")
    page.get_by_role("button", name="Post reply").click()

    error = page.locator("#reply").get_by_text("You just posted this same text")
    expect(error).to_be_in_viewport()
    expect(reply_box(page)).to_be_in_viewport()
    page.wait_for_function(
        "() => document.activeElement && document.activeElement.id === 'id_body'"
    )
    expect(reply_box(page)).to_have_value("Same words, twice.")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
def test_the_history_and_a_preview_pass_axe(page_as, live_server, world, viewport):
    from groups.services import posts as post_services

    in_thread(
        lambda: post_services.edit_post(
            membership=world.member_membership, post=world.own_post, body="Edited, *gently*."
        )
    )
    page = page_as(world.member, viewport=viewport)
    page.on("dialog", lambda dialog: dialog.accept())  # leaving the previewed text
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.goto(f"/groups/{world.open_group.slug}/posts/{world.own_post.public_id}/history/")
        expect(page.get_by_role("heading", level=1)).to_contain_text("Earlier versions")
        assert not violations_on(page), scheme
        page.goto(thread_path(world))
        reply_box(page).fill("> a quote\n\n`code` and **bold**")
        page.locator("#reply").get_by_role("button", name="Preview").click()
        expect(page.locator("#reply .preview")).to_be_visible()
        assert not violations_on(page), scheme


def test_text_sent_back_after_an_error_still_asks_before_leaving(page_as, live_server, world):
    page = page_as(world.other_member)
    page.goto(f"/groups/{world.open_group.slug}/threads/new/")
    page.get_by_label("Your post").fill("A draft without a title")
    page.get_by_role("button", name="Preview").click()  # (a full page without JavaScript too)
    expect(page.locator("[data-preview-region]")).to_contain_text("Please give")
    page.goto(f"/groups/{world.open_group.slug}/threads/new/")  # untouched: no prompt
    page.evaluate("() => document.querySelector('form[data-composer]').submit()")
    expect(page.get_by_text("Please give your thread a title.")).to_be_visible()
    dialogs = []

    def answer(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", answer)
    page.wait_for_load_state("load")  # composer.js (deferred) listens from here on
    with page.expect_event("dialog"):
        page.get_by_role("link", name="Cancel").click()

    assert dialogs == ["beforeunload"]
