"""A group with a host and members, and sessions in each state, made through the services."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from chat import services
from chat.models import ChatSession
from groups.models import Membership
from tests.factories import GroupFactory, MembershipFactory


@pytest.fixture
def group(db):
    return GroupFactory(name="Women in engineering", slug="women")


@pytest.fixture
def host(group):
    return MembershipFactory(group=group, role=Membership.Role.HOST, persona__name="Willow Harbor")


@pytest.fixture
def member(group):
    return MembershipFactory(group=group, persona__name="Steady Otter")


@pytest.fixture
def other_member(group):
    return MembershipFactory(group=group, persona__name="Amber Finch")


def schedule(host, *, starts_in=timedelta(hours=1), hours=2, **fields) -> ChatSession:
    starts_at = timezone.now() + starts_in
    return services.schedule_session(
        membership=host,
        group=host.group,
        title=fields.pop("title", "Tuesday evening check-in"),
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=hours),
        **fields,
    )


@pytest.fixture
def upcoming(host) -> ChatSession:
    return schedule(host)


@pytest.fixture
def live(host) -> ChatSession:
    session = schedule(host)
    return services.open_session(membership=host, session=session)


def send(membership, room, body="Hello, everyone.", **fields):
    return services.send_message(
        account=membership.persona.account,
        membership=membership,
        room=room,
        body=body,
        client_id=fields.pop("client_id", uuid.uuid4()),
        **fields,
    )
