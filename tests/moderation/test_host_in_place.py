"""Hosts moderate their own group from the thread page: hide or delete a post, lock a thread
with a rule (its author is told, and the page tells its authors why Edit is gone), unlock. All
through moderation's action service, logged; anyone else gets 404."""

import pytest
from django.urls import reverse

from community.models import Account, Notification
from groups.models import Membership, Post, Thread
from moderation.models import Action, AuditEntry, ReviewItem
from tests.factories import MembershipFactory, PostFactory
from tests.moderation.conftest import flag
from tests.pages import page_text

pytestmark = pytest.mark.django_db


def act_url(kind, target):
    return reverse("moderation:act_on_content", args=[kind, target.public_id])


def confirm(client, kind, target, action, rule="harassment", message=""):
    data = {"kind": action, "rule": rule, "message": message}
    return client.post(act_url(kind, target), {**data, "confirm": "yes"})


@pytest.fixture
def thread(post, author):
    Thread.objects.filter(pk=post.thread_id).update(author=author.persona)
    return Thread.objects.get(pk=post.thread_id)


def test_the_thread_page_offers_a_host_hide_and_lock_links(client, host, post, thread):
    client.force_login(host.persona.account)
    page = page_text(client.get(thread.get_absolute_url()))
    assert act_url("post", post) in page
    assert act_url("thread", thread) in page


def test_members_see_no_host_links_and_get_404(client, author, flagger, post, thread):
    client.force_login(flagger.persona.account)
    page = page_text(client.get(thread.get_absolute_url()))
    assert act_url("post", post) not in page
    assert act_url("thread", thread) not in page
    assert client.get(act_url("post", post)).status_code == 404
    assert confirm(client, "post", post, "hide").status_code == 404
    assert Post.objects.get(pk=post.pk).hidden_at is None


def test_a_host_of_another_group_gets_404(client, post, thread):
    other = MembershipFactory(
        role=Membership.Role.HOST, persona__account__role=Account.Role.ADVOCATE
    )
    client.force_login(other.persona.account)
    for kind, target in (("post", post), ("thread", thread)):
        assert client.get(act_url(kind, target)).status_code == 404
        response = confirm(client, kind, target, "hide" if kind == "post" else "lock")
        assert response.status_code == 404
    assert not Action.objects.exists()
    assert not AuditEntry.objects.exists()


def test_a_host_hides_a_post_in_two_steps_and_it_is_logged(client, host, author, post):
    client.force_login(host.persona.account)
    data = {"kind": "hide", "rule": "harassment", "message": "Please be kind."}
    preview = page_text(client.post(act_url("post", post), data))
    assert "Confirm" in preview
    assert Post.objects.get(pk=post.pk).hidden_at is None  # nothing done before confirming
    response = confirm(client, "post", post, "hide", message="Please be kind.")
    assert response.status_code == 302
    assert Post.objects.get(pk=post.pk).hidden_at is not None
    action = Action.objects.get()
    assert (action.kind, action.persona, action.moderator) == (
        "hide",
        author.persona,
        host.persona.account,
    )
    entry = AuditEntry.objects.get()
    assert (entry.event, entry.actor_role, entry.persona_name) == (
        "action.hide",
        "host",
        "Sharp Hawk",
    )
    assert Notification.objects.filter(account=author.persona.account).exists()
    thread_page = page_text(client.get(post.thread.get_absolute_url()))
    assert "You should all be quiet." not in thread_page


def test_a_host_deletes_a_post(client, host, post):
    client.force_login(host.persona.account)
    assert confirm(client, "post", post, "delete").status_code == 302
    assert Post.objects.get(pk=post.pk).deleted_at is not None
    assert AuditEntry.objects.get().event == "action.delete"


def test_acting_on_a_flagged_post_decides_its_open_item(client, host, post, item):
    client.force_login(host.persona.account)
    confirm(client, "post", post, "hide")
    assert ReviewItem.objects.count() == 1
    assert ReviewItem.objects.get().status == ReviewItem.Status.DECIDED
    assert Action.objects.get().item == item


def test_locking_tells_the_author_why_and_the_page_explains_the_missing_edit_link(
    client, host, author, post, thread
):
    client.force_login(host.persona.account)
    assert "Unlock" not in page_text(client.get(act_url("thread", thread)))
    assert confirm(client, "thread", thread, "lock", message="Cooling off.").status_code == 302
    thread.refresh_from_db()
    assert thread.is_locked
    assert thread.lock_reason == "Zero tolerance of harassment"
    assert AuditEntry.objects.get().event == "action.lock"
    notice = Notification.objects.get(account=author.persona.account)
    assert "locked your thread" in notice.text
    client.force_login(author.persona.account)
    page = page_text(client.get(thread.get_absolute_url()))
    assert "Zero tolerance of harassment" in page
    assert "why your Edit links are gone" in page
    assert reverse("groups:edit_post", args=[thread.group.slug, post.public_id]) not in page
    assert "Cooling off." in page_text(client.get(notice.url))


