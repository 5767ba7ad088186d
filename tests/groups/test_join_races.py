"""Two join requests from one account at once (a double click): one persona, one membership,
and the slower request joins too instead of being told its name is taken."""

import pytest

from community.models import Persona
from groups import selectors
from groups.models import Group, JoinRequest, Membership
from groups.services import membership as membership_services
from tests.factories import AccountFactory, GroupFactory, PersonaFactory


@pytest.mark.django_db
def test_a_join_that_loses_the_race_for_the_persona_joins_under_it(group, monkeypatch):
    account = AccountFactory()
    real_persona_of = selectors.persona_of
    calls = []

    def persona_made_by_the_other_request_meanwhile(who, where):
        calls.append(1)
        if len(calls) == 1:
            # The first look sees nothing; then the concurrent request commits its persona.
            PersonaFactory(account=who, space=where.space, name="First Click 1")
            return None
        return real_persona_of(who, where)

    monkeypatch.setattr(selectors, "persona_of", persona_made_by_the_other_request_meanwhile)
    membership = membership_services.join_group(
        account=account, group=group, name="Second Click 2", accepted_guidelines=True
    )
    assert membership.persona.name == "First Click 1"
    assert Persona.objects.filter(account=account, space=group.space).count() == 1
    assert Membership.objects.filter(persona__account=account, group=group).count() == 1


@pytest.mark.django_db
def test_a_join_request_that_loses_the_race_lands_on_the_waiting_one(monkeypatch):
    """Both requests look before either writes; the constraint keeps one pending request and
    the slower submit returns it instead of an error."""
    group = GroupFactory(join_policy=Group.JoinPolicy.APPROVAL, join_question="Why?")
    account = AccountFactory()
    first = membership_services.join_group(
        account=account, group=group, name="Quiet Wren", accepted_guidelines=True, answer="Hi"
    )
    monkeypatch.setattr(selectors, "pending_request_of", lambda *args: None)

    second = membership_services.join_group(
        account=account, group=group, name="Quiet Wren", accepted_guidelines=True, answer="Hi"
    )

    assert second == first
    assert JoinRequest.objects.filter(persona__account=account).count() == 1
