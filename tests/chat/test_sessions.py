"""Scheduling, editing, opening, ending and cancelling sessions: hosts only, clear errors."""

import uuid
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from chat import services
from chat.models import ChatSession, QuietRoomRequest, Room
from community.errors import NotAllowed
from tests.chat.conftest import schedule

pytestmark = pytest.mark.django_db


def test_a_host_schedules_a_session_with_its_room(host):
    session = schedule(host, content_warning="retaliation", capacity=20)
    assert session.host == host.persona
    assert session.room.kind == Room.Kind.SESSION
    assert session.room.group == host.group
    assert (session.capacity, session.content_warning) == (20, "retaliation")


def test_a_member_may_not_schedule(member):
    with pytest.raises(NotAllowed):
        schedule(member)
    assert ChatSession.objects.count() == 0


def test_the_same_schedule_form_sent_twice_makes_one_session(host):
    client_id = uuid.uuid4()
    first = schedule(host, client_id=client_id)
    again = schedule(host, client_id=client_id)
    assert again == first
    assert ChatSession.objects.count() == 1


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"title": "  "}, "title", "Please write a title"),
        ({"title": "x" * 121}, "title", "at most 120 characters"),
        ({"hours": 0}, "ends_at", "after the start"),
        ({"hours": 9}, "ends_at", "at most 8 hours"),
        ({"capacity": 1}, "capacity", "between 2 and 500"),
        ({"starts_in": timedelta(hours=-3)}, "ends_at", "already passed"),
    ],
)
def test_bad_schedules_are_refused_with_a_sentence(host, fields, field, words):
    with pytest.raises(ValidationError) as refused:
        schedule(host, **fields)
    assert words in " ".join(refused.value.message_dict[field])


def test_a_host_opens_early_and_ends_a_session(host, upcoming):
    services.open_session(membership=host, session=upcoming)
    assert upcoming.opened_at is not None
    services.end_session(membership=host, session=upcoming)
    upcoming.refresh_from_db()
    assert upcoming.ended_at is not None
    with pytest.raises(NotAllowed):
        services.end_session(membership=host, session=upcoming)


def test_a_member_may_not_open_end_edit_or_cancel(member, upcoming, live):
    with pytest.raises(NotAllowed):
        services.open_session(membership=member, session=upcoming)
    with pytest.raises(NotAllowed):
        services.end_session(membership=member, session=live)
    with pytest.raises(NotAllowed):
        services.cancel_session(membership=member, session=upcoming)
    with pytest.raises(NotAllowed):
        services.edit_session(
            membership=member,
            session=upcoming,
            title="Mine now",
            starts_at=upcoming.starts_at,
            ends_at=upcoming.ends_at,
            capacity=5,
        )


def test_a_host_edits_an_unfinished_session_but_not_an_ended_one(host, upcoming):
    starts = timezone.now() + timedelta(days=1)
    services.edit_session(
        membership=host,
        session=upcoming,
        title="Thursday check-in",
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        capacity=10,
    )
    upcoming.refresh_from_db()
    assert (upcoming.title, upcoming.capacity) == ("Thursday check-in", 10)
    services.cancel_session(membership=host, session=upcoming)
    with pytest.raises(NotAllowed):
        services.edit_session(
            membership=host,
            session=upcoming,
            title="Back on",
            starts_at=starts,
            ends_at=starts + timedelta(hours=1),
            capacity=10,
        )


def test_ending_a_session_closes_waiting_quiet_room_requests(host, member, live):
    request = services.request_quiet_room(
        account=member.persona.account, membership=member, session=live
    )
    services.end_session(membership=host, session=live)
    request.refresh_from_db()
    assert request.status == QuietRoomRequest.Status.CLOSED


def test_ending_broadcasts_on_commit_only(
    host, live, monkeypatch, django_capture_on_commit_callbacks
):
    ended = []
    monkeypatch.setattr("chat.broadcast.session_ended", ended.append)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.end_session(membership=host, session=live)
    assert ended == []  # nothing told before the commit
    for callback in callbacks:
        callback()
    assert ended == [live]
