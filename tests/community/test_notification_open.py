"""Opening a notification: read, and on the exact post as it is now; gone targets vanish."""

import pytest
from django.utils import timezone

from community.models import Notification
from community.services.blocks import block_persona
from groups import flagging
from groups.models import Membership, Post
from groups.services import membership as membership_services
from groups.services import posts as post_services
from tests.clients import client_for
from tests.factories import AccountFactory, GroupFactory, MembershipFactory
from tests.pages import page_text
from tests.world import reply, start_thread

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _roomy_rates(settings):
    settings.GROUPS_POST_RATE = "1000/m"
    settings.GROUPS_POSTS_PER_PAGE = 3


@pytest.fixture
def group():
    return GroupFactory(name="Night shift", slug="night-shift")


@pytest.fixture
def starter(group):
    return MembershipFactory(group=group, persona__name="Grey Heron")


@pytest.fixture
def replier(group):
    return MembershipFactory(group=group, persona__name="Quiet River")


@pytest.fixture
def thread(starter):
    return start_thread(starter, title="Late rotas again")


@pytest.fixture
def notice(thread, replier, starter):
    reply(replier, thread, "One")
    post = reply(replier, thread, "Two")
    return Notification.objects.get(account=starter.persona.account, subject_id=post.pk)


def open_url(notification):
    return f"/notifications/{notification.public_id}/open/"


def bell(client) -> str:
    return page_text(client.get("/notifications/"))


def test_the_list_says_which_thread_and_links_each_notice_to_open(notice, starter):
    page = bell(client_for(starter))

    assert "<bdi>Quiet River</bdi> replied in “<bdi>Late rotas again</bdi>”" in page
    assert f'href="{open_url(notice)}"' in page


def test_opening_marks_it_read_and_lands_on_the_post_with_its_anchor(notice, starter):
    client = client_for(starter)

    response = client.get(open_url(notice))

    post = notice.subject
    assert response.status_code == 302
    assert response.url == (
        f"/groups/night-shift/threads/{post.thread.public_id}/?page=1#post-{post.public_id}"
    )
    notice.refresh_from_db()
    assert notice.read_at is not None
    # Two replies, two notices: the one opened is off the bell.
    assert '<span class="badge">1</span>' in page_text(client.get("/"))


def test_the_target_is_computed_when_opened_so_it_follows_the_post_to_its_page(
    notice, starter, settings
):
    settings.GROUPS_POSTS_PER_PAGE = 1  # now the third post is on page 3

    response = client_for(starter).get(open_url(notice))

    assert f"?page=3#post-{notice.subject.public_id}" in response.url


def test_someone_elses_notification_is_404_like_an_unknown_one(notice, replier):
    other = client_for(replier)

    assert other.get(open_url(notice)).status_code == 404
    assert other.get("/notifications/AAAAAAAAAAAAAAAA/open/").status_code == 404
    notice.refresh_from_db()
    assert notice.read_at is None


def test_a_visitor_is_sent_to_log_in(client, notice):
    response = client.get(open_url(notice))

    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_a_deleted_post_takes_its_notice_away_from_the_list_and_the_bell(notice, starter, replier):
    client = client_for(starter)
    assert '<span class="badge">2</span>' in page_text(client.get("/"))

    post_services.delete_post(membership=replier, post=notice.subject)

    assert not Notification.objects.filter(pk=notice.pk).exists()
    assert '<span class="badge">1</span>' in page_text(client.get("/"))


def test_a_post_hidden_by_a_moderator_takes_its_notice_away(notice):
    flagging.hide_post(notice.subject)

    assert not Notification.objects.filter(pk=notice.pk).exists()


def test_a_hidden_thread_takes_every_notice_about_its_posts_away(notice, thread, starter):
    flagging.hide_thread(thread)

    assert not Notification.objects.filter(account=starter.persona.account).exists()


