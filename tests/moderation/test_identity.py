"""Moderators see personas of the item's space only: never an email, never the account's
other personas, never who flagged (DESIGN.md §1-§2)."""

import pytest
from django.urls import reverse

from tests.factories import MembershipFactory, PostFactory
from tests.moderation.conftest import act, flag
from tests.pages import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_life(author, moderator):
    """The author's persona in another group, sanctioned there before."""
    there = MembershipFactory(persona__account=author.persona.account, persona__name="Hidden Lark")
    reporter = MembershipFactory(group=there.group, persona__name="Far Reporter")
    old = PostFactory(thread__group=there.group, author=there.persona, body="Elsewhere words.")
    act(moderator, flag(reporter, old).item, "warn", rule="spam")
    return there


def _pages(client, item):
    return [
        page_text(client.get(reverse("moderation:queue"))),
        page_text(client.get(reverse("moderation:item", args=[item.public_id]))),
        page_text(client.get(reverse("moderation:audit"))),
    ]


def test_the_queue_and_item_show_no_email_and_no_other_persona(
    client, moderator, item, author, flagger, other_life
):
    client.force_login(moderator)
    queue, item_page, _audit = _pages(client, item)
    for page in (queue, item_page):
        assert "Sharp Hawk" in page
        assert "author@example.test" not in page
        assert "@example.test" not in page
        assert flagger.persona.name not in page
    # The history counts the other space's warning without naming it or its persona.
    assert "Warn the author: 1 (No spam or advertising)" in item_page
    assert "Hidden Lark" not in item_page
    assert other_life.group.name not in item_page
    assert "Elsewhere words." not in item_page


def test_the_item_page_says_how_many_flagged_and_their_notes_never_who(
    client, moderator, post, flagger, second_flagger
):
    item = flag(flagger, post, note="This is aimed at me.").item
    flag(second_flagger, post)
    client.force_login(moderator)
    page = page_text(client.get(reverse("moderation:item", args=[item.public_id])))
    assert "2 members flagged this." in page
    assert "This is aimed at me." in page
    for secret in (flagger.persona.name, second_flagger.persona.name):
        assert secret not in page
    assert flagger.persona.public_id not in page


def test_a_host_sees_only_their_groups_part_of_the_history(client, host, item, other_life):
    client.force_login(host.persona.account)
    page = page_text(client.get(reverse("moderation:item", args=[item.public_id])))
    assert "No earlier actions." in page


def test_the_flagged_author_learns_nothing_of_the_flaggers(client, item, author, moderator):
    act(moderator, item, "warn")
    client.force_login(author.persona.account)
    for url in (reverse("notifications"), reverse("moderation:my_reports")):
        page = page_text(client.get(url))
        assert "Steady Otter" not in page
