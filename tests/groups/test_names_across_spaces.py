"""Choosing a group name that is (or looks like) one of your names in another space warns that
it would link the two spaces and offers a fresh one; "Suggest another" is one click, without
JavaScript, and keeps everything else typed. Only the owner is ever warned, and the warning
names nothing of the other space (DESIGN.md §1)."""

import re

import pytest

from community.models import Persona
from community.name_forms import LINKING_WARNING
from community.pseudonyms import name_key
from groups.models import Group, JoinRequest, Membership
from tests.factories import (
    AccountFactory,
    GroupFactory,
    JoinRequestFactory,
    MembershipFactory,
    PersonaFactory,
)
from tests.pages import page_text

pytestmark = pytest.mark.django_db

WARNING_START = LINKING_WARNING.split("{")[0][:60]


@pytest.fixture
def elsewhere(account):
    """The account's persona in another group, whose name and group must never show."""
    other = GroupFactory(name="Secret Circle", slug="secret-circle")
    return MembershipFactory(
        group=other,
        persona__account=account,
        persona__name="Steady Otter",
        persona__space=other.space,
    ).persona


def join_data(**fields):
    return {"name": "Steady Otter", "accept_guidelines": "on", **fields}


def test_a_name_used_elsewhere_is_warned_about_and_nothing_is_made(
    member_client, account, group, elsewhere
):
    response = member_client.post(f"/groups/{group.slug}/join/", join_data(name="steady-0tter"))
    page = page_text(response)
    assert WARNING_START in page
    assert 'name="same_name_ok"' in page
    assert 'value="steady-0tter"' in page  # kept as typed
    suggestion = response.context["form"].suggestion
    assert suggestion and name_key(suggestion) != name_key("Steady Otter")
    assert f"Use “<bdi>{suggestion}</bdi>” instead" in page
    # Nothing of the other space: neither its name nor its group.
    assert "Secret Circle" not in page and "secret-circle" not in page
    assert not Membership.objects.filter(group=group).exists()


def test_keeping_the_name_deliberately_joins(member_client, account, group, elsewhere):
    member_client.post(
        f"/groups/{group.slug}/join/", join_data(name="Steady Otter", same_name_ok="on")
    )
    persona = Persona.objects.get(account=account, space=group.space)
    assert persona.name == "Steady Otter"


def test_a_name_of_this_group_itself_is_no_warning(member_client, account, group):
    """A declined request's name here is the same space: offered again, with no warning."""
    group.join_policy = Group.JoinPolicy.APPROVAL
    group.save()
    JoinRequestFactory(
        group=group,
        persona__account=account,
        persona__name="Hopeful Wren",
        status=JoinRequest.Status.WITHDRAWN,
    )
    response = member_client.post(f"/groups/{group.slug}/join/", join_data(name="Hopeful Wren"))
    assert WARNING_START not in page_text(response, status=302)
    assert JoinRequest.objects.filter(status=JoinRequest.Status.PENDING).exists()


def test_a_name_waiting_in_a_request_elsewhere_counts(member_client, account, group):
    """A pending request's name is not reserved yet, but its hosts have seen it."""
    other = GroupFactory(join_policy=Group.JoinPolicy.APPROVAL)
    member_client.post(f"/groups/{other.slug}/join/", join_data(name="Hopeful Wren"))
    assert JoinRequest.objects.filter(group=other).exists()
    response = member_client.post(f"/groups/{group.slug}/join/", join_data(name="Hopeful Wren"))
    assert WARNING_START in page_text(response)


def test_another_account_typing_the_same_name_is_not_warned(client, group, elsewhere):
    """Someone else's name elsewhere is none of this member's business: no hint it exists."""
    client.force_login(AccountFactory())
    response = client.post(f"/groups/{group.slug}/join/", join_data(name="Steady Otter"))
    assert WARNING_START not in page_text(response, status=302)
    assert Membership.objects.filter(group=group).exists()


def test_the_choose_name_page_warns_too(member_client, account, group, elsewhere):
    group.join_policy = Group.JoinPolicy.APPROVAL
    group.save()
    JoinRequestFactory(group=group, persona__account=account, waiting_for_name=True)
    response = member_client.post(f"/groups/{group.slug}/join/name/", {"name": "STEADY OTTER"})
    page = page_text(response)
    assert WARNING_START in page
    assert "Secret Circle" not in page
    member_client.post(
        f"/groups/{group.slug}/join/name/", {"name": "STEADY OTTER", "same_name_ok": "on"}
    )
    assert Membership.objects.filter(group=group, status=Membership.Status.ACTIVE).exists()


def test_suggest_another_keeps_what_was_typed(member_client, account, group):
    group.join_policy = Group.JoinPolicy.APPROVAL
    group.join_question = "What brings you here?"
    group.save()
    response = member_client.post(
        f"/groups/{group.slug}/join/",
        {"name": "Calm River", "answer": "A long, careful answer", "suggest": ""},
    )
    page = page_text(response)
    name = response.context["form"]["name"].value()
    assert name and name != "Calm River"
    assert "A long, careful answer" in page
    assert 'class="errorlist' not in page  # nothing sent yet, so nothing is wrong yet
    assert not JoinRequest.objects.exists()
    assert not Persona.objects.filter(space=group.space).exists()


def test_suggest_another_keeps_the_ticked_guidelines(member_client, group):
    response = member_client.post(
        f"/groups/{group.slug}/join/",
        {"name": "Calm River", "accept_guidelines": "on", "suggest": ""},
    )
    page = page_text(response)
    assert re.search(r'name="accept_guidelines"[^>]*checked', page)
    assert not Membership.objects.exists()


def test_the_offered_name_goes_into_the_form(member_client, group):
    response = member_client.post(
        f"/groups/{group.slug}/join/", {"name": "Steady Otter", "suggest": "Amber Meadow 21"}
    )
    assert response.context["form"]["name"].value() == "Amber Meadow 21"


def test_every_name_form_in_groups_has_the_button(member_client, account, group):
    page = page_text(member_client.get(f"/groups/{group.slug}/join/"))
    assert 'name="suggest"' in page and "formnovalidate" in page
    # The button comes after the form's own, so Enter in a field still sends the form.
    assert page.index('<button type="submit">Join</button>') < page.index('name="suggest"')
    other = GroupFactory(join_policy=Group.JoinPolicy.APPROVAL)
    JoinRequestFactory(group=other, persona__account=account, waiting_for_name=True)
    assert 'name="suggest"' in page_text(member_client.get(f"/groups/{other.slug}/join/name/"))


def test_a_rejoin_keeps_its_name_and_offers_no_button(member_client, account, group):
    MembershipFactory(
        group=group,
        persona__account=account,
        persona__space=group.space,
        status=Membership.Status.LEFT,
    )
    page = page_text(member_client.get(f"/groups/{group.slug}/join/"))
    assert 'name="suggest"' not in page


def test_suggestions_avoid_the_accounts_names_elsewhere(account, monkeypatch):
    from community.selectors import names

    PersonaFactory(account=account, name="Amber Meadow 21")
    drawn = iter(["Amber Meadow 21", "amber-meadow-2l", "Silver Fern 30"])
    monkeypatch.setattr("community.pseudonyms.suggest_name", lambda: next(drawn))
    assert names.fresh_name_for(account) == "Silver Fern 30"


def test_the_check_costs_one_query(account, django_assert_num_queries):
    from community.selectors import names

    PersonaFactory(account=account, name="Amber Meadow 21")
    with django_assert_num_queries(1):
        assert names.name_used_elsewhere(account, "AMBER MEADOW 21")
