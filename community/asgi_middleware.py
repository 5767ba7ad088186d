"""Middleware that runs natively under ASGI as well as WSGI.

Under daphne, every sync-only middleware in the stack costs two thread hops per request, and a
thread parked in `async_to_sync` waits on the event loop forever once SIGTERM has stopped that
loop: daphne then never exits (issue 9, section 6). WhiteNoise 6 has no async support, so its
middleware is extended here rather than replaced; `tests/faults/test_middleware_is_async.py`
keeps the whole stack async-capable.
"""

from asgiref.sync import iscoroutinefunction, markcoroutinefunction, sync_to_async
from whitenoise.middleware import WhiteNoiseMiddleware


class SyncAndAsyncMiddleware:
    """Base: calls `handle(request)` on a sync stack and `await __acall__(request)` on an
    async one, so no thread hop is added either way. Django hands a middleware a coroutine
    `get_response` on an async stack; `set_mode` marks the instance to match."""

    sync_capable = True
    async_capable = True

    def __init__(self, get_response):
        self.get_response = get_response
        self.set_mode(get_response)

    def set_mode(self, get_response) -> None:
        self.async_mode = iscoroutinefunction(get_response)
        if self.async_mode:
            markcoroutinefunction(self)

    def __call__(self, request):
        if self.async_mode:
            return self.__acall__(request)
        return self.handle(request)

    def handle(self, request):
        raise NotImplementedError

    async def __acall__(self, request):
        raise NotImplementedError


class StaticFilesMiddleware(SyncAndAsyncMiddleware, WhiteNoiseMiddleware):
    """WhiteNoise's static files, answered on the event loop when Lantern runs under ASGI.

    The files are indexed once at start-up, so finding one is a dictionary lookup and opening
    it is cheap; only the development mode (autorefresh, which searches the disk on every
    request) does that work in a thread, which returns on its own and never waits on the loop.
    """

    def __init__(self, get_response=None, *args, **kwargs):
        WhiteNoiseMiddleware.__init__(self, get_response, *args, **kwargs)
        self.set_mode(get_response)

    def handle(self, request):
        return WhiteNoiseMiddleware.__call__(self, request)

    async def __acall__(self, request):
        if self.autorefresh:
            response = await sync_to_async(self._static_response, thread_sensitive=False)(request)
        else:
            response = self._static_response(request)
        if response is not None:
            return response
        return await self.get_response(request)

    def _static_response(self, request):
        if self.autorefresh:
            static_file = self.find_file(request.path_info)
        else:
            static_file = self.files.get(request.path_info)
        return None if static_file is None else self.serve(static_file, request)
