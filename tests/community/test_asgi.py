"""The ASGI application: WebSockets from another site's pages are refused before any consumer
runs (AllowedHostsOriginValidator), and plain HTTP goes through Django."""

import pytest
from asgiref.sync import async_to_sync
from channels.testing import HttpCommunicator, WebsocketCommunicator

from community.asgi import application


async def _connect(origin: bytes) -> tuple[bool, object]:
    communicator = WebsocketCommunicator(
        application, "/ws/rooms/anything/", headers=[(b"origin", origin), (b"host", b"127.0.0.1")]
    )
    try:
        return await communicator.connect()
    finally:
        await communicator.disconnect()


@pytest.mark.django_db(transaction=True)
def test_a_websocket_from_another_sites_page_is_refused():
    connected, _ = async_to_sync(_connect)(b"https://evil.example")
    assert connected is False


@pytest.mark.django_db(transaction=True)
def test_http_requests_are_served_by_django():
    async def get_home():
        communicator = HttpCommunicator(application, "GET", "/", headers=[(b"host", b"127.0.0.1")])
        return await communicator.get_response()

    response = async_to_sync(get_home)()
    assert response["status"] == 200, response
    assert b"Quick exit" in response["body"]
