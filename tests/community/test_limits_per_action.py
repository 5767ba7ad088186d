"""Each kind of action has its own budget: posting a lot does not use up the blocks, joins or
reactions of the same account (`community.limits`)."""

import pytest

from community import limits
from community.errors import RateLimited
from community.services.blocks import block_persona
from tests.factories import AccountFactory, PersonaFactory

pytestmark = pytest.mark.django_db


def test_using_up_one_action_leaves_another_untouched():
    account = AccountFactory()
    for _ in range(3):
        limits.hit(account=account, action="post", rate="3/m", message="slow down")
    with pytest.raises(RateLimited):
        limits.hit(account=account, action="post", rate="3/m", message="slow down")
    limits.hit(account=account, action="block", rate="3/m", message="slow down")


def test_blocking_still_works_after_the_post_limit_is_reached(settings):
    settings.BLOCK_RATE = "3/m"
    blocker = AccountFactory()
    for _ in range(3):
        limits.hit(account=blocker, action="post", rate="3/m", message="slow down")
    block = block_persona(blocker=blocker, persona=PersonaFactory())
    assert block.blocker == blocker


def test_one_accounts_limit_does_not_touch_another_account():
    first, second = AccountFactory(), AccountFactory()
    limits.hit(account=first, action="post", rate="1/m", message="slow down")
    limits.hit(account=second, action="post", rate="1/m", message="slow down")
    with pytest.raises(RateLimited, match="slow down"):
        limits.hit(account=first, action="post", rate="1/m", message="slow down")
