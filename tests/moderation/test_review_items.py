"""Flags on one target gather into one review item, prioritised for moderators."""

from datetime import timedelta

import pytest
from django.utils import timezone

from community.models import Block
from moderation.guard import were_sanctioned_on_flag
from moderation.models import Flag, ReviewItem
from moderation.selectors import load_rows, queue
from tests.factories import MembershipFactory, PostFactory
from tests.moderation.conftest import act, flag

pytestmark = pytest.mark.django_db


def test_flags_on_one_post_make_one_item_counting_distinct_flaggers(post, flagger, second_flagger):
    first = flag(flagger, post)
    again = flag(flagger, post, reason="spam")  # the same open flag, not a second one
    second = flag(second_flagger, post)
    assert first == again
    assert first.item == second.item
    assert ReviewItem.objects.count() == 1
    assert ReviewItem.objects.get().flagger_count == 2


def test_the_flag_keeps_the_wish_and_can_block_the_author_in_the_same_step(post, flagger, author):
    made = flag(flagger, post, wish=Flag.Wish.UNSAFE, block_author=True)
    assert made.wish == Flag.Wish.UNSAFE
    assert Block.objects.filter(blocker=flagger.persona.account, persona=author.persona).exists()


def test_a_bad_wish_is_refused_with_a_clear_error(post, flagger):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        flag(flagger, post, wish="punish")
    assert "what you would like" in str(error.value)


def test_threats_come_first_then_more_flaggers_then_the_oldest(
    group, post, flagger, second_flagger, moderator
):
    older = PostFactory(thread=post.thread)
    oldest = flag(flagger, older).item  # one flagger, oldest
    ReviewItem.objects.filter(pk=oldest.pk).update(created=timezone.now() - timedelta(days=1))
    flag(flagger, post)
    flag(second_flagger, post)  # two flaggers
    threat = PostFactory(thread=post.thread)
    flag(flagger, threat, reason="threat")  # newest, one flagger, but a threat
    order = [item.object_id for item in load_rows(queue(moderator, frozenset()))]
    assert order == [threat.pk, post.pk, older.pk]


def test_a_flag_against_an_account_once_sanctioned_on_that_members_flag_goes_to_the_top(
    group, post, author, flagger, second_flagger, moderator
):
    item = flag(flagger, post).item
    act(moderator, item, "warn")
    assert were_sanctioned_on_flag(flagger.persona.account, author.persona.account)
    assert not were_sanctioned_on_flag(second_flagger.persona.account, author.persona.account)
    # Another member's urgent flag, then the guarded member's ordinary one.
    urgent = PostFactory(thread=post.thread)
    flag(second_flagger, urgent, reason="threat")
    later = PostFactory(thread=post.thread, author=author.persona)
    flag(flagger, later, reason="other")
    first = load_rows(queue(moderator, frozenset()))[0]
    assert first.object_id == later.pk
    assert first.boosted


def test_the_guard_holds_across_spaces_without_linking_personas(author, flagger, moderator, post):
    act(moderator, flag(flagger, post).item, "hide")
    elsewhere = MembershipFactory(persona__account=author.persona.account)
    there = MembershipFactory(group=elsewhere.group, persona__account=flagger.persona.account)
    other_post = PostFactory(thread__group=elsewhere.group, author=elsewhere.persona)
    assert flag(there, other_post).item.boosted


def test_a_dismissal_records_no_guard(post, flagger, author, moderator):
    act(moderator, flag(flagger, post).item, "dismiss")
    assert not were_sanctioned_on_flag(flagger.persona.account, author.persona.account)


def test_a_new_flag_after_a_decision_opens_a_new_item(post, flagger, second_flagger, moderator):
    first = flag(flagger, post).item
    act(moderator, first, "dismiss")
    second = flag(second_flagger, post).item
    assert second != first
    assert second.status == ReviewItem.Status.OPEN
