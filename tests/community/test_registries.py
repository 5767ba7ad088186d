"""The registries each app fills from its own folder (DESIGN.md §4, "Seams"): notification
kinds and space kinds. Community keeps no list of apps, so what is asserted here arrives only
because groups registered it."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community import notification_kinds, spaces
from community.models import Block, Notification, Space
from community.services.notifications import notify
from groups import notification_kinds as group_kinds
from groups.spaces import SPACE_KIND
from tests.factories import BlockFactory, GroupFactory, PersonaFactory


def test_groups_registers_the_notification_kinds_it_sends():
    choices = dict(Notification._meta.get_field("kind").choices)
    assert choices[group_kinds.REPLY] == "Reply in a thread you posted in"
    assert {"reply", "reaction", "join_request", "join_decision"} <= choices.keys()


@pytest.mark.django_db
def test_notify_refuses_a_kind_no_app_registered(account):
    with pytest.raises(ValueError, match="'replied'.*register_kind"):
        notify(account=account, kind="replied", text="Someone replied")
    assert not Notification.objects.filter(account=account).exists()


def test_a_kind_cannot_be_registered_twice_with_different_labels():
    with pytest.raises(ImproperlyConfigured, match="reply"):
        notification_kinds.register_kind(group_kinds.REPLY, "Something else")
    assert dict(notification_kinds.kind_choices())[group_kinds.REPLY] == (
        "Reply in a thread you posted in"
    )


def test_space_kinds_are_those_the_apps_register():
    assert Space._meta.get_field("kind").choices == [
        (SPACE_KIND, "Affinity group"),
        ("mentorship", "Mentorship"),
        ("mentor", "Mentoring"),
    ]


@pytest.mark.django_db
def test_groups_names_and_links_its_spaces():
    first, second = GroupFactory(name="Night shift"), GroupFactory(name="Founders")
    names = spaces.names_of_spaces([first.space, second.space])
    assert names == {first.space.pk: "Night shift", second.space.pk: "Founders"}
    assert spaces.url_of_space(first.space) == f"/groups/{first.slug}/"


@pytest.fixture
def circle_kind(monkeypatch):
    """A second kind of space, as another app would register it; records each names_of call."""
    monkeypatch.setattr(spaces, "_kinds", dict(spaces._kinds))
    calls = []

    def names_of(members):
        calls.append(sorted(space.pk for space in members))
        return {space.pk: f"Circle {space.public_id[:4]}" for space in members}

    spaces.register_space_kind(
        "circle", label="Circle", names_of=names_of, url_of=lambda space: "/circles/"
    )
    return calls


def block_in(space: Space, blocker) -> Block:
    return BlockFactory(blocker=blocker, persona=PersonaFactory(space=space))


@pytest.mark.django_db
def test_the_block_list_names_each_space_with_one_query_per_kind(
    member_client, account, circle_kind
):
    block_in(GroupFactory(name="Night shift").space, account)
    with CaptureQueriesContext(connection) as one_block:
        member_client.get("/settings/blocks/")

    groups = [GroupFactory(name=name) for name in ("Founders", "Coming back")]
    circles = [Space.objects.create(kind="circle") for _ in range(2)]
    for space in [group.space for group in groups] + circles:
        block_in(space, account)
    with CaptureQueriesContext(connection) as five_blocks:
        response = member_client.get("/settings/blocks/")

    page = response.content.decode()
    assert response.status_code == 200
    for name in ("Night shift", "Founders", "Coming back"):
        assert f"<td><bdi>{name}</bdi></td>" in page
    for circle in circles:
        assert f"<td><bdi>Circle {circle.public_id[:4]}</bdi></td>" in page
    # The circles' names came from one call with both spaces, and the three groups' names
    # from the one query that named a single group.
    assert circle_kind == [sorted(space.pk for space in circles)]
    assert len(five_blocks.captured_queries) == len(one_block.captured_queries)


@pytest.mark.django_db
def test_a_space_of_a_kind_no_app_registers_is_listed_without_a_place(member_client, account):
    block = block_in(Space.objects.create(kind="uninstalled"), account)
    response = member_client.get("/settings/blocks/")
    page = response.content.decode()
    assert response.status_code == 200
    assert block.persona.name in page
    assert "private conversation" not in page
