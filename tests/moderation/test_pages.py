"""The queue, its filters, the item page and the two-step action form; the Moderation link.
Query counts stay fixed however many items there are."""

import pytest
from django.urls import reverse

from community.models import Account
from moderation.models import Action, ReviewItem
from tests.factories import AccountFactory, MembershipFactory, PostFactory
from tests.moderation.conftest import act, flag
from tests.pages import page_text

pytestmark = pytest.mark.django_db


def test_the_queue_is_a_page_not_a_404_for_moderators(client, moderator, item):
    client.force_login(moderator)
    response = client.get("/moderation/")
    assert response.status_code == 200
    assert "Moderation queue" in response.content.decode()


def test_filters_by_reason_group_and_state(client, moderator, post, flagger, second_flagger):
    harassment = flag(flagger, post).item
    spam_post = PostFactory(body="Buy now.")
    spam = flag(second_flagger, PostFactory(thread=post.thread), reason="spam").item
    other_group = flag(MembershipFactory(group=spam_post.thread.group), spam_post, "spam").item
    client.force_login(moderator)

    def listed(**query):
        page = page_text(client.get(reverse("moderation:queue"), query))
        return {i.public_id for i in (harassment, spam, other_group) if i.public_id in page}

    assert listed() == {harassment.public_id, spam.public_id, other_group.public_id}
    assert listed(reason="spam") == {spam.public_id, other_group.public_id}
    assert listed(space=post.thread.group.space.public_id) == {
        harassment.public_id,
        spam.public_id,
    }
    act(moderator, spam, "dismiss")
    assert listed(state="decided") == {spam.public_id}
    # A bad filter value is ignored with the form's error, never a 500.
    response = client.get(reverse("moderation:queue"), {"reason": "nonsense"})
    assert response.status_code == 200


def test_acting_asks_for_confirmation_first(client, moderator, item):
    client.force_login(moderator)
    url = reverse("moderation:act", args=[item.public_id])
    data = {"kind": "warn", "rule": "harassment", "message": "Please stop."}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Confirm" in response.content.decode()
    assert not Action.objects.exists()
    response = client.post(url, {**data, "confirm": "yes"})
    assert response.status_code == 302
    action = Action.objects.get()
    assert (action.kind, action.message) == ("warn", "Please stop.")
    assert ReviewItem.objects.get().status == ReviewItem.Status.DECIDED


def test_bad_input_gets_a_clear_error_and_keeps_the_text(client, moderator, item, settings):
    client.force_login(moderator)
    url = reverse("moderation:act", args=[item.public_id])
    response = client.post(
        url, {"kind": "suspend", "rule": "harassment", "message": "Kept words.", "confirm": "yes"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "number of days" in page and "Kept words." in page
    response = client.post(url, {"kind": "warn", "rule": "made-up", "message": "Kept."})
    assert response.status_code == 400 and "Kept." in response.content.decode()
    settings.MODERATION_ACTION_MESSAGE_MAX_CHARS = 10
    response = client.post(
        url, {"kind": "warn", "rule": "harassment", "message": "x" * 11, "confirm": "yes"}
    )
    assert response.status_code == 400 and "x" * 11 in response.content.decode()
    assert not Action.objects.exists()


def test_a_host_is_offered_only_what_hosts_may_do(client, host, item):
    client.force_login(host.persona.account)
    page = page_text(client.get(reverse("moderation:item", args=[item.public_id])))
    assert 'value="remove_from_group"' in page
    assert 'value="suspend"' not in page and 'value="ban"' not in page


def test_the_item_page_shows_snapshot_live_content_and_context(
    client, moderator, post, item, author
):
    PostFactory(thread=post.thread, body="A reply after it.")
    post.body = "Edited to look nice."
    post.body_html = "<p>Edited to look nice.</p>"
    post.save()
    client.force_login(moderator)
    page = page_text(client.get(reverse("moderation:item", args=[item.public_id])))
    assert "You should all be quiet." in page  # the snapshot
    assert "Edited to look nice." in page  # the live content
    assert "A reply after it." in page  # its thread around it
    assert "1 member flagged this." in page


def test_the_navigation_shows_moderators_and_hosts_the_open_count(
    client, moderator, host, item, flagger
):
    for account, shown in (
        (moderator, True),
        (host.persona.account, True),
        (flagger.persona.account, False),
    ):
        client.force_login(account)
        page = page_text(client.get("/"))
        assert ('href="/moderation/"' in page) is shown
        if shown:
            assert 'Moderation <span class="badge">1</span>' in page


def test_an_advocate_who_hosts_nothing_gets_no_link(client, db):
    client.force_login(AccountFactory(role=Account.Role.ADVOCATE))
    assert 'href="/moderation/"' not in page_text(client.get("/"))


def test_the_link_costs_members_no_query(member_client, django_assert_num_queries):
    member_client.get("/")
    # session + user + the bell's count, as before moderation
    with django_assert_num_queries(3):
        member_client.get("/")


@pytest.mark.parametrize("count", [1, 6])
def test_the_queue_runs_a_fixed_number_of_queries(
    client, moderator, post, count, django_assert_num_queries
):
    for _ in range(count):
        flag(MembershipFactory(group=post.thread.group), PostFactory(thread=post.thread))
    client.force_login(moderator)
    client.get(reverse("moderation:queue"))
    # session, user, spaces with items or held content, their names, row count, the page's
    # rows, its items, their flags, the nav's open count, the bell's (held content adds one:
    # tests/moderation/test_held_in_the_queue.py)
    with django_assert_num_queries(10):
        response = client.get(reverse("moderation:queue"))
    assert len(response.context["page"].object_list) == count


@pytest.mark.parametrize("count", [1, 6])
def test_the_item_page_runs_a_fixed_number_of_queries(
    client, moderator, post, item, count, django_assert_num_queries
):
    for _ in range(count):
        PostFactory(thread=post.thread)
    client.force_login(moderator)
    client.get(reverse("moderation:item", args=[item.public_id]))
    # session, user, item, flags, target, its live copy and context (thread, author, group,
    # page count, posts before and after), the author's account, history, space name,
    # actions, the nav's count, the bell's
    with django_assert_num_queries(17):
        client.get(reverse("moderation:item", args=[item.public_id]))


@pytest.mark.parametrize("count", [1, 6])
def test_the_audit_log_runs_a_fixed_number_of_queries(
    client, moderator, post, count, django_assert_num_queries
):
    for _ in range(count):
        target = PostFactory(thread=post.thread)
        act(moderator, flag(MembershipFactory(group=post.thread.group), target).item, "warn")
    client.force_login(moderator)
    client.get(reverse("moderation:audit"))
    # session, user, entry count, entries, the spaces' names, the nav's count, the bell's
    with django_assert_num_queries(7):
        client.get(reverse("moderation:audit"))


def test_the_queues_page_links_keep_the_filters(client, moderator, post, settings):
    settings.MODERATION_QUEUE_PAGE_SIZE = 1
    for _ in range(2):
        flag(MembershipFactory(group=post.thread.group), PostFactory(thread=post.thread), "spam")
    client.force_login(moderator)
    page = page_text(client.get(reverse("moderation:queue"), {"reason": "spam"}))
    assert 'href="?reason=spam&amp;page=2"' in page