def test_leaving_the_group_takes_its_notices_away_but_not_others(notice, starter, replier):
    elsewhere = GroupFactory()
    mine = MembershipFactory(group=elsewhere, persona__account=starter.persona.account)
    theirs = MembershipFactory(group=elsewhere)
    other_thread = start_thread(mine, title="Elsewhere")
    reply(theirs, other_thread, "Hi")

    membership_services.leave_group(membership=starter)

    remaining = Notification.objects.filter(account=starter.persona.account)
    assert [n.subject.thread for n in remaining] == [other_thread]


def test_a_removed_member_loses_the_groups_notices(notice, starter):
    flagging.remove_from_group(starter.persona)

    assert not Notification.objects.filter(account=starter.persona.account).exists()


def test_a_post_put_on_hold_by_an_edit_takes_its_notices_away(notice, replier):
    post_services.edit_post(
        membership=replier, post=notice.subject, body="write to dan.hughes@bigco.com"
    )

    assert not Notification.objects.filter(pk=notice.pk).exists()


def test_a_target_gone_without_cleanup_says_so_instead_of_404(notice, starter):
    # A path that skipped the write-time cleanup (e.g. a direct update): the open-time check.
    Post.objects.filter(pk=notice.subject_id).update(hidden_at=timezone.now())
    client = client_for(starter)

    response = client.get(open_url(notice), follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == "/notifications/"
    assert "That is no longer there" in page_text(response)
    assert not Notification.objects.filter(pk=notice.pk).exists()


def test_a_membership_ended_without_cleanup_says_so_too(notice, starter):
    Membership.objects.filter(pk=starter.pk).update(status=Membership.Status.LEFT)

    response = client_for(starter).get(open_url(notice), follow=True)

    assert "That is no longer there" in page_text(response)


def test_a_notice_from_a_persona_blocked_since_is_gone_from_list_bell_and_door(notice, starter):
    client = client_for(starter)
    block_persona(blocker=starter.persona.account, persona=notice.actor_persona)

    assert "Quiet River" not in bell(client)
    assert '<span class="badge">' not in page_text(client.get("/"))
    assert client.get(open_url(notice)).status_code == 404


def test_a_reaction_notice_names_the_thread_and_opens_on_the_post(thread, starter, replier):
    from groups.services.reactions import toggle_reaction

    opening = thread.posts.get()
    toggle_reaction(membership=replier, post=opening, kind="support")
    notice = Notification.objects.get(account=starter.persona.account, kind="reaction")

    page = bell(client_for(starter))
    response = client_for(starter).get(open_url(notice))

    assert response.status_code == 302
    assert "Someone reacted to your post in “<bdi>Late rotas again</bdi>”" in page
    assert "Quiet River" not in page
    assert response.url.endswith(f"#post-{opening.public_id}")


def test_opening_costs_a_few_queries_whatever_the_thread(
    notice, starter, django_assert_max_num_queries
):
    client = client_for(starter)
    client.get("/")

    with django_assert_max_num_queries(9):
        client.get(open_url(notice))


def test_the_notifications_page_costs_the_same_for_many_notices(
    starter, thread, replier, django_assert_num_queries
):
    client = client_for(starter)
    reply(replier, thread, "one")
    client.get("/notifications/")
    with django_assert_num_queries(5) as first:
        client.get("/notifications/")
    for number in range(10):
        reply(replier, thread, f"more {number}")
    with django_assert_num_queries(len(first.captured_queries)):
        client.get("/notifications/")


def test_the_page_and_redirect_show_no_other_persona_or_email(group, thread, starter):
    account = AccountFactory(email="river.real@example.org")
    river = MembershipFactory(group=group, persona__account=account, persona__name="Quiet River")
    elsewhere = MembershipFactory(
        group=GroupFactory(), persona__account=account, persona__name="Other Name"
    )
    reply(river, thread, "@Grey Heron hello")
    client = client_for(starter)

    page = bell(client)
    notice = Notification.objects.get(account=starter.persona.account)
    opened = client.get(open_url(notice))
    assert opened.status_code == 302
    target = opened.url

    for secret in ("river.real", "Other Name", elsewhere.persona.public_id):
        assert secret not in page
        assert secret not in target
