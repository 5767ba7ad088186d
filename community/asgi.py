"""ASGI entry point: HTTP through Django, WebSockets through Channels (DESIGN.md §5)."""

import os
from importlib import import_module

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "community.settings")
# Django must be set up before anything imports models (the consumers do).
django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402
from django.apps import apps  # noqa: E402
from django.utils.module_loading import module_has_submodule  # noqa: E402


def websocket_urlpatterns() -> list:
    """Every installed app's WebSocket routes, from its `routing` module, in INSTALLED_APPS
    order: this file names no app (DESIGN.md §4, "Seams")."""
    patterns = []
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, "routing"):
            # Only modules that define routes count (channels itself has a `routing` module).
            module = import_module(f"{config.name}.routing")
            patterns += getattr(module, "websocket_urlpatterns", [])
    return patterns


application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(URLRouter(websocket_urlpatterns()))
        ),
    }
)
