"""Lantern's outside address, for links that leave the site (notification emails).

`SITE_URL` says it when set. When it is empty (the default), the address is the origin of the
request being answered (scheme, host and port, as the browser reached us: `make run` on port
8010 gives links to port 8010), which `RequestOriginMiddleware` keeps for the duration of the
request. The host has passed `ALLOWED_HOSTS` by then (`request.get_host()` checks it), so a
forged Host header cannot put another site's address into an email.
"""

from contextvars import ContextVar

from django.conf import settings

from community.asgi_middleware import SyncAndAsyncMiddleware

_request_origin: ContextVar[str] = ContextVar("request_origin", default="")


def site_origin() -> str:
    """`SITE_URL` without its trailing slash, else the current request's origin, else ""."""
    return settings.SITE_URL.rstrip("/") or _request_origin.get()


class RequestOriginMiddleware(SyncAndAsyncMiddleware):
    """Remember the request's origin (e.g. "http://127.0.0.1:8010") while it is answered."""

    def handle(self, request):
        token = _request_origin.set(_origin_of(request))
        try:
            return self.get_response(request)
        finally:
            _request_origin.reset(token)

    async def __acall__(self, request):
        token = _request_origin.set(_origin_of(request))
        try:
            return await self.get_response(request)
        finally:
            _request_origin.reset(token)


def _origin_of(request) -> str:
    return f"{request.scheme}://{request.get_host()}"
