"""Pages and WebSocket routes are wired from each app's own declarations: community.urls and
community.asgi name no app (DESIGN.md §4, "Seams")."""

from django.urls import get_resolver, path

from community.asgi import websocket_urlpatterns


def test_each_app_with_a_url_prefix_has_its_pages_included():
    included = {
        str(pattern.pattern): getattr(pattern.urlconf_module, "__name__", "")
        for pattern in get_resolver().url_patterns
        if hasattr(pattern, "urlconf_module")
    }
    assert included["groups/"] == "groups.urls"
    assert included["moderation/"] == "moderation.urls"


def test_websocket_routes_are_gathered_from_each_apps_routing_module(monkeypatch):
    import chat.routing

    route = path("ws/example/", lambda scope, receive, send: None)
    monkeypatch.setattr(chat.routing, "websocket_urlpatterns", [route])
    assert route in websocket_urlpatterns()
