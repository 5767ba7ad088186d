"""The mentorship's private room: opened with the mentorship, shown on its page, reached over
chat's protocol by its two personas only (a group they share changes nothing), closed when
the mentorship ends however it ends, and purged after chat's retention."""

import json
import uuid
from datetime import timedelta

import pytest
from channels.db import database_sync_to_async
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from chat import services as chat_services
from chat.app_settings import app_settings as chat_settings
from chat.models import Message, Room
from chat.room_kinds import Participant
from community.services.blocks import block_persona
from mentoring import flows, rooms
from tests.chat.sockets import open_socket
from tests.mentoring.pages.world import (
    MENTEE_EMAIL,
    MENTEE_GROUP_NAME,
    MENTOR_EMAIL,
    MENTOR_GROUP_NAME,
    MENTOR_PROFILE_NAME,
    build_mentoring_world,
    mentorship_between,
)

db = database_sync_to_async
LEAKS = [MENTOR_GROUP_NAME, MENTEE_GROUP_NAME, MENTOR_EMAIL, MENTEE_EMAIL, MENTOR_PROFILE_NAME]


def page_of(account, mentorship) -> str:
    client = Client()
    client.force_login(account)
    response = client.get(reverse("mentoring:mentorship", args=[mentorship.public_id]))
    assert response.status_code == 200
    return response.content.decode()


def say(persona, room, body):

    return chat_services.send_message(
        account=persona.account,
        membership=Participant(persona=persona),
        room=room,
        body=body,
        client_id=uuid.uuid4(),
    )


@pytest.mark.django_db
def test_the_room_opens_with_the_mentorship_and_shows_on_its_page(mworld):
    mentorship = mentorship_between(mworld)
    room = Room.objects.get(space=mentorship.space)
    assert room.kind == rooms.ROOM_KIND
    say(mentorship.mentee, room, "Thank you for taking me on.")
    page = page_of(mworld.mentor, mentorship)
    assert f'data-ws-url="/ws/rooms/{room.public_id}/"' in page
    assert "js/chat.js" in page
    assert "Thank you for taking me on." in page
    assert 'class="flag-link"' in page  # the other's message can be flagged
    for leak in LEAKS:
        assert leak not in page


@pytest.mark.django_db
def test_an_ended_mentorship_keeps_its_transcript_read_only(mworld):
    mentorship = mentorship_between(mworld)
    room = rooms.room_of(mentorship)
    say(mentorship.mentor, room, "It was good to talk.")
    flows.end_mentorship(account=mworld.mentee, mentorship=mentorship)
    page = page_of(mworld.mentee, mentorship)
    assert "It was good to talk." in page
    assert "data-chat-room" not in page and "js/chat.js" not in page


@pytest.mark.django_db
def test_a_mentorship_without_a_room_gets_one_when_its_page_is_shown(mworld):
    mentorship = mentorship_between(mworld)
    Room.objects.filter(space=mentorship.space).delete()
    page = page_of(mworld.mentee, mentorship)
    assert Room.objects.filter(space=mentorship.space, kind=rooms.ROOM_KIND).count() == 1
    assert "data-chat-room" in page


@pytest.mark.django_db
def test_messages_are_purged_after_the_retention_once_it_ended(mworld):
    mentorship = mentorship_between(mworld)
    room = rooms.room_of(mentorship)
    say(mentorship.mentor, room, "Kept while we talk.")
    assert chat_services.purge_expired(now=timezone.now() + timedelta(days=400)) == 0
    flows.end_mentorship(account=mworld.mentee, mentorship=mentorship)
    later = timezone.now() + timedelta(days=chat_settings.RETENTION_DAYS + 1)
    assert chat_services.purge_expired(now=later) == 1
    assert not Message.objects.filter(room=room).exists()


@pytest.fixture
def live_world(transactional_db):
    world = build_mentoring_world()
    return world, mentorship_between(world)


async def closed_with(socket) -> tuple[str, int]:
    told = await socket.receive_until("error")
    closed = await socket.receive()
    assert closed["type"] == "closed"
    return told, closed["code"]


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_the_two_talk_under_their_mentorship_names_and_no_one_else_gets_in(live_world):
    world, mentorship = live_world
    room = await db(rooms.room_of)(mentorship)
    mentor_socket, hello = await open_socket(world.mentor, room)
    assert hello["you"]["name"] == "Calm Harbour"
    mentee_socket, mentee_hello = await open_socket(world.mentee, room)
    client_id = await mentee_socket.send_message("Hello, and thank you.")
    sent = await mentee_socket.receive_reply(client_id)
    received = await mentor_socket.receive_until("message")
    assert received["author"]["name"] == "Brave Sparrow"
    seen = json.dumps([hello, mentee_hello, sent, received])
    for leak in LEAKS:
        assert leak not in seen
    for stranger in (world.coordinator, world.other_mentor, world.outsider):
        socket, refused = await open_socket(stranger, room)
        assert refused is None and socket.close_code == 4003
    await mentor_socket.close()
    await mentee_socket.close()


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_ending_closes_both_sockets_with_the_same_words_as_a_block(live_world):
    world, mentorship = live_world
    room = await db(rooms.room_of)(mentorship)
    mentor_socket, _ = await open_socket(world.mentor, room)
    mentee_socket, _ = await open_socket(world.mentee, room)
    await db(flows.end_mentorship)(account=world.mentor, mentorship=mentorship)
    by_click = [await closed_with(mentor_socket), await closed_with(mentee_socket)]
    assert {code for _told, code in by_click} == {4011}
    assert by_click[1][0]["detail"] == rooms.ENDED_DETAIL
    # Reconnecting finds it read-only: no message is taken.
    again, hello = await open_socket(world.mentee, room)
    assert hello is None or hello["room"]["live"] is False
    await again.close()


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_a_block_closes_the_room_at_once(live_world):
    world, mentorship = live_world
    room = await db(rooms.room_of)(mentorship)
    mentor_socket, _ = await open_socket(world.mentor, room)
    await db(block_persona)(blocker=world.mentee, persona=mentorship.mentor)
    told, code = await closed_with(mentor_socket)
    assert code == 4011
    assert told["detail"] == rooms.ENDED_DETAIL
    await db(mentorship.refresh_from_db)()
    assert not mentorship.is_active
