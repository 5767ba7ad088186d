"""axe-core on the chat pages, as the people who use them: the live room (a member with a
content-warned and a folded message, the host with its controls), a quiet room, a session that
is not open yet (read-only), and the hosts' schedule and edit forms, with errors showing too.

The same standard as the groups pages (tests/browser/test_groups_accessibility.py): serious
and critical violations fail, and so do the guarded moderate rules.
"""

from django.urls import reverse
from playwright.sync_api import Page, expect

from chat import services
from tests.browser.chat.conftest import ChatWorld, send
from tests.browser.test_groups_accessibility import violations_on
from tests.browser.threads import in_thread


def chat_paths(slug: str, live: str, upcoming: str, quiet: str) -> dict[str, str]:
    """The audited chat paths by what they are, from the group's slug and rooms' public ids."""
    return {
        "live room": reverse("chat:room", kwargs={"slug": slug, "room_public_id": live}),
        "quiet room": reverse("chat:room", kwargs={"slug": slug, "room_public_id": quiet}),
        "read-only room": reverse("chat:room", kwargs={"slug": slug, "room_public_id": upcoming}),
        "schedule": reverse("chat:schedule", kwargs={"slug": slug}),
        "edit": reverse("chat:edit", kwargs={"slug": slug, "room_public_id": upcoming}),
    }


def audited_paths() -> list[str]:
    """Every kind of chat path audited here, for tests/community/test_accessibility_coverage.py
    (any slug and ids do: it only resolves them)."""
    return list(chat_paths("a-group", "live-id", "upcoming-id", "quiet-id").values())


def paths_of(world: ChatWorld, quiet_public_id: str = "none") -> dict[str, str]:
    return chat_paths(
        world.host.group.slug,
        world.live.room.public_id,
        world.upcoming.room.public_id,
        quiet_public_id,
    )


def assert_no_violations(page: Page, where: str) -> None:
    found = violations_on(page)
    assert not found, f"{where} ({page.url}):\n" + "\n".join(found)


def open_live_room(page: Page, path: str) -> None:
    response = page.goto(path)
    assert response is not None and response.status == 200, f"{path}: {response}"
    expect(page.locator("[data-chat-status]")).to_have_text("Connected.")


def test_the_live_room_passes_the_audit_for_a_member_and_for_the_host(page_as, chat_world):
    send(chat_world.blocked, chat_world.room, "Something loud.")
    send(chat_world.member, chat_world.room, "A hard day.", content_warning="panic")
    path = paths_of(chat_world)["live room"]

    member = page_as(chat_world.other_member.persona.account)
    open_live_room(member, path)
    live_room = member.locator("[data-chat-room]")
    expect(live_room.get_by_text("Hidden: you blocked this person")).to_have_count(1)
    expect(member.locator("[data-chat-room] details.content-warning")).to_have_count(1)
    assert_no_violations(member, "live room, member")
    member.locator("[data-chat-room] details.content-warning summary").click()
    live_room.get_by_text("Hidden: you blocked this person").click()
    assert_no_violations(member, "live room, member, folded messages opened")

    host = page_as(chat_world.host.persona.account)
    open_live_room(host, path)
    expect(host.get_by_role("button", name="End the session")).to_have_count(1)
    expect(host.get_by_role("button", name="Mute Steady Otter")).to_have_count(1)
    assert_no_violations(host, "live room, host")


def test_the_live_room_passes_with_an_error_beside_the_composer(page_as, chat_world):
    page = page_as(chat_world.member.persona.account)
    open_live_room(page, paths_of(chat_world)["live room"])
    page.get_by_label("Your message").fill("x" * 5000)
    page.get_by_label("Your message").press("Enter")
    expect(page.get_by_role("alert")).not_to_be_empty()
    assert_no_violations(page, "live room with a send error")


def test_a_quiet_room_passes_the_audit(page_as, chat_world):
    request = in_thread(
        services.request_quiet_room,
        account=chat_world.member.persona.account,
        membership=chat_world.member,
        session=chat_world.live,
    )
    quiet_room = in_thread(services.accept_quiet_room, membership=chat_world.host, request=request)
    page = page_as(chat_world.member.persona.account)
    open_live_room(page, paths_of(chat_world, quiet_room.public_id)["quiet room"])
    expect(page.get_by_role("heading", name="Quiet room")).to_have_count(1)
    assert_no_violations(page, "quiet room")


def test_a_room_not_open_yet_passes_the_audit_read_only(page_as, chat_world):
    page = page_as(chat_world.member.persona.account)
    response = page.goto(paths_of(chat_world)["read-only room"])
    assert response is not None and response.status == 200
    expect(page.get_by_text("Read-only until the session starts.")).to_have_count(1)
    expect(page.locator("[data-chat-room]")).to_have_count(0)
    assert_no_violations(page, "read-only room")


def test_the_schedule_and_edit_forms_pass_with_and_without_errors(page_as, chat_world):
    page = page_as(chat_world.host.persona.account)
    paths = paths_of(chat_world)
    for name in ("schedule", "edit"):
        response = page.goto(paths[name])
        assert response is not None and response.status == 200, name
        assert_no_violations(page, name)
    page.goto(paths["schedule"])
    page.get_by_label("Title").fill("Evening check-in")
    page.get_by_label("Starts (UTC)").fill("2099-01-01T20:00")
    page.get_by_label("Ends (UTC)").fill("2099-01-01T19:00")
    page.get_by_role("button", name="Schedule").click()
    expect(page.get_by_text("The end must be after the start.")).to_be_visible()
    assert_no_violations(page, "schedule form with errors")
