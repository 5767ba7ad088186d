"""The benchmark's yardstick for chat: Channels' tutorial chat consumer, nothing more.

It joins a group per room, `group_send`s every frame it receives to that group and sends each
group event back out. No session check, no database, no validation: what any consumer pays
for Channels itself (its per-handler thread hop to close old database connections included).
`bench/chat_fanout.py` runs it beside Lantern's room consumer in the same run. Routed only by
`bench/asgi.py`, never by the product.
"""

import json

from channels.generic.websocket import AsyncWebsocketConsumer


class BareChatConsumer(AsyncWebsocketConsumer):
    async def connect(self):
        self.group_name = f"bare.{self.scope['url_route']['kwargs']['room']}"
        await self.channel_layer.group_add(self.group_name, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        await self.channel_layer.group_discard(self.group_name, self.channel_name)

    async def receive(self, text_data=None, bytes_data=None):
        frame = json.loads(text_data)
        await self.channel_layer.group_send(
            self.group_name, {"type": "chat.message", "message": frame}
        )

    async def chat_message(self, event):
        await self.send(text_data=json.dumps(event["message"]))
