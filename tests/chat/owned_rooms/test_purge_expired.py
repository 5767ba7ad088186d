"""Another app's room keeps its history for the space's life plus CHAT_RETENTION_DAYS, counted
from the end time its owner gives (`spaces_ended_before`)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from chat import services
from chat.models import Message
from community.models import Space
from tests.chat.owned_rooms.conftest import ENDED, KIND, send
from tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db


def other_pair(number: int):
    space = Space.objects.create(kind=KIND)
    persona = PersonaFactory(space=space, name=f"Other Pair {number}")
    return services.open_room(space=space, kind=KIND), persona


def test_history_lives_with_the_space_and_goes_retention_days_after_its_end(room, mentor, settings):
    settings.CHAT_MESSAGE_RATE = "100/m"
    settings.CHAT_RETENTION_DAYS = 30
    now = timezone.now()
    for number in range(3):
        send(mentor, room, body=f"old {number}")
    recent_room, recent_author = other_pair(1)
    recent = send(recent_author, recent_room, body="ended lately")
    live_room, live_author = other_pair(2)
    live = send(live_author, live_room, body="still going")
    ENDED[room.space_id] = now - timedelta(days=31)
    ENDED[recent_room.space_id] = now - timedelta(days=29)
    assert services.purge_expired(batch_size=2) == 3
    assert set(Message.objects.all()) == {recent, live}
    # A month on, the lately ended pair's history goes too; the live one stays.
    assert services.purge_expired(now=now + timedelta(days=2)) == 1
    assert list(Message.objects.all()) == [live]