def test_other_members_see_the_lock_but_not_its_rule(client, host, flagger, thread):
    client.force_login(host.persona.account)
    confirm(client, "thread", thread, "lock")
    client.force_login(flagger.persona.account)
    page = page_text(client.get(thread.get_absolute_url()))
    assert "Locked" in page
    assert "Zero tolerance of harassment" not in page


def test_unlock_is_logged_and_notifies_nobody(client, host, author, thread):
    client.force_login(host.persona.account)
    confirm(client, "thread", thread, "lock")
    assert "Unlock" in page_text(client.get(act_url("thread", thread)))
    assert confirm(client, "thread", thread, "lock").status_code == 400  # already locked
    assert confirm(client, "thread", thread, "unlock").status_code == 302
    thread.refresh_from_db()
    assert (thread.is_locked, thread.lock_reason) == (False, "")
    events = list(AuditEntry.objects.order_by("pk").values_list("event", flat=True))
    assert events == ["action.lock", "action.unlock"]
    assert Notification.objects.filter(account=author.persona.account).count() == 1


def test_unlocking_leaves_open_flags_on_the_thread_open(client, host, flagger, thread):
    client.force_login(host.persona.account)
    confirm(client, "thread", thread, "lock")
    open_item = flag(flagger, Thread.objects.get(pk=thread.pk)).item
    confirm(client, "thread", thread, "unlock")
    assert ReviewItem.objects.get(pk=open_item.pk).status == ReviewItem.Status.OPEN


def test_the_old_lock_button_is_gone(client, host, thread):
    client.force_login(host.persona.account)
    url = reverse("groups:moderate_thread", args=[thread.group.slug, thread.public_id, "lock"])
    assert client.post(url).status_code == 404
    assert not Thread.objects.get(pk=thread.pk).is_locked


def test_a_host_cannot_act_on_their_own_post(client, host, thread):
    own = PostFactory(thread=thread, author=host.persona, body="Mine.")
    client.force_login(host.persona.account)
    page = page_text(client.get(thread.get_absolute_url()))
    assert act_url("post", own) not in page
    assert client.get(act_url("post", own)).status_code == 404


def test_bad_input_keeps_the_message_and_says_why(client, host, post):
    client.force_login(host.persona.account)
    response = client.post(
        act_url("post", post),
        {"kind": "hide", "rule": "", "message": "Kept words", "confirm": "yes"},
    )
    page = page_text(response, status=400)
    assert "Please choose the rule this is about." in page
    assert "Kept words" in page
    assert Post.objects.get(pk=post.pk).hidden_at is None


def test_the_page_shows_no_email_or_other_persona(client, host, author, post):
    MembershipFactory(persona__account=author.persona.account, persona__name="Elsewhere Name")
    client.force_login(host.persona.account)
    for response in (
        client.get(act_url("post", post)),
        client.post(act_url("post", post), {"kind": "hide", "rule": "harassment"}),
    ):
        page = page_text(response)
        assert "author@example.test" not in page
        assert "Elsewhere Name" not in page
    assert "Sharp Hawk" in page_text(client.get(act_url("post", post)))


def test_the_page_costs_a_fixed_number_of_queries(client, host, post, django_assert_num_queries):
    client.force_login(host.persona.account)
    client.get(act_url("post", post))
    with django_assert_num_queries(14):
        page_text(client.get(act_url("post", post)))


def test_an_item_made_in_place_says_nobody_flagged_it(client, host, post, moderator):
    client.force_login(host.persona.account)
    confirm(client, "post", post, "hide")
    client.force_login(moderator)
    item = ReviewItem.objects.get()
    page = page_text(client.get(reverse("moderation:item", args=[item.public_id])))
    assert "Nobody flagged this" in page
    assert "0 members flagged this" not in page


def test_a_lock_can_be_appealed_and_an_overturn_opens_the_thread_but_an_unlock_cannot(
    client, host, author, thread, moderator
):
    from moderation.appeals import can_appeal, decide_appeal, submit_appeal

    client.force_login(host.persona.account)
    confirm(client, "thread", thread, "lock")
    lock = Action.objects.get(kind="lock")
    appeal = submit_appeal(account=author.persona.account, action=lock, text="It was on topic.")
    decide_appeal(
        reviewer=appeal.reviewer or moderator,
        appeal=appeal,
        outcome="overturned",
        reason="It was on topic.",
    )
    thread.refresh_from_db()
    assert (thread.is_locked, thread.lock_reason) == (False, "")
    confirm(client, "thread", thread, "lock")
    confirm(client, "thread", thread, "unlock")
    assert not can_appeal(author.persona.account, Action.objects.get(kind="unlock"))
