"""Running setup code off Playwright's event loop.

Playwright's sync API keeps an event loop running in the test's thread. Services that tell open
sockets (chat's on-commit broadcasts, the signals that close sockets when blocks or sessions
change) would leave their channel-layer sends as tasks on Playwright's loop there
(`chat.realtime.send`), to run whenever Playwright next yields to it. Browser tests build their
data through `in_thread` instead, where those sends run to the end as in a web request.
"""

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from django.db import connections


def in_thread(function: Callable, *args, **kwargs):
    """`function(*args, **kwargs)` in a worker thread; its database connection is closed after.

    What it writes is committed (browser tests run with transaction=True), so the test's thread
    and the live servers read it.
    """

    def call():
        try:
            return function(*args, **kwargs)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(call).result()
