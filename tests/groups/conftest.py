import pytest

from community.models import Account
from tests.factories import AccountFactory, GroupFactory


@pytest.fixture
def group(db):
    return GroupFactory(name="Women in engineering", slug="women-in-engineering")


@pytest.fixture
def staff(db):
    return AccountFactory(is_staff=True)


@pytest.fixture
def advocate(db):
    return AccountFactory(role=Account.Role.ADVOCATE)
