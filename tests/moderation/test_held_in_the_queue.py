"""Held content in the review queue (/moderation/): what the automatic filters hold appears as
rows beside the review items, in the viewer's scope (site moderators everything, hosts their
groups'), ordered with them, filtered by the same reason, group and state, and linked to its
own page where it is published or kept back. The default (open) list is what the Moderation
link counts. Rows show the author's persona of that group only."""

import pytest
from django.urls import reverse

from community.models import Account
from groups.models import Membership, Post
from groups.services.posts import edit_post
from moderation.filters.services import reject_held, release_held
from moderation.filters.wordlist_services import add_word
from moderation.models import HeldContent, ReviewItem
from moderation.selectors import nav_entry
from tests.clients import client_for
from tests.factories import AccountFactory, GroupFactory, MembershipFactory, PostFactory
from tests.moderation.conftest import act, flag
from tests.pages import page_text
from tests.world import add_host, reply, start_thread

pytestmark = pytest.mark.django_db

EXPOSING = "Email the lead at dan.hughes@bigco.com"


@pytest.fixture
def night():
    return GroupFactory(name="Night shift", slug="night-shift")


@pytest.fixture
def day():
    return GroupFactory(name="Day shift", slug="day-shift")


@pytest.fixture
def thread(night):
    return start_thread(MembershipFactory(group=night), title="Check-in", body="Hi all.")


@pytest.fixture
def writer(night, day):
    membership = MembershipFactory(
        group=night, persona__name="Quiet Heron", persona__account__email="writer@example.test"
    )
    # The same account in another group, under another name: never shown with the first.
    MembershipFactory(
        group=day, persona__account=membership.persona.account, persona__name="Bold Lark"
    )
    return membership


@pytest.fixture
def held_reply(writer, thread) -> HeldContent:
    post = reply(writer, thread, EXPOSING)
    assert post.held_at is not None
    return HeldContent.objects.get(object_id=post.pk)


@pytest.fixture
def moderator():
    return AccountFactory(role=Account.Role.MODERATOR)


def _held_in(group, body=EXPOSING) -> HeldContent:
    thread = start_thread(MembershipFactory(group=group), title="Another check-in", body="Hi.")
    post = reply(MembershipFactory(group=group), thread, body)
    return HeldContent.objects.get(object_id=post.pk)


def _queue(client, **query) -> str:
    return page_text(client.get(reverse("moderation:queue"), query))


def _listed(page: str, *things) -> set[str]:
    return {thing.public_id for thing in things if thing.public_id in page}


def test_a_site_moderator_sees_held_content_of_every_group_as_rows(moderator, held_reply, day):
    elsewhere = _held_in(day)
    page = _queue(client_for(moderator))
    assert _listed(page, held_reply, elsewhere) == {held_reply.public_id, elsewhere.public_id}
    assert f'href="/moderation/held/{held_reply.public_id}/"' in page
    assert "Held reply" in page and "Held by a filter" in page
    assert "Shares personal information" in page


def test_a_host_sees_their_groups_held_content_only(night, day, held_reply):
    host = add_host(night, "Willow Harbor")
    other_host = add_host(day, "Cedar Light")
    elsewhere = _held_in(day)
    assert _listed(_queue(client_for(host)), held_reply, elsewhere) == {held_reply.public_id}
    assert _listed(_queue(client_for(other_host)), held_reply, elsewhere) == {elsewhere.public_id}


def test_the_open_queue_lists_what_the_moderation_link_counts(
    moderator, night, day, held_reply, thread
):
    host = add_host(night, "Willow Harbor")
    _held_in(day)
    flag(MembershipFactory(group=night), PostFactory(thread=thread))
    flag(MembershipFactory(group=day), PostFactory(thread__group=day))
    for account in (moderator, host.persona.account):
        response = client_for(account).get(reverse("moderation:queue"))
        listed = response.context["page"].paginator.count
        assert {"open": listed} == nav_entry(account)
        assert f'Moderation <span class="badge">{listed}</span>' in page_text(response)
    assert nav_entry(moderator) == {"open": 4}
    assert nav_entry(host.persona.account) == {"open": 2}


def test_identity_exposure_comes_with_the_urgent_items_a_word_list_hold_after_flagged_ones(
    moderator, night, thread, writer
):
    staff = AccountFactory(is_staff=True)
    add_word(actor=staff, space=None, pattern="scab", action="hold")
    by_word = HeldContent.objects.get(
        object_id=reply(MembershipFactory(group=night), thread, "What a scab.").pk
    )
    calm = flag(MembershipFactory(group=night), PostFactory(thread=thread)).item
    exposing = HeldContent.objects.get(object_id=reply(writer, thread, EXPOSING).pk)
    threat = flag(MembershipFactory(group=night), PostFactory(thread=thread), "threat").item
    rows = client_for(moderator).get(reverse("moderation:queue")).context["page"].object_list
    # Urgent first (a flag counts more than a filter's hold), then what members flagged, then
    # the oldest: a hold ranks as an item nobody flagged.
    assert [row.public_id for row in rows] == [
        threat.public_id,
        exposing.public_id,
        calm.public_id,
        by_word.public_id,
    ]


