"""A reset name reaches live chat at once: the member's open sockets, which know the old name,
close (4010) and reconnect under the new one, and every hello shows only the new name. Through
the real ASGI app (tests/chat/sockets.py)."""

import pytest
from channels.db import database_sync_to_async

from community.models import Persona
from moderation.appeals import decide_appeal, submit_appeal
from moderation.services import flag_content
from tests.chat.conftest import schedule, send
from tests.chat.sockets import open_socket
from tests.factories import AccountFactory
from tests.moderation.conftest import act

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]

db = database_sync_to_async


@pytest.fixture
def live(host):
    from chat import services

    return services.open_session(membership=host, session=schedule(host))


@pytest.fixture
def name_item(author, flagger):
    return flag_content(
        reporter=flagger.persona.account, target=author.persona, reason="personal_info"
    ).item


def name_of(persona) -> str:
    return Persona.objects.get(pk=persona.pk).name


async def test_a_reset_closes_the_members_sockets_and_every_hello_has_the_new_name(
    live, author, flagger, moderator, name_item
):
    await db(send)(author, live.room, body="Hello from me.")
    socket, hello = await open_socket(author, live.room)
    assert hello["you"]["name"] == "Sharp Hawk"
    watcher, _ = await open_socket(flagger, live.room)

    await db(act)(moderator, name_item, "hide", rule="unmasking")
    new_name = await db(name_of)(author.persona)
    assert new_name != "Sharp Hawk"

    told = await socket.receive_until("error")
    assert told["code"] == "name_changed"
    assert (await socket.receive()) == {"type": "closed", "code": 4010}
    # Nobody else's socket is closed, nor told anything.
    assert await watcher.nothing_more()
    await watcher.close()

    again, hello = await open_socket(author, live.room)
    assert hello["you"]["name"] == new_name
    watcher, seen = await open_socket(flagger, live.room)
    for frames in (hello, seen):
        authors = {m["author"]["name"] for m in frames["messages"] if m["type"] == "message"}
        assert authors == {new_name}
        assert "Sharp Hawk" not in str(frames)
    # What the member sends now carries the new name to everyone.
    client_id = await again.send_message("Under my new name.")
    reply = await again.receive_reply(client_id)
    assert reply["author"]["name"] == new_name
    frame = await watcher.receive_until("message")
    assert frame["author"]["name"] == new_name
    await again.close()
    await watcher.close()


async def test_an_overturned_reset_gives_the_name_back_in_the_room_too(
    live, author, moderator, name_item
):
    action = await db(act)(moderator, name_item, "hide", rule="unmasking")
    reviewer = await db(AccountFactory)(is_staff=True)
    appeal = await db(submit_appeal)(
        account=author.persona.account, action=action, text="It is my nickname."
    )
    socket, hello = await open_socket(author, live.room)
    assert hello["you"]["name"] != "Sharp Hawk"

    await db(decide_appeal)(
        reviewer=reviewer, appeal=appeal, outcome="overturned", reason="Not a real name."
    )
    assert (await socket.receive_until("error"))["code"] == "name_changed"
    assert (await socket.receive())["code"] == 4010
    again, hello = await open_socket(author, live.room)
    assert hello["you"]["name"] == "Sharp Hawk"
    await again.close()
