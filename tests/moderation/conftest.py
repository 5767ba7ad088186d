"""A group with a host, an author, two flaggers and a site moderator; flags and actions are
made through the services, as the pages make them."""

import pytest

from community.models import Account
from groups.models import Membership
from moderation.decisions import take_action
from moderation.models import ReviewItem
from moderation.selectors import hosted_space_ids
from moderation.services import flag_content
from tests.factories import AccountFactory, GroupFactory, MembershipFactory, PostFactory


@pytest.fixture
def group(db):
    return GroupFactory(name="Women in engineering", slug="women")


@pytest.fixture
def host(group):
    return MembershipFactory(
        group=group,
        role=Membership.Role.HOST,
        persona__name="Willow Harbor",
        persona__account__role=Account.Role.ADVOCATE,
    )


@pytest.fixture
def author(group):
    return MembershipFactory(
        group=group, persona__name="Sharp Hawk", persona__account__email="author@example.test"
    )


@pytest.fixture
def flagger(group):
    return MembershipFactory(group=group, persona__name="Steady Otter")


@pytest.fixture
def second_flagger(group):
    return MembershipFactory(group=group, persona__name="Amber Finch")


@pytest.fixture
def moderator(db):
    return AccountFactory(role=Account.Role.MODERATOR, email="moderator@example.test")


@pytest.fixture
def post(group, author):
    return PostFactory(thread__group=group, author=author.persona, body="You should all be quiet.")


def flag(membership, target, reason="harassment", **fields):
    return flag_content(reporter=membership.persona.account, target=target, reason=reason, **fields)


def act(moderator, item, kind, rule="harassment", **fields):
    item = ReviewItem.objects.get(pk=item.pk)
    return take_action(
        moderator=moderator,
        item=item,
        kind=kind,
        rule=rule,
        hosted=hosted_space_ids(moderator),
        **fields,
    )


@pytest.fixture
def item(post, flagger):
    return flag(flagger, post).item
