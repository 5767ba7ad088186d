import re

import pytest
from django.test import Client

from community.models import Account
from groups.models import Group, Membership
from tests.factories import AccountFactory, GroupFactory, MembershipFactory
from tests.pages import page_text

pytestmark = pytest.mark.django_db

GROUP_FIELDS = {
    "name": "Founders and contractors",
    "slug": "founders-and-contractors",
    "description": "For people without an HR department to turn to.",
    "guidelines": "No names of companies or people.",
    "join_question": "",
    "visibility": "listed",
    "join_policy": "open",
}


@pytest.fixture
def staff_client(staff):
    client = Client()
    client.force_login(staff)
    return client


def test_staff_create_a_group_with_its_own_space(staff_client):
    response = staff_client.post("/groups/manage/new/", GROUP_FIELDS, follow=True)
    assert "<bdi>Founders and contractors</bdi> was created" in response.content.decode()
    group = Group.objects.get(slug="founders-and-contractors")
    assert group.space.kind == "group"
    assert group.guidelines == "No names of companies or people."


def test_a_reserved_address_is_refused_with_the_form_kept(staff_client):
    response = staff_client.post("/groups/manage/new/", {**GROUP_FIELDS, "slug": "manage"})
    page = response.content.decode()
    assert "That address is reserved" in page
    assert "For people without an HR department to turn to." in page
    assert not Group.objects.exists()


def test_staff_edit_a_group(staff_client):
    group = GroupFactory()
    staff_client.post(
        f"/groups/manage/{group.slug}/",
        {**GROUP_FIELDS, "join_policy": "approval", "join_question": "What brings you here?"},
    )
    group.refresh_from_db()
    assert group.join_policy == "approval"
    assert group.join_question == "What brings you here?"


def test_the_staff_page_lists_advocate_members_by_persona_name_only(staff_client):
    group = GroupFactory()
    advocate = MembershipFactory(
        group=group,
        persona__account=AccountFactory(role=Account.Role.ADVOCATE),
        persona__name="Warm Badger 1",
    )
    plain = MembershipFactory(group=group, persona__name="Plain Member 2")
    page = page_text(staff_client.get(f"/groups/manage/{group.slug}/"))
    assert "Warm Badger 1" in page
    assert "Plain Member 2" not in page
    assert advocate.persona.account.email not in page
    assert plain.persona.account.email not in page


def test_staff_make_an_advocate_host_and_remove_them(staff_client):
    group = GroupFactory()
    advocate = MembershipFactory(
        group=group, persona__account=AccountFactory(role=Account.Role.ADVOCATE)
    )
    public_id = advocate.persona.public_id
    staff_client.post(f"/groups/manage/{group.slug}/hosts/{public_id}/add/")
    advocate.refresh_from_db()
    assert advocate.role == Membership.Role.HOST
    staff_client.post(f"/groups/manage/{group.slug}/hosts/{public_id}/remove/", {"confirm": "yes"})
    advocate.refresh_from_db()
    assert advocate.role == Membership.Role.MEMBER
    assert advocate.status == Membership.Status.ACTIVE


def test_a_member_who_is_not_an_advocate_cannot_be_made_host(staff_client):
    group = GroupFactory()
    member = MembershipFactory(group=group)
    response = staff_client.post(
        f"/groups/manage/{group.slug}/hosts/{member.persona.public_id}/add/", follow=True
    )
    assert "Only advocates can be hosts." in response.content.decode()
    member.refresh_from_db()
    assert member.role == Membership.Role.MEMBER


def test_staff_may_appoint_themselves_as_a_new_groups_first_host(staff, staff_client):
    group = GroupFactory()
    own = MembershipFactory(group=group, persona__account=staff, persona__name="Night Owl 9")
    page = staff_client.get(f"/groups/manage/{group.slug}/").content.decode()
    assert "Night Owl 9" in page
    staff_client.post(f"/groups/manage/{group.slug}/hosts/{own.persona.public_id}/add/")
    own.refresh_from_db()
    assert own.role == Membership.Role.HOST


def test_non_staff_get_404_on_every_management_page(member_client):
    group = GroupFactory()
    assert member_client.get("/groups/manage/").status_code == 404
    assert member_client.get("/groups/manage/new/").status_code == 404
    assert member_client.post("/groups/manage/new/", GROUP_FIELDS).status_code == 404
    assert member_client.get(f"/groups/manage/{group.slug}/").status_code == 404
    assert member_client.post(f"/groups/manage/{group.slug}/invite/").status_code == 404
    assert not Group.objects.filter(slug="founders-and-contractors").exists()


def test_an_address_another_group_has_is_refused_in_plain_words(staff_client):
    GroupFactory(slug="founders-and-contractors")
    response = staff_client.post("/groups/manage/new/", GROUP_FIELDS)
    page = response.content.decode()
    assert "Another group already has this address. Choose another." in page
    assert "For people without an HR department to turn to." in page


def test_an_address_with_other_characters_says_which_are_allowed(staff_client):
    response = staff_client.post("/groups/manage/new/", {**GROUP_FIELDS, "slug": "night shift!"})
    assert "Use only lowercase letters, digits and dashes" in response.content.decode()


def test_the_create_form_sent_twice_makes_one_group_and_both_land_on_it(staff_client):
    form = staff_client.get("/groups/manage/new/").content.decode()
    client_id = re.search(r'name="client_id" value="([^"]+)"', form).group(1)
    data = {**GROUP_FIELDS, "client_id": client_id}

    first = staff_client.post("/groups/manage/new/", data)
    second = staff_client.post("/groups/manage/new/", data)

    assert (first.status_code, second.status_code) == (302, 302)
    assert first["Location"] == second["Location"] == "/groups/manage/founders-and-contractors/"
    assert Group.objects.count() == 1


def test_a_taken_name_is_still_refused_for_a_new_submission(staff_client):
    GroupFactory(name=GROUP_FIELDS["name"])

    response = staff_client.post("/groups/manage/new/", GROUP_FIELDS)

    assert response.status_code == 200
    assert Group.objects.filter(name=GROUP_FIELDS["name"]).count() == 1
