"""Staff changes of access ask first and are logged: removing a host, a new invite link (and
appointing a host is logged too). The log names the host's persona in the group, never an
account."""

import pytest
from django.urls import reverse

from community.models import Account
from groups.models import Group, Membership
from moderation.models import AuditEntry
from tests.factories import AccountFactory, GroupFactory, MembershipFactory
from tests.pages import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(AccountFactory(is_staff=True, email="staff@example.test"))
    return client


@pytest.fixture
def group(db):
    return GroupFactory(name="Night shift", slug="night")


@pytest.fixture
def host(group):
    return MembershipFactory(
        group=group,
        role=Membership.Role.HOST,
        persona__name="Quiet Lantern",
        persona__account=AccountFactory(role=Account.Role.ADVOCATE, email="host@example.test"),
    )


def remove_url(group, host):
    return reverse("groups:manage_remove_host", args=[group.slug, host.persona.public_id])


def test_removing_a_host_asks_first(staff_client, group, host):
    for response in (
        staff_client.get(remove_url(group, host)),
        staff_client.post(remove_url(group, host)),
    ):
        page = page_text(response)
        assert "Remove this host?" in page
        assert "Quiet Lantern" in page
        assert "host@example.test" not in page
    host.refresh_from_db()
    assert host.role == Membership.Role.HOST
    assert not AuditEntry.objects.exists()


def test_confirming_removes_the_host_and_logs_it(staff_client, group, host):
    response = staff_client.post(remove_url(group, host), {"confirm": "yes"})
    assert response.status_code == 302
    host.refresh_from_db()
    assert (host.role, host.status) == (Membership.Role.MEMBER, Membership.Status.ACTIVE)
    entry = AuditEntry.objects.get()
    assert (entry.event, entry.actor_role, entry.persona_name, entry.space_id) == (
        "role.host_removed",
        "staff",
        "Quiet Lantern",
        group.space_id,
    )


def test_removing_someone_who_is_not_a_host_is_refused_and_not_logged(staff_client, group):
    member = MembershipFactory(group=group)
    url = reverse("groups:manage_remove_host", args=[group.slug, member.persona.public_id])
    assert staff_client.get(url).status_code == 404
    staff_client.post(url, {"confirm": "yes"})
    assert not AuditEntry.objects.exists()


def test_the_manage_page_links_to_the_confirmation_not_a_one_click_button(
    staff_client, group, host
):
    page = page_text(staff_client.get(reverse("groups:manage_edit", args=[group.slug])))
    assert f'href="{remove_url(group, host)}"' in page
    assert f'href="{reverse("groups:manage_invite", args=[group.slug])}"' in page


def test_a_new_invite_link_asks_first_then_is_made_and_logged(staff_client, group):
    url = reverse("groups:manage_invite", args=[group.slug])
    token = group.invite_token
    assert "Make a new invite link?" in page_text(staff_client.get(url))
    assert "Make a new invite link?" in page_text(staff_client.post(url))
    assert Group.objects.get(pk=group.pk).invite_token == token
    assert staff_client.post(url, {"confirm": "yes"}).status_code == 302
    assert Group.objects.get(pk=group.pk).invite_token != token
    entry = AuditEntry.objects.get()
    assert (entry.event, entry.space_id, entry.persona_name) == (
        "group.invite_regenerated",
        group.space_id,
        "",
    )


def test_appointing_a_host_is_logged(staff_client, group):
    advocate = MembershipFactory(
        group=group, persona__name="Warm Ember", persona__account__role=Account.Role.ADVOCATE
    )
    url = reverse("groups:manage_make_host", args=[group.slug, advocate.persona.public_id])
    staff_client.post(url)
    assert AuditEntry.objects.get().event == "role.host_appointed"


def test_non_staff_get_404_on_the_confirmations(client, group, host):
    client.force_login(host.persona.account)
    assert client.get(remove_url(group, host)).status_code == 404
    assert client.post(remove_url(group, host), {"confirm": "yes"}).status_code == 404
    assert client.get(reverse("groups:manage_invite", args=[group.slug])).status_code == 404
    assert not AuditEntry.objects.exists()


def test_the_hosts_of_the_group_read_the_role_change_in_their_audit_log(
    staff_client, client, group, host
):
    other_host = MembershipFactory(
        group=group, role=Membership.Role.HOST, persona__account__role=Account.Role.ADVOCATE
    )
    staff_client.post(remove_url(group, host), {"confirm": "yes"})
    client.force_login(other_host.persona.account)
    page = page_text(client.get(reverse("moderation:audit")))
    assert "Quiet Lantern" in page
    assert "host@example.test" not in page
    assert "staff@example.test" not in page


def test_the_confirmation_page_costs_a_fixed_number_of_queries(
    staff_client, group, host, django_assert_num_queries
):
    staff_client.get(remove_url(group, host))
    with django_assert_num_queries(7):
        page_text(staff_client.get(remove_url(group, host)))
