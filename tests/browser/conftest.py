"""Browser tests: Playwright (sync API) driving Debian's Chromium against a live server.

Pages are served by pytest-django's `live_server` (WSGI, in a thread). The live chat needs
WebSockets, which it lacks: the chat tests (tests/browser/chat/) use `asgi_live_server`
instead, one daphne process for the whole session, reading the same test database (a SQLite
file for the browser session, since another process cannot see an in-memory one).

Nothing here downloads a browser: Chromium comes from Debian (`apt-get install chromium`) and
Playwright only drives it through `executable_path`. Every request a page makes must stay on
this machine (DESIGN.md §3): the quick-exit site is answered locally and anything else that
tries to leave is aborted and fails the test.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.test import Client
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, Route, sync_playwright

from tests.browser.threads import in_thread
from tests.world import World, build_world

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}
NEUTRAL_PAGE = (
    "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Weather</title>"
    "<link rel='icon' href='data:,'></head><body><h1>Weather</h1></body></html>"
)
PAGE_TIMEOUT_MS = 15_000
# How long daphne may take to start answering before the session gives up on it.
ASGI_SERVER_START_SECONDS = 30
ROOT = Path(__file__).resolve().parents[2]


def chromium_path() -> str:
    return os.environ.get("LANTERN_CHROMIUM") or "/usr/bin/chromium"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Every test in this folder is a browser test, whether or not its module says so."""
    folder = Path(__file__).parent
    for item in items:
        if folder in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    # Playwright's sync API keeps an event loop running in this thread, so Django would refuse
    # the test body's ORM calls (factories, sessions). Allowed for the browser session only, so
    # the other suites still catch sync database access from async code.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as running:
        yield running
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    path = chromium_path()
    if not Path(path).exists():
        # Fail, never skip: a CI run without a browser must not pass as if it had tested.
        pytest.fail(
            f"Chromium not found at {path}. Install Debian's package (apt-get install -y "
            "chromium) or set LANTERN_CHROMIUM to its path.",
            pytrace=False,
        )
    browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite, the browser session's test database is a file, so that the daphne process
    of `asgi_live_server` reads what the tests write (an in-memory one lives in one process)."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        folder = tmp_path_factory.mktemp("browser-db")
        database.setdefault("TEST", {})["NAME"] = str(folder / "test.sqlite3")


@dataclass
class AsgiLiveServer:
    url: str
    log: Path


def free_port(host: str) -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def database_url_for_server() -> str:
    """The test database (already created), as DATABASE_URL for the server process."""
    database = settings.DATABASES["default"]
    name = database["NAME"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        if str(name).startswith(("file:", ":memory:")) or "mode=memory" in str(name):
            pytest.fail(
                "The test database is in memory, which daphne cannot share: run the browser "
                "tests in their own session (make test-browser).",
                pytrace=False,
            )
        return f"sqlite:///{name}"
    user = database.get("USER") or ""
    password = f":{database['PASSWORD']}" if database.get("PASSWORD") else ""
    at = "@" if user else ""
    port = f":{database['PORT']}" if database.get("PORT") else ""
    return f"postgres://{user}{password}{at}{database['HOST']}{port}/{name}"


def wait_until_answering(server: subprocess.Popen, url: str, log: Path) -> None:
    deadline = time.monotonic() + ASGI_SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"daphne exited at start:\n{log.read_text()[-3000:]}", pytrace=False)
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"daphne did not answer in {ASGI_SERVER_START_SECONDS} s:\n{log.read_text()}")


@pytest.fixture(scope="session")
def asgi_live_server(django_db_setup, tmp_path_factory) -> Iterator[AsgiLiveServer]:
    """One daphne process (HTTP and WebSocket, Lantern's ASGI application) for the whole
    session, on the test database. LANTERN_ASGI_TEST_PORT picks its port (else a free one).

    It is another process: settings changed inside a test (the `settings` fixture), mail.outbox
    and the local cache are not shared with it; its environment sets what it needs.
    """
    host = "127.0.0.1"
    port = int(os.environ.get("LANTERN_ASGI_TEST_PORT") or free_port(host))
    url = f"http://{host}:{port}"
    log = tmp_path_factory.mktemp("asgi-server") / "daphne.log"
    environment = {
        **os.environ,
        "DATABASE_URL": database_url_for_server(),
        "SECURE_COOKIES": "0",  # plain HTTP, as the test's live_server
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
    }
    environment.pop("DEBUG", None)
    command = [sys.executable, "-m", "community.serve", "-b", host, "-p", str(port)]
    command.append("tests.browser.asgi:application")
    with log.open("w") as output:
        server = subprocess.Popen(  # noqa: S603 - this interpreter, fixed arguments
            command, cwd=ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT
        )
    try:
        wait_until_answering(server, url, log)
        yield AsgiLiveServer(url=url, log=log)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.fixture
