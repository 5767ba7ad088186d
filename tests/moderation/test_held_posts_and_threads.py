"""Identity exposure holds a reply, a thread or an edit for review (issue #11, "Automatic
filters"): the author is told why and can edit it; nobody else sees it, in any page or count,
until a moderator releases it or the author edits it clean.
"""

import pytest

from community.errors import NotAllowed
from community.models import Account, Notification
from groups.models import Membership, Post, Thread
from moderation.filters.services import reject_held, release_held
from moderation.models import HeldContent
from tests.clients import client_for
from tests.factories import AccountFactory, GroupFactory, MembershipFactory
from tests.pages import page_text
from tests.world import reply, start_thread

pytestmark = pytest.mark.django_db

EXPOSING = "The manager who did this is dan.hughes@bigco.com, write to him."
CLEAN = "The manager who did this knows what he did."


@pytest.fixture
def group():
    return GroupFactory(name="Night shift", slug="night-shift")


@pytest.fixture
def author(group):
    return MembershipFactory(group=group, persona__name="Quiet Heron")


@pytest.fixture
def reader(group):
    return MembershipFactory(group=group, persona__name="Amber Finch")


@pytest.fixture
def thread(group, reader):
    return start_thread(reader, title="Night shift check-in", body="How is everyone?")


def _reply_url(thread) -> str:
    return f"/groups/night-shift/threads/{thread.public_id}/reply/"


def test_a_reply_with_an_email_is_held_and_its_author_is_told_why_with_an_edit_link(thread, author):
    response = client_for(author).post(_reply_url(thread), {"body": EXPOSING}, follow=True)
    page = page_text(response)
    post = Post.objects.get(author=author.persona)
    assert post.held_at is not None
    assert "Waiting for review: only you can see this post." in page
    assert "looks like it contains an email address" in page
    assert f"/groups/night-shift/posts/{post.public_id}/edit/" in page
    # The author's words are all there to edit.
    edit_page = page_text(
        client_for(author).get(f"/groups/night-shift/posts/{post.public_id}/edit/")
    )
    assert "dan.hughes@bigco.com" in edit_page


def test_a_held_reply_is_seen_by_nobody_else_anywhere(thread, author, reader):
    client_for(author).post(_reply_url(thread), {"body": EXPOSING})
    post = Post.objects.get(author=author.persona)
    other = client_for(reader)
    thread_page = page_text(other.get(thread.get_absolute_url()))
    assert "dan.hughes" not in thread_page
    assert post.public_id not in thread_page
    assert "Waiting for review" not in thread_page
    group_page = page_text(other.get("/groups/night-shift/"))
    assert "1 post ·" in group_page  # the opening post only: a held reply is not counted
    # Every door to the post is shut for them: edit, delete, flag, react.
    for path in (
        f"/groups/night-shift/posts/{post.public_id}/edit/",
        f"/moderation/flag/post/{post.public_id}/",
    ):
        assert other.get(path).status_code == 404
    # The thread's earlier author is not told of a reply they cannot see.
    assert not Notification.objects.filter(account=reader.persona.account).exists()


def test_a_held_reply_reaches_the_moderators_as_held_content_with_a_persona_only(thread, author):
    response = client_for(author).post(_reply_url(thread), {"body": EXPOSING})
    assert response.status_code == 302
    post = Post.objects.get(author=author.persona)
    held = HeldContent.objects.get()
    assert held.kind == "post"
    assert held.target == post
    assert held.reason == HeldContent.Reason.PERSONAL_INFO
    assert held.author == author.persona
    assert held.space_id == thread.group.space_id
    assert held.status == HeldContent.Status.HELD
    assert held.content["body"] == EXPOSING
    assert author.persona.account.email not in str(held.content) + held.detail + held.message


