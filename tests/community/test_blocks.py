"""Blocks (DESIGN.md §2): on a persona, acting in its space only, silent, no linkage oracle."""

import pytest

from community import policies
from community.access import blocked_persona_ids, standing_in
from community.errors import NotAllowed
from community.models import Block, Notification
from community.selectors import blocks_of, is_blocked_between
from community.services.blocks import block_persona, unblock
from tests.factories import AccountFactory, PersonaFactory, SpaceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def blocker():
    return AccountFactory()


@pytest.fixture
def harasser_personas():
    """One account with a persona in each of two spaces."""
    account = AccountFactory()
    return PersonaFactory(account=account), PersonaFactory(account=account)


def test_a_block_acts_in_the_space_of_the_blocked_persona_only(blocker, harasser_personas):
    first, second = harasser_personas
    block_persona(blocker=blocker, persona=first)

    assert standing_in(blocker, first.space_id).has_blocked(first.pk)
    assert blocked_persona_ids(blocker, first.space_id) == {first.pk}
    # The same account's persona in another space: nothing blocked there.
    assert blocked_persona_ids(blocker, second.space_id) == frozenset()
    assert not standing_in(blocker, second.space_id).has_blocked(second.pk)


def test_the_account_behind_is_kept_for_the_mentoring_rule_only(blocker, harasser_personas):
    first, second = harasser_personas
    block = block_persona(blocker=blocker, persona=first)
    assert block.blocked_account == first.account
    # No mentor/mentee match with that account, whichever persona of it comes up.
    assert is_blocked_between(blocker, second.account)


def test_blocking_twice_keeps_one_block(blocker, harasser_personas):
    first, _ = harasser_personas
    made = block_persona(blocker=blocker, persona=first)
    again = block_persona(blocker=blocker, persona=first)
    assert again.pk == made.pk
    assert Block.objects.filter(blocker=blocker).count() == 1


def test_blocking_another_persona_of_the_same_account_is_a_block_of_its_own(
    blocker, harasser_personas
):
    """Made and listed exactly like a block of a stranger: the answer links nothing."""
    first, second = harasser_personas
    block_persona(blocker=blocker, persona=first)
    block_persona(blocker=blocker, persona=second)
    assert sorted(entry.persona_name for entry in blocks_of(blocker)) == sorted(
        [first.name, second.name]
    )
    assert blocked_persona_ids(blocker, second.space_id) == {second.pk}


def test_you_cannot_block_yourself_even_through_another_space(blocker):
    own = PersonaFactory(account=blocker)
    with pytest.raises(NotAllowed, match="You can't block yourself."):
        block_persona(blocker=blocker, persona=own)
    assert not Block.objects.exists()


def test_a_former_member_cannot_be_blocked(blocker):
    former = PersonaFactory(account=None)
    with pytest.raises(NotAllowed, match="left Lantern"):
        block_persona(blocker=blocker, persona=former)
    assert not Block.objects.exists()


def test_the_blocked_person_is_not_told(blocker, harasser_personas):
    first, _ = harasser_personas
    block_persona(blocker=blocker, persona=first)
    assert not Notification.objects.filter(account=first.account).exists()
    assert blocks_of(first.account) == []
    assert blocked_persona_ids(first.account, first.space_id) == frozenset()


def test_the_block_list_shows_the_persona_and_space_it_was_made_in(blocker, harasser_personas):
    first, _ = harasser_personas
    block_persona(blocker=blocker, persona=first)
    [entry] = blocks_of(blocker)
    assert entry.persona_name == first.name
    assert entry.persona_public_id == first.public_id
    assert entry.space == first.space
    assert not hasattr(entry, "account")
    assert first.account.email not in repr(entry)


def test_unblocking_through_the_listed_persona_removes_the_block(blocker, harasser_personas):
    first, _ = harasser_personas
    block_persona(blocker=blocker, persona=first)
    assert unblock(blocker=blocker, persona_public_id=first.public_id) is True
    assert blocked_persona_ids(blocker, first.space_id) == frozenset()
    assert not is_blocked_between(blocker, first.account)
    assert blocks_of(blocker) == []


def test_unblocking_one_persona_leaves_the_block_of_another_persona_of_the_account(
    blocker, harasser_personas
):
    first, second = harasser_personas
    block_persona(blocker=blocker, persona=first)
    block_persona(blocker=blocker, persona=second)
    assert unblock(blocker=blocker, persona_public_id=first.public_id) is True
    assert blocked_persona_ids(blocker, second.space_id) == {second.pk}


def test_unblocking_through_another_persona_of_the_account_does_nothing(blocker, harasser_personas):
    """Otherwise unblocking would tell the blocker which personas share an account."""
    first, second = harasser_personas
    block_persona(blocker=blocker, persona=first)
    assert unblock(blocker=blocker, persona_public_id=second.public_id) is False
    assert blocked_persona_ids(blocker, first.space_id) == {first.pk}


def test_nobody_can_remove_someone_elses_block(blocker, harasser_personas):
    first, _ = harasser_personas
    block_persona(blocker=blocker, persona=first)
    assert unblock(blocker=first.account, persona_public_id=first.public_id) is False
    assert unblock(blocker=AccountFactory(), persona_public_id=first.public_id) is False
    assert Block.objects.count() == 1


def test_never_matched_when_a_block_exists_either_way_in_any_space(blocker, harasser_personas):
    first, _ = harasser_personas
    stranger = AccountFactory()
    assert policies.can_contact(blocker, first.account)
    block_persona(blocker=blocker, persona=first)
    assert not policies.can_contact(blocker, first.account)
    assert not policies.can_contact(first.account, blocker)
    assert policies.can_contact(blocker, stranger)
    assert policies.can_contact(stranger, first.account)


def test_can_block_answers_no_for_oneself_and_former_members(blocker):
    other = PersonaFactory(space=SpaceFactory())
    assert policies.can_block(blocker, other)
    assert not policies.can_block(blocker, PersonaFactory(account=blocker))
    assert not policies.can_block(blocker, PersonaFactory(account=None))
