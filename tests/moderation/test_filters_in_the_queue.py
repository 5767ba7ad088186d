"""The automatic filters reach the moderation core: a filter's flag joins its target's review
item as a member's flag does, and held content waits in the Moderation link's count, over the
viewer's scope (site moderators everything, hosts their groups'), for no extra query."""

import pytest
from django.urls import reverse

from community.screening import FLAG, HOLD, Verdict
from moderation.filters.models import HeldContent
from moderation.filters.services import flag_automatically, hold_content
from moderation.models import Flag, ReviewItem
from moderation.selectors import nav_entry
from tests.factories import GroupFactory, MembershipFactory, PostFactory
from tests.moderation.conftest import flag
from tests.pages import page_text

pytestmark = pytest.mark.django_db

WORD = Verdict(action=FLAG, reason="word_list", detail="site word list: lawyer")
EXPOSURE = Verdict(
    action=HOLD, reason="personal_info", message="It shows an email address.", detail="an email"
)


def _held_reply_in(group, text="Write me at someone@gmail.com"):
    thread_post = PostFactory(thread__group=group)
    persona = MembershipFactory(group=group).persona
    return hold_content(
        verdict=EXPOSURE,
        kind="message",
        space=group.space_id,
        author=persona,
        content={"body": text, "client_id": str(thread_post.pk)},
    )


def test_a_filters_flag_makes_a_review_item_with_no_member_counted(client, moderator, post):
    automatic = flag_automatically(verdict=WORD, target=post)
    assert automatic.reporter is None
    item = automatic.item
    assert item is not None and item.status == ReviewItem.Status.OPEN
    assert (item.kind, item.author, item.flagger_count) == ("post", post.author, 0)
    client.force_login(moderator)
    page = page_text(client.get(reverse("moderation:queue")))
    assert item.public_id in page
    page = page_text(client.get(reverse("moderation:item", args=[item.public_id])))
    assert "Flagged automatically." in page


def test_a_filters_flag_and_members_flags_share_one_item(post, flagger, second_flagger):
    member_item = flag(flagger, post).item
    automatic = flag_automatically(verdict=WORD, target=post)
    assert automatic.item == member_item
    flag(second_flagger, post)
    member_item.refresh_from_db()
    assert member_item.flagger_count == 2  # members only: the filter is nobody
    assert ReviewItem.objects.count() == 1
    # Again (an edit screened again): the open filter flag is kept, not doubled.
    assert flag_automatically(verdict=WORD, target=post) == automatic
    assert Flag.objects.filter(reporter=None).count() == 1


def test_held_content_counts_in_the_link_over_the_viewers_scope(moderator, host, group):
    elsewhere = GroupFactory(name="Night shift", slug="night")
    _held_reply_in(group)
    _held_reply_in(elsewhere)
    assert nav_entry(moderator) == {"open": 2}
    assert nav_entry(host.persona.account) == {"open": 1}
    # A decided hold waits for nobody.
    HeldContent.objects.filter(space=group.space).update(status=HeldContent.Status.RELEASED)
    assert nav_entry(moderator) == {"open": 1}
    assert nav_entry(host.persona.account) == {"open": 0}


def test_items_and_held_content_add_up_in_the_badge(client, moderator, item, group):
    _held_reply_in(group)
    client.force_login(moderator)
    page = page_text(client.get("/"))
    assert 'Moderation <span class="badge">2</span>' in page
    queue = page_text(client.get(reverse("moderation:queue")))
    assert 'href="/moderation/held/"' in queue


@pytest.mark.parametrize("held", [0, 5])
def test_the_link_costs_the_same_with_held_content(
    client, moderator, host, group, held, django_assert_num_queries
):
    for _ in range(held):
        _held_reply_in(group)
    for account, queries in ((moderator, 4), (host.persona.account, 5)):
        client.force_login(account)
        client.get("/")
        # session, user, (hosts: what they host), the nav's one count, the bell's
        with django_assert_num_queries(queries):
            client.get("/")
