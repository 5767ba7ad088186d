from collections.abc import Callable, Iterator

import pytest
from django.db import transaction
from django.test import override_settings

from tests.daphne import Daphne
from tests.factories import DEMO_PASSWORD, AccountFactory
from tests.world import World, build_world

FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def password():
    return DEMO_PASSWORD


@pytest.fixture
def account(db):
    return AccountFactory()


@pytest.fixture
def other_account(db):
    return AccountFactory()


@pytest.fixture
def member_client(client, account):
    client.force_login(account)
    return client


@pytest.fixture(params=["visitor", "member"])
def any_client(request, client, account):
    """The test client twice: once logged out, once logged in as `account`."""
    if request.param == "member":
        client.force_login(account)
    return client


@pytest.fixture
def debug_on(settings):
    """For the demo seeders, which refuse to run with DEBUG off."""
    settings.DEBUG = True


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """PBKDF2's many rounds cost about a second per account here; tests need no such strength."""
    settings.PASSWORD_HASHERS = FAST_PASSWORD_HASHERS


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache: allauth's rate limits count in it, per IP, and
    the test client always comes from 127.0.0.1."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def back_to_latest():
    """After a data migration test (tests/migrations.py), the schema is the latest again."""
    yield
    from tests.migrations import migrate_to_latest

    migrate_to_latest()


@pytest.fixture
def world(db) -> World:
    """The groups world of tests/world.py, built for this test."""
    return build_world()


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker) -> Iterator[World]:
    """The same world built once for a whole module, as Django's `setUpTestData` does.

    It is written inside a transaction that each test's own (pytest-django's savepoint) nests
    in, so what one test changes is gone for the next, and all of it is rolled back after the
    module. For `django_db` tests only: one with transaction=True would empty the tables.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(PASSWORD_HASHERS=FAST_PASSWORD_HASHERS):
            built = build_world()
        # Blocked again between tests: a test without `django_db` must not reach the database.
        with django_db_blocker.block():
            yield built
        transaction.set_rollback(True)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite, the test database is a file (in this run's own temporary folder), like the
    embedded default, instead of Django's shared in-memory one.

    Concurrent tests (tests/faults/) need it: connections to a shared in-memory database lock
    whole tables and fail at once with "database table is locked" where a file in WAL mode
    makes a second writer wait, as it does in production.
    """
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        folder = tmp_path_factory.mktemp("database")
        database.setdefault("TEST", {})["NAME"] = str(folder / "test.sqlite3")


@pytest.fixture(scope="module")
def start_daphne(django_db_setup) -> Iterator[Callable[..., Daphne]]:
    """Starts real daphne processes on the test database (tests/daphne.py):
    `start_daphne("worker-1", redis_url=..., CHAT_LAYER_RETRY_SECONDS="1")`, the keywords being
    environment variables for the server's settings. Module-scoped, as each start costs a second
    or two: the servers serve every test of the module and stop after it. Their tests are
    `django_db(transaction=True)`, so what the test writes is committed where the servers read.
    """
    started: list[Daphne] = []

    def start(name: str = "daphne", redis_url: str = "", **settings_env: str) -> Daphne:
        server = Daphne(name, redis_url=redis_url, **settings_env)
        started.append(server)
        return server.start()

    yield start
    for server in started:
        server.stop()


# Bounds the wait for real servers to forget the sockets a test leaves open (see below).
SERVERS_FORGET_WITHIN_SECONDS = 5.0
SERVERS_POLL_SECONDS = 0.05


@pytest.fixture(autouse=True)
def members_leave_before_the_flush():
    """Sockets a test left open to a real daphne (tests/ws_client.py) are closed after it, and
    the servers given a moment to forget them, before pytest-django empties the tables.

    Otherwise a server still serving them queries the tables while PostgreSQL's TRUNCATE takes
    them, and the flush can fail (it did once in CI, under load). Autouse fixtures of a
    conftest are set up after pytest-django's, so this one is torn down before its flush.
    """
    yield
    from tests.ws_client import drop_every_member

    if drop_every_member():
        _wait_for_servers_to_forget_their_sockets()


def _wait_for_servers_to_forget_their_sockets() -> None:
    import time

    from chat.models import Connection

    deadline = time.monotonic() + SERVERS_FORGET_WITHIN_SECONDS
    # A killed server's rows stay until a live one's heartbeat deletes them: the wait is
    # bounded, and not an assertion.
    while Connection.objects.exists() and time.monotonic() < deadline:
        time.sleep(SERVERS_POLL_SECONDS)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """When pytest-django's flush fails on PostgreSQL, the report shows what else held the
    database then, so a failure in CI says which session blocked it."""
    report = yield
    failed = call.excinfo is not None and "couldn't be flushed" in str(call.excinfo.value)
    if call.when == "teardown" and failed:
        report.sections.append(("PostgreSQL sessions at the failed flush", _other_sessions()))
    return report


def _other_sessions() -> str:
    import psycopg
    from django.db import connection

    database = connection.settings_dict
    if database["ENGINE"] != "django.db.backends.postgresql":
        return "(not PostgreSQL)"
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    params.pop("prepare_threshold", None)
    query = (
        "SELECT pid, state, wait_event_type, now() - xact_start, left(query, 300) "
        "FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
    )
    with psycopg.connect(**params) as diagnosis:
        rows = diagnosis.execute(query).fetchall()
    return "\n".join(" | ".join(str(value) for value in row) for row in rows) or "(none)"
