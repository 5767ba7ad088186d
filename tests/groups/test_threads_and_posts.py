import pytest

from community.models import Account, Notification
from groups.models import Membership, Post, Thread
from tests.clients import client_for
from tests.factories import BlockFactory, GroupFactory, MembershipFactory
from tests.pages import page_text
from tests.world import reply, start_thread

pytestmark = pytest.mark.django_db


def test_a_member_starts_a_thread_and_sees_it_rendered_from_markdown(group):
    member = MembershipFactory(group=group, persona__name="Calm Lynx 3")
    client = client_for(member)
    response = client.post(
        f"/groups/{group.slug}/threads/new/",
        {"title": "First week back", "body": "It was **hard**, but I made it."},
        follow=True,
    )
    page = response.content.decode()
    assert "First week back" in page
    assert "<strong>hard</strong>" in page
    assert "Calm Lynx 3" in page
    assert group.threads.count() == 1


def test_a_reply_appears_in_the_thread(group):
    author, replier = (
        MembershipFactory(group=group),
        MembershipFactory(group=group, persona__name="Kind Heron 5"),
    )
    thread = start_thread(author)
    response = client_for(replier).post(
        f"/groups/{group.slug}/threads/{thread.public_id}/reply/",
        {"body": "Sending you strength."},
        follow=True,
    )
    page = response.content.decode()
    assert "Sending you strength." in page
    assert "Kind Heron 5" in page


def test_threads_are_listed_pinned_first_then_by_newest_activity(group):
    member = MembershipFactory(group=group)
    old = start_thread(member, title="Old thread")
    pinned = start_thread(member, title="Pinned thread")
    newest = start_thread(member, title="Newest thread")
    reply(member, old)  # activity brings it above "Newest thread"
    Thread.objects.filter(pk=pinned.pk).update(is_pinned=True)
    page = client_for(member).get(f"/groups/{group.slug}/").content.decode()
    positions = [page.index(title) for title in ("Pinned thread", "Old thread", "Newest thread")]
    assert positions == sorted(positions)
    assert newest.title in page


def test_posts_are_paginated(group, settings):
    settings.GROUPS_POSTS_PER_PAGE = 3
    member = MembershipFactory(group=group)
    thread = start_thread(member, body="post number 0")
    for number in range(1, 5):
        reply(member, thread, body=f"post number {number}")
    client = client_for(member)
    first_response = client.get(f"/groups/{group.slug}/threads/{thread.public_id}/")
    second_response = client.get(f"/groups/{group.slug}/threads/{thread.public_id}/?page=2")
    first, second = first_response.content.decode(), second_response.content.decode()
    assert first_response.status_code == second_response.status_code == 200
    assert "post number 2" in first and "post number 3" not in first
    assert "post number 3" in second and "post number 4" in second
    assert "Page 1 of 2" in first
    assert '<a href="?page=2" rel="next">Later posts</a>' in first
    assert '<a href="?page=1" rel="prev">Earlier posts</a>' in second


def test_a_host_pins_and_locks_and_a_locked_thread_takes_no_replies(group):
    host = MembershipFactory(
        group=group, role=Membership.Role.HOST, persona__account__role=Account.Role.ADVOCATE
    )
    member = MembershipFactory(group=group)
    thread = start_thread(member)
    host_client = client_for(host)
    host_client.post(f"/groups/{group.slug}/threads/{thread.public_id}/pin/")
    host_client.post(
        f"/moderation/act/thread/{thread.public_id}/",
        {"kind": "lock", "rule": "kindness", "confirm": "yes"},
    )
    thread.refresh_from_db()
    assert thread.is_pinned and thread.is_locked

    response = client_for(member).post(
        f"/groups/{group.slug}/threads/{thread.public_id}/reply/", {"body": "One more thing"}
    )
    assert response.status_code == 400
    assert "This thread is locked." in response.content.decode()
    assert thread.posts.count() == 1


def test_a_member_cannot_pin_or_lock(group):
    member = MembershipFactory(group=group)
    thread = start_thread(member)
    response = client_for(member).post(f"/groups/{group.slug}/threads/{thread.public_id}/lock/")
    assert response.status_code == 404
    thread.refresh_from_db()
    assert not thread.is_locked


def test_editing_your_post_shows_edited(group):
    member = MembershipFactory(group=group)
    thread = start_thread(member, body="Frist draft")
    post = thread.posts.get()
    client = client_for(member)
    response = client.post(
        f"/groups/{group.slug}/posts/{post.public_id}/edit/", {"body": "First draft"}, follow=True
    )
    page = page_text(response)
    assert "First draft" in page and "Frist draft" not in page
    assert "edited" in page


def test_someone_else_cannot_edit_or_delete_your_post(group):
    author, other = MembershipFactory(group=group), MembershipFactory(group=group)
    post = start_thread(author).posts.get()
    client = client_for(other)
    assert client.get(f"/groups/{group.slug}/posts/{post.public_id}/edit/").status_code == 404
    assert client.post(f"/groups/{group.slug}/posts/{post.public_id}/delete/").status_code == 404
    post.refresh_from_db()
    assert post.deleted_at is None


def test_a_deleted_post_shows_that_it_was_deleted_and_its_text_is_gone(group):
    author, reader = MembershipFactory(group=group), MembershipFactory(group=group)
    thread = start_thread(author)
    post = reply(author, thread, body="Something I regret saying")
    client_for(author).post(f"/groups/{group.slug}/posts/{post.public_id}/delete/")
    page = client_for(reader).get(f"/groups/{group.slug}/threads/{thread.public_id}/")
    text = page_text(page)
    assert "This post was deleted" in text
    assert "Something I regret saying" not in text
    post.refresh_from_db()
    assert post.body == "" and post.body_html == ""