def test_editing_a_held_reply_clean_publishes_it(thread, author, reader):
    client_for(author).post(_reply_url(thread), {"body": EXPOSING})
    post = Post.objects.get(author=author.persona)
    response = client_for(author).post(
        f"/groups/night-shift/posts/{post.public_id}/edit/", {"body": CLEAN}, follow=True
    )
    assert "Waiting for review" not in page_text(response)
    assert CLEAN in page_text(client_for(reader).get(thread.get_absolute_url()))
    assert HeldContent.objects.get().status == HeldContent.Status.CLEARED
    assert Notification.objects.filter(account=reader.persona.account).count() == 1


def test_editing_a_published_reply_to_add_a_phone_number_holds_it(thread, author, reader):
    post = reply(author, thread, CLEAN)
    client_for(author).post(
        f"/groups/night-shift/posts/{post.public_id}/edit/",
        {"body": "Call him on +1 415 555 2671 and tell him."},
    )
    post.refresh_from_db()
    assert post.held_at is not None
    assert "a phone number" in post.held_reason
    page = page_text(client_for(reader).get(thread.get_absolute_url()))
    assert "415" not in page and CLEAN not in page


def test_a_thread_with_a_profile_link_is_held_and_listed_for_its_author_only(group, author, reader):
    response = client_for(author).post(
        "/groups/night-shift/threads/new/",
        {"title": "About my old lead", "body": "It's https://www.linkedin.com/in/dan-hughes"},
        follow=True,
    )
    page = page_text(response)
    assert "Waiting for review: only you can see this thread." in page
    assert "a link to a personal profile" in page
    thread = Thread.objects.get(title="About my old lead")
    opening = thread.posts.get()
    assert f"/groups/night-shift/posts/{opening.public_id}/edit/" in page
    assert "Waiting for review" in page_text(client_for(author).get("/groups/night-shift/"))
    other = client_for(reader)
    assert "About my old lead" not in page_text(other.get("/groups/night-shift/"))
    assert other.get(thread.get_absolute_url()).status_code == 404
    assert other.get(f"/groups/night-shift/posts/{opening.public_id}/edit/").status_code == 404
    assert other.get(f"/moderation/flag/thread/{thread.public_id}/").status_code == 404
    held = HeldContent.objects.get()
    assert (held.kind, held.target) == ("thread", thread)


def test_editing_the_first_post_of_a_held_thread_clean_publishes_the_thread(group, author, reader):
    client_for(author).post(
        "/groups/night-shift/threads/new/",
        {"title": "About my old lead", "body": "He is on x.com/danhughes"},
    )
    thread = Thread.objects.get()
    opening = thread.posts.get()
    client_for(author).post(
        f"/groups/night-shift/posts/{opening.public_id}/edit/", {"body": "He knows."}
    )
    thread.refresh_from_db()
    assert thread.held_at is None
    assert "About my old lead" in page_text(client_for(reader).get("/groups/night-shift/"))


def test_a_held_title_stays_held_after_an_edit_of_the_body(group, author, reader):
    client_for(author).post(
        "/groups/night-shift/threads/new/",
        {"title": "Call him: +44 7911 123456", "body": "He knows."},
    )
    thread = Thread.objects.get()
    opening = thread.posts.get()
    client_for(author).post(
        f"/groups/night-shift/posts/{opening.public_id}/edit/", {"body": "He really knows."}
    )
    thread.refresh_from_db()
    assert thread.held_at is not None
    assert client_for(reader).get(thread.get_absolute_url()).status_code == 404


def test_a_moderator_releases_a_held_reply_and_then_everyone_sees_it(thread, author, reader):
    client_for(author).post(_reply_url(thread), {"body": EXPOSING})
    moderator = AccountFactory(role=Account.Role.MODERATOR)
    release_held(moderator=moderator, held=HeldContent.objects.get())
    page = page_text(client_for(reader).get(thread.get_absolute_url()))
    assert "dan.hughes@bigco.com" in page
    assert HeldContent.objects.get().status == HeldContent.Status.RELEASED
    assert Notification.objects.filter(account=reader.persona.account).count() == 1


