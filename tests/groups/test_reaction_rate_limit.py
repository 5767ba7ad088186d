"""Reactions are limited per account (GROUPS_REACTION_RATE), whatever the persona."""

import pytest

from community.errors import RateLimited
from groups.models import Reaction
from groups.services.reactions import toggle_reaction
from tests.factories import GroupFactory, MembershipFactory, ThreadFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def low_reaction_rate(settings):
    settings.GROUPS_REACTION_RATE = "2/m"


def test_reacting_past_the_rate_is_refused_and_stores_nothing():
    group = GroupFactory()
    post = ThreadFactory(group=group).posts.get()
    reactor = MembershipFactory(group=group)
    toggle_reaction(membership=reactor, post=post, kind=Reaction.Kind.SUPPORT)
    toggle_reaction(membership=reactor, post=post, kind=Reaction.Kind.ME_TOO)
    with pytest.raises(RateLimited, match="reacting very fast"):
        toggle_reaction(membership=reactor, post=post, kind=Reaction.Kind.THANK_YOU)
    assert Reaction.objects.filter(persona=reactor.persona).count() == 2


def test_the_limit_follows_the_account_across_its_personas():
    first_group, second_group = GroupFactory(), GroupFactory()
    first = MembershipFactory(group=first_group)
    second = MembershipFactory(group=second_group, persona__account=first.persona.account)
    toggle_reaction(
        membership=first, post=ThreadFactory(group=first_group).posts.get(), kind="support"
    )
    toggle_reaction(
        membership=first, post=ThreadFactory(group=first_group).posts.get(), kind="support"
    )
    with pytest.raises(RateLimited):
        toggle_reaction(
            membership=second, post=ThreadFactory(group=second_group).posts.get(), kind="support"
        )
