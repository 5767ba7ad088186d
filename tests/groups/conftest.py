import pytest
from django.core.cache import cache

from community.models import Account
from groups.models import Group, Membership
from tests.factories import AccountFactory, PersonaFactory, SpaceFactory


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate limits live in the cache; each test starts with none used."""
    cache.clear()
    yield
    cache.clear()


def make_group(**fields) -> Group:
    count = Group.objects.count() + 1
    defaults = {
        "name": f"Test group {count}",
        "slug": f"test-group-{count}",
        "description": "A place to talk.",
        "guidelines": "Be kind. What is said here stays here.",
    }
    defaults.update(fields)
    return Group.objects.create(space=SpaceFactory(), **defaults)


def add_member(group: Group, account: Account | None = None, **fields) -> Membership:
    persona_fields = {"name": fields.pop("name")} if "name" in fields else {}
    persona = PersonaFactory(
        space=group.space, account=account or AccountFactory(), **persona_fields
    )
    return Membership.objects.create(group=group, persona=persona, **fields)


@pytest.fixture
def group(db):
    return make_group(name="Women in engineering", slug="women-in-engineering")


@pytest.fixture
def staff(db):
    return AccountFactory(is_staff=True)


@pytest.fixture
def advocate(db):
    return AccountFactory(role=Account.Role.ADVOCATE)
