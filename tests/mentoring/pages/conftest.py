import pytest

from tests.mentoring.pages.world import MentoringWorld, build_mentoring_world


@pytest.fixture
def mworld(db) -> MentoringWorld:
    return build_mentoring_world()


@pytest.fixture
def client_of(client):
    """The test client logged in as `account` (one person per test client)."""
    from django.test import Client

    def client_of(account) -> Client:
        logged_in = Client()
        logged_in.force_login(account)
        return logged_in

    return client_of
