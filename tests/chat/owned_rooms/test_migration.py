"""Migration chat 0004: rooms made before it get their group's space."""

import pytest

from tests.migrations import migrate

BEFORE = [("chat", "0003_message_hidden_at")]
AFTER = [("chat", "0004_room_space")]


@pytest.mark.django_db(transaction=True)
def test_existing_rooms_take_their_groups_space(back_to_latest):
    old = migrate(BEFORE)
    Space = old.get_model("community", "Space")
    Group = old.get_model("groups", "Group")
    Room = old.get_model("chat", "Room")
    groups = [
        Group.objects.create(space=Space.objects.create(kind="group"), name=name, slug=name)
        for name in ("first", "second")
    ]
    rooms = [Room.objects.create(group=group, kind="session") for group in groups]
    rooms.append(Room.objects.create(group=groups[1], kind="quiet"))
    new = migrate(AFTER)
    spaces = dict(new.get_model("chat", "Room").objects.values_list("pk", "space_id"))
    assert spaces == {
        rooms[0].pk: groups[0].space_id,
        rooms[1].pk: groups[1].space_id,
        rooms[2].pk: groups[1].space_id,
    }
