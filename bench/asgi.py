"""The benchmark's ASGI application: Lantern's, plus the bare chat consumer at
/ws/bare/<room>/ (bench/bare_consumer.py), behind the same Origin check and session
middleware as Lantern's sockets. Served only by the benchmark's daphne processes.
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402
from django.urls import path  # noqa: E402

from bench.bare_consumer import BareChatConsumer  # noqa: E402
from community.asgi import django_asgi_app, websocket_urlpatterns  # noqa: E402

BARE_PATH = "/ws/bare/{room}/"

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(
                URLRouter(
                    [
                        path("ws/bare/<str:room>/", BareChatConsumer.as_asgi()),
                        *websocket_urlpatterns(),
                    ]
                )
            )
        ),
    }
)
