"""WebSocket routes: one live room per URL (DESIGN.md §5)."""

from django.urls import path

from chat.consumers import RoomConsumer

websocket_urlpatterns = [
    path("ws/rooms/<str:room_public_id>/", RoomConsumer.as_asgi()),
]
