"""A room owned by another app, as mentoring will own one, built from a test-only kind.

"pair" stands for such an app: a space of kind "pair" with two personas, registered as a kind
of space (community.spaces) and of room (chat.room_kinds) for the test's length only. Who may
enter is whoever has a persona in the space; the pair is live until `end_pair` marks it
ended (kept in `ENDED`, as the owner's own rows would keep it). The two accounts are also
members of a group under other names, so tests can look for those names leaking.
"""

import uuid
from datetime import datetime

import pytest
from django.utils import timezone

from chat import room_kinds, services
from chat.models import Message, Room
from chat.room_kinds import Participant
from community import spaces
from community.models import Persona, Space
from tests.factories import AccountFactory, GroupFactory, MembershipFactory, PersonaFactory

KIND = "pair"
# space pk -> when the pair ended; a pair not in it is live.
ENDED: dict[int, datetime] = {}


def persona_in_pair(account, room: Room) -> Persona | None:
    return Persona.objects.filter(account=account, space_id=room.space_id).first()


def pair_is_live(room: Room, now: datetime) -> bool:
    ended = ENDED.get(room.space_id)
    return ended is None or ended > now


def pair_page(room: Room) -> str:
    return f"/pairs/{room.space.public_id}/"


def pairs_ended_before(moment: datetime):
    ended = [pk for pk, when in ENDED.items() if when < moment]
    return Space.objects.filter(pk__in=ended).values("pk")


def pair_names(found: list[Space]) -> dict[int, str]:
    return {space.pk: "A pair" for space in found}


def end_pair(room: Room, when: datetime | None = None) -> None:
    """What the owner does when its space ends: record it, then close the room's sockets."""
    ENDED[room.space_id] = when or timezone.now()
    services.end_room(room)


def send(persona: Persona, room: Room, body: str = "Hello.", **fields) -> Message:
    """A message by `persona`, through the service the consumer calls."""
    return services.send_message(
        account=persona.account,
        membership=Participant(persona=persona),
        room=room,
        body=body,
        client_id=uuid.uuid4(),
        **fields,
    )


@pytest.fixture
def pair_kind():
    spaces.register_space_kind(KIND, label="Pair", names_of=pair_names, url_of=lambda s: "/")
    registered = room_kinds.register_room_kind(
        KIND,
        label="Pair room",
        access=persona_in_pair,
        is_live=pair_is_live,
        url_of=pair_page,
        spaces_ended_before=pairs_ended_before,
    )
    yield registered
    room_kinds.unregister_room_kind(KIND)
    spaces._kinds.pop(KIND, None)
    ENDED.clear()


@pytest.fixture
def pair_space(db, pair_kind) -> Space:
    return Space.objects.create(kind=KIND)


@pytest.fixture
def group(db):
    return GroupFactory(name="Women in engineering", slug="women")


@pytest.fixture
def mentor(pair_space, group) -> Persona:
    account = AccountFactory(email="mentor@example.test")
    MembershipFactory(group=group, persona__account=account, persona__name="Group Heron")
    return PersonaFactory(account=account, space=pair_space, name="Calm Lighthouse")


@pytest.fixture
def mentee(pair_space, group) -> Persona:
    account = AccountFactory(email="mentee@example.test")
    MembershipFactory(group=group, persona__account=account, persona__name="Group Finch")
    return PersonaFactory(account=account, space=pair_space, name="Brave Sparrow")


@pytest.fixture
def outsider(group):
    """A member of the same group, with no persona in the pair."""
    return MembershipFactory(group=group, persona__name="Curious Magpie").persona.account


@pytest.fixture
def room(pair_space, mentor, mentee) -> Room:
    return services.open_room(space=pair_space, kind=KIND)
