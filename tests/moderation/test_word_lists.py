"""Word lists, site-wide and per group (issue #11, "Automatic filters"): each entry blocks
(with a message), holds for review, or publishes and flags; matching is whole-word,
case-insensitive and NFKC-normalized; a group's list acts in that group only; staff edit the
site's list and a group's hosts their group's, on a small page.
"""

import uuid

import pytest
from django.core.exceptions import ValidationError

from chat import services as chat_services
from community.errors import NotAllowed
from community.screening import Blocked
from groups.models import Membership, Post, Thread
from moderation.filters import screen
from moderation.filters.models import WordListEntry
from moderation.filters.wordlist_services import add_word, remove_word
from moderation.models import Flag, HeldContent
from tests.clients import client_for
from tests.factories import AccountFactory, GroupFactory, MembershipFactory
from tests.pages import page_text
from tests.world import reply, start_thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def group():
    return GroupFactory(name="Night shift", slug="night-shift")


@pytest.fixture
def other_group():
    return GroupFactory(name="Day shift", slug="day-shift")


@pytest.fixture
def staff():
    return AccountFactory(is_staff=True)


@pytest.fixture
def host(group):
    return MembershipFactory(group=group, role=Membership.Role.HOST, persona__name="Willow Harbor")


@pytest.fixture
def member(group):
    return MembershipFactory(group=group, persona__name="Quiet Heron")


@pytest.fixture
def thread(member):
    return start_thread(member, title="Check-in", body="How is everyone?")


def _site_word(staff, pattern, action, message=""):
    return add_word(actor=staff, space=None, pattern=pattern, action=action, message=message)


def _group_word(host, pattern, action, message=""):
    space = host.group.space
    return add_word(
        actor=host.persona.account, space=space, pattern=pattern, action=action, message=message
    )


# Matching


@pytest.mark.parametrize(
    "text",
    ["You SCAB.", "you scab", "ｓｃａｂ!", "sc\u200bab", "a scab, really", "Scab"],
)
def test_an_entry_matches_whatever_the_case_width_or_hidden_characters(staff, group, text):
    _site_word(staff, "scab", "hold")
    assert screen(text, space=group.space).action == "hold"


@pytest.mark.parametrize("text", ["scabbard", "scabs", "the mascab", "sca b"])
def test_an_entry_matches_whole_words_only(staff, group, text):
    _site_word(staff, "scab", "hold")
    assert screen(text, space=group.space).action == "publish"


def test_a_phrase_matches_across_any_spaces(staff, group):
    _site_word(staff, "go  away", "hold")
    assert screen("just GO\n away", space=group.space).action == "hold"
    assert screen("go, away", space=group.space).action == "publish"


# Scopes


def test_a_groups_list_acts_in_that_group_only(host, group, other_group):
    _group_word(host, "rollout", "block", "We don't talk about the rollout here.")
    assert screen("the rollout", space=group.space).action == "block"
    assert screen("the rollout", space=other_group.space).action == "publish"


def test_the_site_list_acts_in_every_group(staff, group, other_group):
    _site_word(staff, "rollout", "hold")
    assert screen("the rollout", space=group.space).action == "hold"
    assert screen("the rollout", space=other_group.space).action == "hold"


def test_the_strictest_entry_wins(staff, host, group):
    _site_word(staff, "rollout", "flag")
    _group_word(host, "rollout", "block")
    assert screen("the rollout", space=group.space).action == "block"


# Actions on each path


def test_a_blocked_reply_keeps_its_text_in_the_form_and_tells_why(staff, thread, member):
    _site_word(staff, "scab", "block", "Please don't call people that here.")
    response = client_for(member).post(
        f"/groups/night-shift/threads/{thread.public_id}/reply/",
        {"body": "He is a scab and everyone knows it."},
    )
    page = page_text(response, 400)
    assert "Please don&#x27;t call people that here." in page
    assert "He is a scab and everyone knows it." in page
    assert Post.objects.filter(thread=thread).count() == 1


def test_a_blocked_thread_keeps_title_and_body_in_the_form(staff, member):
    _site_word(staff, "scab", "block")
    response = client_for(member).post(
        "/groups/night-shift/threads/new/",
        {"title": "My scab of a manager", "body": "Long story."},
    )
    page = page_text(response)
    assert "not allowed here" in page
    assert "My scab of a manager" in page and "Long story." in page
    assert not Thread.objects.filter(title__contains="scab").exists()


def test_a_blocked_edit_keeps_the_edited_text(staff, thread, member):
    _site_word(staff, "scab", "block")
    post = thread.posts.get()
    response = client_for(member).post(
        f"/groups/night-shift/posts/{post.public_id}/edit/", {"body": "scab scab"}
    )
    assert "scab scab" in page_text(response)
    post.refresh_from_db()
    assert post.body == "How is everyone?"


def test_a_held_word_holds_the_reply_for_review(staff, thread, member):
    _site_word(staff, "layoffs", "hold")
    post = reply(member, thread, "The layoffs list is out.")
    assert post.held_at is not None
    held = HeldContent.objects.get()
    assert held.reason == HeldContent.Reason.WORD_LIST
    assert "layoffs" in held.detail


def test_a_flagging_word_publishes_and_flags_without_a_reporter(staff, thread, member):
    _site_word(staff, "lawyer", "flag")
    post = reply(member, thread, "I talked to a lawyer today.")
    assert post.held_at is None
    flag = Flag.objects.get()
    assert flag.target == post
    assert flag.reporter is None
    assert "lawyer" in flag.note
    assert flag.snapshot["body"] == "I talked to a lawyer today."