def test_a_moderator_keeps_a_held_reply_back(thread, author, reader):
    client_for(author).post(_reply_url(thread), {"body": EXPOSING})
    moderator = AccountFactory(role=Account.Role.MODERATOR)
    reject_held(moderator=moderator, held=HeldContent.objects.get())
    assert "dan.hughes" not in page_text(client_for(reader).get(thread.get_absolute_url()))
    assert "dan.hughes" in page_text(client_for(author).get(thread.get_absolute_url()))


def test_only_this_groups_hosts_and_site_moderators_may_release(thread, author, group):
    client_for(author).post(_reply_url(thread), {"body": EXPOSING})
    held = HeldContent.objects.get()
    elsewhere_host = MembershipFactory(group=GroupFactory(slug="elsewhere"), role="host")
    plain_member = MembershipFactory(group=group)
    for outsider in (elsewhere_host.persona.account, plain_member.persona.account):
        with pytest.raises(NotAllowed):
            release_held(moderator=outsider, held=held)
    host = MembershipFactory(group=group, role=Membership.Role.HOST)
    release_held(moderator=host.persona.account, held=held)
    held.refresh_from_db()
    assert held.status == HeldContent.Status.RELEASED
    with pytest.raises(NotAllowed):  # decided once
        release_held(moderator=host.persona.account, held=held)


def test_clean_text_is_published_as_before(thread, author, reader):
    client_for(author).post(_reply_url(thread), {"body": "Version 1.2.3.4 broke on 2024-05-01."})
    assert "Version 1.2.3.4" in page_text(client_for(reader).get(thread.get_absolute_url()))
    assert not HeldContent.objects.exists()


def test_the_authors_export_holds_what_was_held_and_nobody_elses_does(thread, author, reader):
    from community.services.accounts import export_account_data

    reply(author, thread, EXPOSING)
    mine = export_account_data(author.persona.account)["held_for_review"]
    assert [entry["content"]["body"] for entry in mine] == [EXPOSING]
    assert export_account_data(reader.persona.account)["held_for_review"] == []


def test_deleting_the_account_and_its_writing_takes_what_waits_for_review(thread, author):
    from community.services.accounts import delete_account

    reply(author, thread, EXPOSING)
    delete_account(account=author.persona.account, keep_content=False)
    assert not HeldContent.objects.exists()
    assert "dan.hughes" not in str(Post.objects.values_list("body", flat=True))


def test_the_author_is_told_of_the_decision_and_never_by_whom(thread, author):
    reply(author, thread, EXPOSING)
    moderator = AccountFactory(role=Account.Role.MODERATOR)
    release_held(moderator=moderator, held=HeldContent.objects.get())
    notification = Notification.objects.get(account=author.persona.account)
    assert "A moderator published your reply in" in notification.text
    assert "Night shift" in notification.text
    assert notification.url.endswith(f"#post-{Post.objects.get(author=author.persona).public_id}")
    assert moderator.email not in notification.text


def test_a_kept_back_reply_tells_its_author_only_they_see_it(thread, author):
    reply(author, thread, EXPOSING)
    reject_held(
        moderator=AccountFactory(role=Account.Role.MODERATOR), held=HeldContent.objects.get()
    )
    notification = Notification.objects.get(account=author.persona.account)
    assert "kept back your reply" in notification.text
    assert "only you can see it" in notification.text


def test_a_held_reply_its_author_deletes_leaves_the_queue(thread, author):
    post = reply(author, thread, EXPOSING)
    response = client_for(author).post(f"/groups/night-shift/posts/{post.public_id}/delete/")
    assert response.status_code == 302
    held = HeldContent.objects.get()
    assert held.status == HeldContent.Status.WITHDRAWN
    moderator = AccountFactory(role=Account.Role.MODERATOR)
    assert "dan.hughes" not in page_text(client_for(moderator).get("/moderation/held/"))
