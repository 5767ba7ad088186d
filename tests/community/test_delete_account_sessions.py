"""Deleting an account ends every session it signed in, through usersessions' rows: the work
grows with the account's own sessions, not with everybody's. Other members stay logged in."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from community.services.accounts import delete_account
from tests.community.sessions_helpers import is_live, logged_in_client

pytestmark = pytest.mark.django_db


def test_every_session_of_the_deleted_account_is_ended(account):
    first, second = logged_in_client(account), logged_in_client(account)
    keys = [first.session.session_key, second.session.session_key]
    assert all(is_live(key) for key in keys)
    delete_account(account=account, keep_content=True)
    assert not any(is_live(key) for key in keys)
    assert first.get(reverse("settings")).status_code == 302


def test_other_accounts_stay_logged_in(account, other_account):
    logged_in_client(account)
    other = logged_in_client(other_account)
    delete_account(account=account, keep_content=False)
    assert is_live(other.session.session_key)
    assert other.get(reverse("settings")).status_code == 200


def test_no_session_but_the_accounts_own_is_read(account, other_account):
    """Deleting reads sessions by key, never the whole table (which once meant decoding every
    member's session)."""
    logged_in_client(account)
    for _ in range(3):
        logged_in_client(other_account)
    with CaptureQueriesContext(connection) as captured:
        delete_account(account=account, keep_content=True)
    session_queries = [query["sql"] for query in captured if "django_session" in query["sql"]]
    assert session_queries, "the account's session was not ended"
    whole_table = [sql for sql in session_queries if "session_key" not in sql.partition("WHERE")[2]]
    assert not whole_table, whole_table


def test_sessions_end_whatever_the_session_engine(settings, account):
    """Cached sessions cannot be listed by scanning a table; they end all the same."""
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    client = logged_in_client(account)
    key = client.session.session_key
    assert is_live(key)
    delete_account(account=account, keep_content=False)
    assert not is_live(key)
    assert client.get(reverse("settings")).status_code == 302
