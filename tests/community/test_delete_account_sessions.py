"""Deleting an account removes its stored sessions too: each row holds the account's pk and,
once the account is gone, is personal data kept for nothing. Other members' sessions stay."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.test import Client

from community.services.accounts import delete_account

pytestmark = pytest.mark.django_db


def sessions_of(account_pk: int) -> list[Session]:
    # By pk: once deleted, the account object's own pk is None.
    return [
        session
        for session in Session.objects.all()
        if session.get_decoded().get(SESSION_KEY) == str(account_pk)
    ]


def log_in(account) -> None:
    Client().force_login(account)


def test_every_stored_session_of_the_deleted_account_is_removed(account):
    log_in(account)
    log_in(account)
    account_pk = account.pk
    assert len(sessions_of(account_pk)) == 2
    delete_account(account=account, keep_content=True)
    assert sessions_of(account_pk) == []


def test_other_accounts_stay_logged_in(account, other_account):
    log_in(account)
    log_in(other_account)
    delete_account(account=account, keep_content=False)
    assert len(sessions_of(other_account.pk)) == 1
