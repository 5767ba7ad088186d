"""Broadcasts never fail the service that stored the change (chat/realtime.py)."""

import asyncio

import pytest

from chat.models import Message
from tests.chat.conftest import send

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_broadcast_from_sync_code_inside_a_running_loop_does_not_fail_the_caller(live, member):
    """A service called synchronously from a thread that runs an event loop (a script driving an
    async library) still stores its change; the broadcast is scheduled on that loop."""

    async def call_the_service_synchronously():
        message = send(member, live.room, "From inside a loop.")
        await asyncio.sleep(0)  # let the scheduled broadcast run
        return message

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        message = asyncio.run(call_the_service_synchronously())
    assert Message.objects.filter(pk=message.pk).exists()