def site_url(live_server) -> str:
    """The server the browser talks to: the WSGI live server, unless a folder overrides it
    (tests/browser/chat/ uses `asgi_live_server`)."""
    return live_server.url


@pytest.fixture(autouse=True)
def _plain_http_cookies(settings):
    """The live server speaks plain HTTP; secure-only cookies are a production concern."""
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False


@pytest.fixture(autouse=True)
def _fresh_outbox_and_limits():
    """Mail and allauth's rate-limit counters from one test must not leak into the next."""
    mail.outbox = []
    cache.clear()
    yield
    cache.clear()


class Leaks:
    """What pages tried that the no-third-party rule and the CSP forbid."""

    def __init__(self) -> None:
        self.outside_requests: list[str] = []
        self.csp_violations: list[str] = []


def is_quick_exit_target(url: str) -> bool:
    return url.split("#")[0] == settings.QUICK_EXIT_URL.split("#")[0]


@pytest.fixture
def leaks() -> Leaks:
    return Leaks()


@pytest.fixture
def open_context(browser: Browser, site_url: str, leaks: Leaks) -> Iterator:
    """Opens fresh, guarded contexts (no cookies or storage shared with any other test)."""
    opened: list[BrowserContext] = []

    def open_context() -> BrowserContext:
        context = browser.new_context(base_url=site_url)
        context.set_default_timeout(PAGE_TIMEOUT_MS)
        context.route("**/*", lambda route: keep_local(route, leaks))
        context.on("console", lambda message: record_csp_violation(leaks, message))
        opened.append(context)
        return context

    yield open_context
    for context in opened:
        context.close()
    assert not leaks.outside_requests, (
        f"A page tried to reach another site: {leaks.outside_requests}"
    )
    assert not leaks.csp_violations, f"The Content-Security-Policy blocked: {leaks.csp_violations}"


@pytest.fixture
def context(open_context) -> BrowserContext:
    return open_context()


def keep_local(route: Route, leaks: Leaks) -> None:
    """Answer the quick-exit site locally, let local requests through, stop everything else."""
    url = route.request.url
    host = urlsplit(url).hostname or ""
    if is_quick_exit_target(url):
        route.fulfill(status=200, content_type="text/html", body=NEUTRAL_PAGE)
    elif url.startswith(("data:", "blob:", "about:")) or host in LOCAL_HOSTS:
        route.continue_()
    else:
        leaks.outside_requests.append(url)
        route.abort()


def record_csp_violation(leaks: Leaks, message) -> None:
    if message.type == "error" and "Content Security Policy" in message.text:
        leaks.csp_violations.append(f"{message.location.get('url')}: {message.text}")


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


def add_session(context: BrowserContext, site_url: str, account) -> None:
    """Give `context` a logged-in session for `account`, without going through the login form."""
    client = Client()
    client.force_login(account)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": site_url}])


@pytest.fixture
def log_in(context: BrowserContext, site_url: str):
    """Log the test's own `context` in as an account."""

    def log_in(account) -> None:
        add_session(context, site_url, account)

    return log_in


@pytest.fixture
def page_as(open_context, site_url: str):
    """A page in a fresh guarded context, logged in as `account` (no one for None), at the
    `viewport` size if given: one person per context."""

    def page_as(account, viewport: dict | None = None) -> Page:
        context = open_context()
        if account is not None:
            add_session(context, site_url, account)
        page = context.new_page()
        if viewport:
            page.set_viewport_size(viewport)
        return page

    return page_as


@pytest.fixture
def world(live_server) -> World:
    """The groups world of tests/world.py, committed once the live server is up, so its
    requests read it (browser tests run with transaction=True). Built in a worker thread:
    blocking a persona tells open sockets through `async_to_sync` (tests/browser/threads.py)."""
    return in_thread(build_world)
