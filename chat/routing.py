"""WebSocket routes. The room consumer arrives with the chat issue."""

websocket_urlpatterns: list = []
