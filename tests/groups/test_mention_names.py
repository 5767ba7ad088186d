"""The "@" autocomplete's JSON: names of the group's active members, for its members only."""

import json

import pytest

from groups.models import Membership
from tests.clients import client_for
from tests.factories import AccountFactory, GroupFactory, MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def group():
    return GroupFactory(slug="night-shift")


@pytest.fixture
def viewer(group):
    return MembershipFactory(group=group, persona__name="Grey Heron")


def names(client, typed, slug="night-shift"):
    response = client.get(f"/groups/{slug}/people/names/", {"q": typed})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)["names"]


def test_members_whose_name_or_a_word_of_it_starts_with_the_text(group, viewer):
    for name in ("Quiet River", "Still Quill", "Amber Finch"):
        MembershipFactory(group=group, persona__name=name)

    assert names(client_for(viewer), "qui") == ["Quiet River", "Still Quill"]
    assert names(client_for(viewer), "fin") == ["Amber Finch"]
    assert names(client_for(viewer), "") == []


def test_only_active_members_of_this_group_never_yourself(group, viewer):
    MembershipFactory(group=group, persona__name="Gone Away", status=Membership.Status.LEFT)
    MembershipFactory(group=group, persona__name="Gone Removed", status=Membership.Status.REMOVED)
    MembershipFactory(group=GroupFactory(), persona__name="Gone Elsewhere")

    assert names(client_for(viewer), "gone") == []
    assert names(client_for(viewer), "grey") == []


def test_at_most_the_setting_many(settings, group, viewer):
    settings.GROUPS_MENTION_SUGGESTIONS = 3
    for number in range(6):
        MembershipFactory(group=group, persona__name=f"River {number}")

    assert names(client_for(viewer), "riv") == ["River 0", "River 1", "River 2"]


def test_a_non_member_a_former_member_and_a_visitor_get_404(client, group, viewer):
    outsider = AccountFactory()
    former = MembershipFactory(group=group, status=Membership.Status.LEFT)
    url = "/groups/night-shift/people/names/?q=gr"

    assert client_for(outsider).get(url).status_code == 404
    assert client_for(former).get(url).status_code == 404
    assert client.get(url).status_code == 404
    assert client_for(viewer).get("/groups/no-such-group/people/names/?q=gr").status_code == 404


def test_the_json_holds_names_and_nothing_else(group, viewer):
    account = AccountFactory(email="finch.real@example.org")
    finch = MembershipFactory(group=group, persona__account=account, persona__name="Amber Finch")
    elsewhere = MembershipFactory(
        group=GroupFactory(), persona__account=account, persona__name="Other Name"
    )

    response = client_for(viewer).get("/groups/night-shift/people/names/", {"q": "amb"})

    assert response.status_code == 200
    body = response.content.decode()
    assert json.loads(body) == {"names": ["Amber Finch"]}
    for secret in ("finch.real", finch.persona.public_id, elsewhere.persona.public_id):
        assert secret not in body
    assert "no-store" in response["Cache-Control"]


def test_a_long_query_is_cut_short_not_an_error(group, viewer):
    assert names(client_for(viewer), "x" * 5000) == []


def test_it_costs_a_fixed_number_of_queries(group, viewer, django_assert_num_queries):
    for number in range(20):
        MembershipFactory(group=group, persona__name=f"River {number}")
    client = client_for(viewer)
    client.get("/groups/night-shift/people/names/?q=a")  # warm the session

    # session, user, the membership (with its group), the names
    with django_assert_num_queries(4):
        client.get("/groups/night-shift/people/names/?q=riv")
