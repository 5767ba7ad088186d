"""The seam itself: registering a kind of room, making its rooms, and what chat refuses."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone

from chat import policies, room_kinds, services
from chat.access import access_message, access_room
from chat.models import Room
from chat.room_kinds import Participant
from community.models import Space
from tests.chat.conftest import schedule
from tests.chat.owned_rooms.conftest import (
    KIND,
    pair_is_live,
    pair_page,
    pairs_ended_before,
    persona_in_pair,
    send,
)
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def register(kind: str, **changes):
    fields = {
        "label": "Pair room",
        "access": persona_in_pair,
        "is_live": pair_is_live,
        "url_of": pair_page,
        "spaces_ended_before": pairs_ended_before,
    }
    return room_kinds.register_room_kind(kind, **{**fields, **changes})


@pytest.mark.parametrize("kind", ["session", "quiet", "", "x" * 17])
def test_chats_own_kinds_and_bad_names_cannot_be_registered(kind):
    with pytest.raises(ImproperlyConfigured):
        register(kind)


def test_a_kind_registered_twice_alike_is_fine_and_differently_is_an_error(pair_kind):
    assert register(KIND) == pair_kind
    with pytest.raises(ImproperlyConfigured):
        register(KIND, label="Another label")


def test_registered_kinds_are_choices_of_room_kind(pair_kind):
    assert (KIND, "Pair room") in Room._meta.get_field("kind").choices
    assert ("session", "Session room") in Room._meta.get_field("kind").choices


def test_open_room_refuses_a_kind_nobody_registered(pair_space):
    with pytest.raises(ValueError):
        services.open_room(space=pair_space, kind="unregistered")


def test_every_room_has_a_space_and_only_group_rooms_a_group(room, group):
    assert room.space.kind == KIND and room.group is None
    with transaction.atomic(), pytest.raises(IntegrityError):
        Room.objects.create(space=room.space, kind=KIND, group=group)
    with transaction.atomic(), pytest.raises(IntegrityError):
        Room.objects.create(space=group.space, kind=Room.Kind.SESSION)


def test_access_names_the_persona_of_the_space_and_404s_everyone_else(room, mentor, outsider):
    found, participant = access_room(mentor.account, room.public_id)
    assert found == room and participant == Participant(persona=mentor)
    with pytest.raises(Http404):
        access_room(outsider, room.public_id)
    # A group's URL never reaches another app's room, even for those in it.
    with pytest.raises(Http404):
        access_room(mentor.account, room.public_id, group="women")
    message = send(mentor, room)
    assert access_message(mentor.account, message.pk)[0] == message
    with pytest.raises(Http404):
        access_message(outsider, message.pk)


def test_a_room_whose_kind_is_no_longer_registered_is_closed_to_all(room, mentor):
    room_kinds.unregister_room_kind(KIND)
    with pytest.raises(Http404):
        access_room(mentor.account, room.public_id)
    assert not policies.room_is_live(room, timezone.now())


def test_nobody_hosts_another_apps_room(room, mentor, mentee):
    participant = Participant(persona=mentor)
    message = send(mentee, room)
    assert policies.is_in_room(participant, room)
    assert not policies.can_host_room(participant, room)
    assert not policies.can_remove_message(participant, message)
    assert not policies.can_end(participant, room.live_session, timezone.now())
    # A persona of another space, or a group membership, is not in it.
    assert not policies.is_in_room(None, room)


def test_a_participant_is_in_no_group_room(room, mentor, group):
    host = MembershipFactory(group=group, role="host")
    session = schedule(host)
    assert not policies.is_in_room(Participant(persona=mentor), session.room)
    assert policies.is_in_room(host, session.room)
    assert not policies.is_in_room(host, room)


def test_the_space_is_filled_for_group_rooms_by_the_services(group):
    session = schedule(MembershipFactory(group=group, role="host"))
    assert session.room.space_id == group.space_id
    assert Space.objects.get(chat_rooms=session.room) == group.space