def test_a_blocked_chat_message_is_refused_and_not_stored(host, group):
    from tests.chat.conftest import schedule

    _group_word(host, "scab", "block", "Not that word, please.")
    session = chat_services.open_session(membership=host, session=schedule(host))
    with pytest.raises(Blocked, match="Not that word"):
        chat_services.send_message(
            account=host.persona.account,
            membership=host,
            room=session.room,
            body="what a scab",
            client_id=uuid.uuid4(),
        )
    assert not session.room.messages.exists()


# Editing the lists


def test_only_staff_edit_the_site_list_and_only_hosts_their_groups(
    staff, host, member, group, other_group
):
    with pytest.raises(NotAllowed):
        add_word(actor=member.persona.account, space=None, pattern="x1", action="hold")
    with pytest.raises(NotAllowed):
        add_word(actor=member.persona.account, space=group.space, pattern="x1", action="hold")
    with pytest.raises(NotAllowed):  # staff are not inside groups
        add_word(actor=staff, space=group.space, pattern="x1", action="hold")
    with pytest.raises(NotAllowed):  # a host of one group, not of another
        add_word(actor=host.persona.account, space=other_group.space, pattern="x1", action="hold")
    entry = _group_word(host, "x1", "hold")
    with pytest.raises(NotAllowed):
        remove_word(actor=staff, entry=entry)
    remove_word(actor=host.persona.account, entry=entry)
    assert not WordListEntry.objects.exists()


@pytest.mark.parametrize(
    ("pattern", "action", "error"),
    [
        ("", "hold", "Please write a word or phrase."),
        ("   ", "hold", "Please write a word or phrase."),
        ("!!!", "hold", "at least one letter or digit"),
        ("x" * 101, "hold", "at most 100 characters"),
        ("fine", "delete", "Choose what happens"),
    ],
)
def test_bad_entries_are_refused_clearly(staff, pattern, action, error):
    with pytest.raises(ValidationError, match=error):
        _site_word(staff, pattern, action)


def test_the_same_word_twice_in_one_list_is_refused_but_fine_in_another(staff, host):
    _site_word(staff, "Scab", "hold")
    with pytest.raises(ValidationError, match="on the list already"):
        _site_word(staff, "ＳＣＡＢ", "block")
    _group_word(host, "scab", "block")


def test_staff_add_and_remove_on_the_site_page(staff, client):
    client.force_login(staff)
    response = client.post(
        "/moderation/words/",
        {"pattern": "scab", "action": "block", "message": "No."},
        follow=True,
    )
    assert "scab" in page_text(response)
    entry = WordListEntry.objects.get()
    assert entry.space is None
    client.post(f"/moderation/words/{entry.public_id}/remove/")
    assert not WordListEntry.objects.exists()


def test_a_bad_entry_on_the_page_keeps_what_was_typed(staff, client):
    client.force_login(staff)
    response = client.post("/moderation/words/", {"pattern": "x" * 101, "action": "hold"})
    page = page_text(response, 400)
    assert "x" * 101 in page
    assert "at most 100 characters" in page


def test_a_host_edits_their_groups_list_from_the_group_page(host, group):
    client = client_for(host)
    group_page = page_text(client.get("/groups/night-shift/"))
    url = f"/moderation/words/group/{group.space.public_id}/"
    assert url in group_page
    response = client.post(url, {"pattern": "rollout", "action": "hold"}, follow=True)
    page = page_text(response)
    assert "rollout" in page and "Night shift" in page
    assert WordListEntry.objects.get().space == group.space


def test_who_may_not_edit_a_list_finds_no_page(staff, host, member, group, other_group):
    group_url = f"/moderation/words/group/{group.space.public_id}/"
    entry = _group_word(host, "rollout", "hold")
    other_host = MembershipFactory(group=other_group, role=Membership.Role.HOST)
    for person in (member.persona.account, staff, other_host.persona.account):
        client = client_for(person)
        assert client.get(group_url).status_code == 404
        assert client.post(f"/moderation/words/{entry.public_id}/remove/").status_code == 404
    for person in (member.persona.account, host.persona.account):
        assert client_for(person).get("/moderation/words/").status_code == 404
    assert WordListEntry.objects.count() == 1


def test_the_list_pages_run_a_fixed_number_of_queries(
    staff, host, group, django_assert_num_queries
):
    for number in range(20):
        _site_word(staff, f"word{number}", "hold")
        _group_word(host, f"word{number}", "hold")
    client = client_for(staff)
    # session, user, the Moderation link's open count (site moderator), the bell, the entries
    with django_assert_num_queries(5):
        client.get("/moderation/words/")
    client = client_for(host)
    # session, user, the space, its host, its name, the bell, the entries (this host is no
    # advocate, so the Moderation link asks nothing: moderation.policies.may_host)
    with django_assert_num_queries(7):
        client.get(f"/moderation/words/group/{group.space.public_id}/")


def test_editing_a_flagged_reply_again_does_not_flag_it_twice(staff, thread, member):
    from groups.services.posts import edit_post

    _site_word(staff, "lawyer", "flag")
    post = reply(member, thread, "I talked to a lawyer today.")
    edit_post(membership=member, post=post, body="I talked to a lawyer again.")
    assert Flag.objects.count() == 1
