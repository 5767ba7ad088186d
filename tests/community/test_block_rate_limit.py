"""Blocking is limited per account (BLOCK_RATE), so blocks cannot be used to probe quickly which
personas in other spaces belong to one account."""

import pytest

from community.errors import RateLimited
from community.models import Block
from community.services.blocks import block_persona
from tests.factories import AccountFactory, PersonaFactory


@pytest.fixture(autouse=True)
def low_block_rate(settings):
    settings.BLOCK_RATE = "2/d"


def test_blocks_past_the_rate_are_refused_with_a_clear_message(db):
    blocker = AccountFactory()
    block_persona(blocker=blocker, persona=PersonaFactory())
    block_persona(blocker=blocker, persona=PersonaFactory())
    with pytest.raises(RateLimited, match="blocked many people"):
        block_persona(blocker=blocker, persona=PersonaFactory())
    assert Block.objects.filter(blocker=blocker).count() == 2


def test_repeating_an_existing_block_does_not_count(db):
    blocker = AccountFactory()
    persona = PersonaFactory()
    for _ in range(5):
        block_persona(blocker=blocker, persona=persona)
    block_persona(blocker=blocker, persona=PersonaFactory())
    assert Block.objects.filter(blocker=blocker).count() == 2


def test_the_limit_is_per_account(db):
    first, second = AccountFactory(), AccountFactory()
    for blocker in (first, second):
        block_persona(blocker=blocker, persona=PersonaFactory())
        block_persona(blocker=blocker, persona=PersonaFactory())
    assert Block.objects.count() == 4