def test_a_content_warning_collapses_the_post_in_details(group):
    member = MembershipFactory(group=group)
    thread = start_thread(member, body="What happened at the offsite.", content_warning="assault")
    page = client_for(member).get(f"/groups/{group.slug}/threads/{thread.public_id}/")
    text = page_text(page)
    details = text.index('<details class="content-warning">')
    assert "Content warning: <bdi>assault</bdi>" in text
    assert details < text.index("What happened at the offsite.") < text.index("</details>")
    assert '<details class="content-warning" open' not in text


def test_posts_of_a_blocked_persona_are_folded_for_the_blocker_only(group):
    blocker, blocked, bystander = (
        MembershipFactory(group=group),
        MembershipFactory(group=group),
        MembershipFactory(group=group),
    )
    thread = start_thread(bystander)
    reply(blocked, thread, body="A reply the blocker sees folded")
    BlockFactory(blocker=blocker.persona.account, persona=blocked.persona)
    url = f"/groups/{group.slug}/threads/{thread.public_id}/"
    for_blocker = client_for(blocker).get(url)
    assert for_blocker.status_code == 200
    assert for_blocker.content.decode().count("Hidden: you blocked this person") == 1
    for_bystander = client_for(bystander).get(url).content.decode()
    assert "A reply the blocker sees folded" in for_bystander
    assert "Hidden: you blocked this person" not in for_bystander
    # And the blocked account is told nothing.
    seen_by_blocked = client_for(blocked).get(url).content.decode()
    assert "A reply the blocker sees folded" in seen_by_blocked
    assert "Hidden" not in seen_by_blocked
    assert "blocked you" not in seen_by_blocked


def test_earlier_authors_are_notified_of_a_reply_by_persona_name(group):
    author, replier = (
        MembershipFactory(group=group),
        MembershipFactory(group=group, persona__name="Kind Heron 5"),
    )
    thread = start_thread(author, title="Back at work")
    reply(replier, thread)
    note = Notification.objects.get(account=author.persona.account)
    assert note.kind == "reply"
    assert "Kind Heron 5" in note.text and "Back at work" in note.text
    assert replier.persona.account.email not in note.text
    assert not Notification.objects.filter(account=replier.persona.account).exists()


def test_someone_who_blocked_the_replier_is_not_notified(group):
    author, replier = MembershipFactory(group=group), MembershipFactory(group=group)
    thread = start_thread(author)
    BlockFactory(blocker=author.persona.account, persona=replier.persona)
    reply(replier, thread)
    assert not Notification.objects.exists()


def test_an_over_long_post_keeps_its_text_and_says_why(group, settings):
    settings.GROUPS_MAX_POST_CHARS = 50
    member = MembershipFactory(group=group)
    thread = start_thread(member)
    text = "I wanted to say so much more than fifty characters allow, really."
    response = client_for(member).post(
        f"/groups/{group.slug}/threads/{thread.public_id}/reply/", {"body": text}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "at most 50 characters" in page
    assert text in page
    assert thread.posts.count() == 1


def test_an_over_long_title_keeps_the_text_and_says_why(group, settings):
    settings.GROUPS_MAX_TITLE_CHARS = 10
    member = MembershipFactory(group=group)
    response = client_for(member).post(
        f"/groups/{group.slug}/threads/new/",
        {"title": "A title far too long", "body": "The body I wrote carefully."},
    )
    page = response.content.decode()
    assert "at most 10 characters" in page
    assert "A title far too long" in page and "The body I wrote carefully." in page
    assert not Thread.objects.exists()


def test_posting_is_rate_limited_per_account_across_groups(settings):
    settings.GROUPS_POST_RATE = "3/m"
    first_group, second_group = GroupFactory(), GroupFactory()
    first = MembershipFactory(group=first_group)
    # The same account, a different persona in another group: the limit is shared.
    second = MembershipFactory(group=second_group, persona__account=first.persona.account)
    thread = start_thread(first)
    reply(first, thread)
    other_thread = start_thread(second)
    client = client_for(second)
    response = client.post(
        f"/groups/{second_group.slug}/threads/{other_thread.public_id}/reply/",
        {"body": "Words I don't want to lose"},
    )
    page = response.content.decode()
    assert "posting faster than this group allows (3 per minute)" in page
    assert "Words I don&#x27;t want to lose" in page
    assert Post.objects.count() == 3


def test_posting_limits_of_one_account_do_not_touch_another(settings, group):
    settings.GROUPS_POST_RATE = "1/m"
    first, second = MembershipFactory(group=group), MembershipFactory(group=group)
    start_thread(first)
    thread = start_thread(second)
    assert thread.posts.count() == 1


def test_a_reply_moves_the_thread_and_group_activity_forward(group):
    member = MembershipFactory(group=group)
    thread = start_thread(member)
    before = Thread.objects.get(pk=thread.pk).last_activity
    reply(member, thread)
    thread.refresh_from_db()
    group.refresh_from_db()
    assert thread.last_activity > before
    assert group.last_activity == thread.last_activity


def test_a_groups_threads_are_paginated_newest_first(group, settings):
    settings.GROUPS_THREADS_PER_PAGE = 2
    member = MembershipFactory(group=group)
    for number in range(3):
        start_thread(member, title=f"thread number {number}")
    client = client_for(member)
    first_response = client.get(f"/groups/{group.slug}/")
    second_response = client.get(f"/groups/{group.slug}/?page=2")
    first, second = first_response.content.decode(), second_response.content.decode()
    assert first_response.status_code == second_response.status_code == 200
    assert "thread number 2" in first and "thread number 0" not in first
    assert "thread number 0" in second
    assert '<a href="?page=2" rel="next">Older</a>' in first
    assert '<a href="?page=1" rel="prev">Newer</a>' in second
