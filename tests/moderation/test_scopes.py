"""Site moderators see every item; a group's hosts see and act on their own group's only."""

import pytest
from django.urls import reverse

from community.errors import NotAllowed
from community.models import Account
from groups.models import Membership
from moderation import policies
from moderation.models import Action, AuditEntry, ReviewItem
from moderation.selectors import hosted_space_ids
from tests.factories import AccountFactory, MembershipFactory, PostFactory
from tests.moderation.conftest import act, flag
from tests.pages import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def elsewhere_item(db):
    other_host = MembershipFactory(
        role=Membership.Role.HOST, persona__account__role=Account.Role.ADVOCATE
    )
    post = PostFactory(thread__group=other_host.group, body="Elsewhere.")
    reporter = MembershipFactory(group=other_host.group)
    return flag(reporter, post).item


def test_a_host_sees_their_groups_items_only(client, host, item, elsewhere_item):
    client.force_login(host.persona.account)
    page = page_text(client.get(reverse("moderation:queue")))
    assert item.public_id in page
    assert elsewhere_item.public_id not in page
    assert client.get(reverse("moderation:item", args=[item.public_id])).status_code == 200
    assert (
        client.get(reverse("moderation:item", args=[elsewhere_item.public_id])).status_code == 404
    )


def test_a_host_cannot_act_outside_their_group(client, host, elsewhere_item):
    with pytest.raises(NotAllowed):
        act(host.persona.account, elsewhere_item, "hide")
    client.force_login(host.persona.account)
    url = reverse("moderation:act", args=[elsewhere_item.public_id])
    response = client.post(url, {"kind": "hide", "rule": "harassment", "confirm": "yes"})
    assert response.status_code == 404
    assert not Action.objects.exists()
    assert ReviewItem.objects.get(pk=elsewhere_item.pk).status == ReviewItem.Status.OPEN


def test_a_host_may_not_suspend_or_ban(host, item):
    for kind in ("suspend", "ban"):
        with pytest.raises(NotAllowed):
            act(host.persona.account, item, kind, days=3)
    assert not Action.objects.exists()


def test_a_host_can_hide_in_their_group_and_it_is_logged_as_a_host(host, item):
    act(host.persona.account, item, "hide")
    entry = AuditEntry.objects.get()
    assert entry.actor_role == "host" and entry.event == "action.hide"


def test_a_site_moderator_sees_and_acts_everywhere(client, moderator, item, elsewhere_item):
    client.force_login(moderator)
    page = page_text(client.get(reverse("moderation:queue")))
    assert item.public_id in page and elsewhere_item.public_id in page
    act(moderator, elsewhere_item, "warn")


def test_staff_are_site_moderators(db):
    assert policies.is_site_moderator(AccountFactory(is_staff=True))


def test_nobody_acts_on_their_own_content(group, flagger):
    moderator_in_group = MembershipFactory(
        group=group, persona__account__role=Account.Role.MODERATOR
    )
    own = PostFactory(thread__group=group, author=moderator_in_group.persona)
    own_item = flag(flagger, own).item
    with pytest.raises(NotAllowed):
        act(moderator_in_group.persona.account, own_item, "dismiss")


def test_members_and_former_hosts_get_404_on_every_moderation_page(client, host, flagger, item):
    host.status = Membership.Status.LEFT
    host.save()
    for account in (flagger.persona.account, host.persona.account):
        client.force_login(account)
        for url in (
            reverse("moderation:queue"),
            reverse("moderation:audit"),
            reverse("moderation:item", args=[item.public_id]),
            reverse("moderation:audit_export"),
        ):
            assert client.get(url).status_code == 404, url
    assert hosted_space_ids(host.persona.account) == frozenset()


def test_visitors_are_sent_to_log_in(client, item):
    response = client.get(reverse("moderation:queue"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_hosts_do_not_sanction_each_other_but_may_hide_a_hosts_words(client, group, host, flagger):
    other_host = MembershipFactory(
        group=group, role=Membership.Role.HOST, persona__account__role=Account.Role.ADVOCATE
    )
    item = flag(flagger, PostFactory(thread__group=group, author=other_host.persona)).item
    for kind in ("warn", "mute", "remove_from_group"):
        with pytest.raises(NotAllowed):
            act(host.persona.account, item, kind, days=1)
    client.force_login(host.persona.account)
    page = page_text(client.get(reverse("moderation:item", args=[item.public_id])))
    assert 'value="hide"' in page and 'value="warn"' not in page
    act(host.persona.account, item, "hide")
    assert Membership.objects.get(pk=other_host.pk).status == Membership.Status.ACTIVE
