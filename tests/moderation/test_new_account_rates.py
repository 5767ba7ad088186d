"""New accounts are rate-limited more tightly (issue #11, "Automatic filters").

Younger than MODERATION_NEW_ACCOUNT_DAYS, an account posts, sends chat messages, flags and
joins at the stricter of the usual rate and MODERATION_NEW_ACCOUNT_<ACTION>_RATE. One place
decides (`community.limits.rate_for`); limits stay per account, never per persona.
"""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from chat import services as chat_services
from community.errors import RateLimited
from community.limits import rate_for
from community.models import Account
from groups.models import Group
from groups.services.membership import join_group
from moderation.services import flag_content
from tests.chat.conftest import schedule
from tests.factories import AccountFactory, GroupFactory, MembershipFactory, ThreadFactory
from tests.world import reply, start_thread

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def new_account_rules(settings):
    settings.MODERATION_NEW_ACCOUNT_DAYS = 7
    settings.MODERATION_NEW_ACCOUNT_POST_RATE = "2/10m"
    settings.MODERATION_NEW_ACCOUNT_MESSAGE_RATE = "2/m"
    settings.MODERATION_NEW_ACCOUNT_FLAG_RATE = "2/h"
    settings.MODERATION_NEW_ACCOUNT_JOIN_RATE = "2/h"
    settings.GROUPS_POST_RATE = "10/m"
    settings.GROUPS_DUPLICATE_WINDOW_MINUTES = 0


def _aged(membership, days: int):
    Account.objects.filter(pk=membership.persona.account_id).update(
        date_joined=timezone.now() - timedelta(days=days)
    )
    membership.persona.account.refresh_from_db()
    return membership


@pytest.fixture
def group():
    return GroupFactory()


@pytest.fixture
def newcomer(group):
    return MembershipFactory(group=group)


@pytest.fixture
def regular(group):
    return _aged(MembershipFactory(group=group), days=8)


def test_a_new_account_posts_at_the_new_account_rate(group, newcomer):
    thread = ThreadFactory(group=group)
    reply(newcomer, thread, "one")
    reply(newcomer, thread, "two")
    with pytest.raises(RateLimited, match="2 per 10 minutes"):
        reply(newcomer, thread, "three")


def test_an_older_account_posts_at_the_usual_rate(group, regular):
    thread = ThreadFactory(group=group)
    for number in range(5):
        reply(regular, thread, f"reply {number}")


def test_starting_threads_counts_as_posting(newcomer):
    start_thread(newcomer, title="One")
    start_thread(newcomer, title="Two")
    with pytest.raises(RateLimited):
        start_thread(newcomer, title="Three")


def test_a_new_account_has_one_budget_across_its_personas(newcomer):
    elsewhere = MembershipFactory(group=GroupFactory(), persona__account=newcomer.persona.account)
    reply(newcomer, ThreadFactory(group=newcomer.group), "here")
    reply(elsewhere, ThreadFactory(group=elsewhere.group), "there")
    with pytest.raises(RateLimited):
        reply(elsewhere, ThreadFactory(group=elsewhere.group), "and again")


def test_a_new_account_sends_chat_messages_at_the_new_account_rate(group, newcomer):
    host = MembershipFactory(group=group, role="host")
    room = chat_services.open_session(membership=host, session=schedule(host)).room

    def send(body):
        return chat_services.send_message(
            account=newcomer.persona.account,
            membership=newcomer,
            room=room,
            body=body,
            client_id=uuid.uuid4(),
        )

    send("one")
    send("two")
    with pytest.raises(RateLimited):
        send("three")


def test_a_new_account_flags_at_the_new_account_rate(group, newcomer):
    posts = [ThreadFactory(group=group).posts.get() for _ in range(3)]
    account = newcomer.persona.account
    flag_content(reporter=account, target=posts[0], reason="spam")
    flag_content(reporter=account, target=posts[1], reason="spam")
    with pytest.raises(RateLimited):
        flag_content(reporter=account, target=posts[2], reason="spam")


def test_a_new_account_joins_at_the_new_account_rate():
    account = AccountFactory()
    groups = [GroupFactory(join_policy=Group.JoinPolicy.OPEN) for _ in range(3)]
    for number, group in enumerate(groups[:2]):
        join_group(
            account=account, group=group, name=f"Calm Lynx {number}", accepted_guidelines=True
        )
    with pytest.raises(RateLimited):
        join_group(account=account, group=groups[2], name="Calm Lynx 9", accepted_guidelines=True)


def test_the_usual_rate_stays_when_it_is_the_stricter(settings):
    settings.GROUPS_POST_RATE = "1/h"
    account = AccountFactory()
    assert rate_for(account, "post", "1/h") == "1/h"
    assert rate_for(account, "post", "100/m") == "2/10m"


def test_staff_and_advocates_keep_the_usual_rates():
    for account in (AccountFactory(is_staff=True), AccountFactory(role=Account.Role.ADVOCATE)):
        assert rate_for(account, "post", "10/m") == "10/m"


def test_other_actions_are_untouched():
    assert rate_for(AccountFactory(), "react", "60/m") == "60/m"


def test_zero_days_turns_the_new_account_rates_off(settings):
    settings.MODERATION_NEW_ACCOUNT_DAYS = 0
    assert rate_for(AccountFactory(), "post", "10/m") == "10/m"