def test_the_state_filter_open_held_and_decided(moderator, night, thread, held_reply):
    waiting = flag(MembershipFactory(group=night), PostFactory(thread=thread)).item
    decided = flag(MembershipFactory(group=night), PostFactory(thread=thread)).item
    act(moderator, decided, "dismiss")
    published = _held_in(night)
    release_held(moderator=moderator, held=published)
    kept_back = _held_in(night)
    reject_held(moderator=moderator, held=kept_back)
    client = client_for(moderator)
    everything = (waiting, decided, held_reply, published, kept_back)
    assert _listed(_queue(client), *everything) == {waiting.public_id, held_reply.public_id}
    assert _listed(_queue(client, state="held"), *everything) == {held_reply.public_id}
    page = _queue(client, state="decided")
    assert _listed(page, *everything) == {
        decided.public_id,
        published.public_id,
        kept_back.public_id,
    }
    assert "released by a moderator" in page and "kept back by a moderator" in page


def test_an_edit_that_passes_takes_the_held_row_out_of_every_state(moderator, held_reply, writer):
    post = Post.objects.get(pk=held_reply.object_id)
    edit_post(
        account=writer.persona.account,
        membership=writer,
        post=post,
        body="Ask the lead in the meeting.",
    )
    client = client_for(moderator)
    for state in ("open", "held", "decided"):
        assert held_reply.public_id not in _queue(client, state=state)


def test_the_reason_filter_applies_to_held_content(moderator, night, thread, held_reply):
    staff = AccountFactory(is_staff=True)
    add_word(actor=staff, space=None, pattern="scab", action="hold")
    by_word = HeldContent.objects.get(
        object_id=reply(MembershipFactory(group=night), thread, "What a scab.").pk
    )
    harassment = flag(MembershipFactory(group=night), PostFactory(thread=thread)).item
    doxxing = flag(MembershipFactory(group=night), PostFactory(thread=thread), "personal_info").item
    client = client_for(moderator)
    rows = (held_reply, by_word, harassment, doxxing)
    assert _listed(_queue(client, reason="personal_info"), *rows) == {
        held_reply.public_id,
        doxxing.public_id,
    }
    assert _listed(_queue(client, reason="word_list"), *rows) == {by_word.public_id}
    assert _listed(_queue(client, reason="harassment"), *rows) == {harassment.public_id}


def test_the_group_filter_applies_to_held_content_and_offers_its_groups(
    moderator, night, day, held_reply
):
    elsewhere = _held_in(day)
    client = client_for(moderator)
    page = _queue(client)
    # Groups with held content only are offered too.
    assert f'value="{night.space.public_id}"' in page
    assert f'value="{day.space.public_id}"' in page
    filtered = _queue(client, space=day.space.public_id)
    assert _listed(filtered, held_reply, elsewhere) == {elsewhere.public_id}


def test_rows_show_the_persona_of_that_group_only(moderator, night, held_reply, writer):
    host = add_host(night, "Willow Harbor")
    for account in (moderator, host.persona.account):
        client = client_for(account)
        for page in (
            _queue(client),
            page_text(client.get(reverse("moderation:held_item", args=[held_reply.public_id]))),
        ):
            assert "Quiet Heron" in page
            assert "Bold Lark" not in page
            assert "writer@example.test" not in page
            assert f"/{writer.persona.account.pk}/" not in page


def test_the_held_page_is_404_outside_the_scope(night, day, held_reply):
    url = reverse("moderation:held_item", args=[held_reply.public_id])
    member = MembershipFactory(group=night)
    other_host = MembershipFactory(group=day, role=Membership.Role.HOST)
    for who in (member, other_host):
        assert client_for(who).get(url).status_code == 404
    assert client_for(add_host(night, "Willow Harbor")).get(url).status_code == 200


def test_publishing_from_its_page_comes_back_to_it_decided(moderator, held_reply, night):
    client = client_for(moderator)
    url = reverse("moderation:held_item", args=[held_reply.public_id])
    page = page_text(client.get(url))
    assert "dan.hughes@bigco.com" in page and "Publish" in page
    release = reverse("moderation:release_held", args=[held_reply.public_id])
    response = client.post(release, {"back": "item"})
    assert response["Location"] == url
    page = page_text(client.get(url))
    assert "Published: everyone can see it." in page
    assert "Released by a moderator" in page
    assert release not in page  # no decision left to make
    # Still the list's way back when posted from the list.
    second = _held_in(night)
    response = client.post(reverse("moderation:reject_held", args=[second.public_id]))
    assert response["Location"] == reverse("moderation:held")


@pytest.mark.parametrize("count", [1, 6])
def test_the_queue_costs_the_same_with_items_and_held_content(
    moderator, night, thread, count, django_assert_num_queries
):
    for _ in range(count):
        flag(MembershipFactory(group=night), PostFactory(thread=thread))
        _held_in(night)
    client = client_for(moderator)
    client.get(reverse("moderation:queue"))
    # session, user, groups with items or held content, their names, row count, the page's
    # rows, its items, their flags, its held content, the nav's count, the bell's
    with django_assert_num_queries(11):
        response = client.get(reverse("moderation:queue"))
    rows = response.context["page"].object_list
    assert sorted(row.row_kind for row in rows) == ["held"] * count + ["item"] * count
    assert ReviewItem.objects.count() == count
