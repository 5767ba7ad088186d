"""Migration 0004: existing blocks keep acting, in the space of the persona they were made on;
a notification's actor account becomes its persona in the one space the two accounts share."""

import pytest

from tests.migrations import migrate

BEFORE = [
    ("community", "0003_notification_actor"),
    ("groups", "0002_one_pending_request_per_persona"),
]
AFTER = [("community", "0004_blocks_per_space_and_notification_actor_persona")]


@pytest.mark.django_db(transaction=True)
def test_blocks_and_notification_actors_are_carried_over(back_to_latest):
    old = migrate(BEFORE)
    Account = old.get_model("community", "Account")
    Space = old.get_model("community", "Space")
    Persona = old.get_model("community", "Persona")
    blocker, other = (Account.objects.create(email=f"{n}@example.org") for n in ("a", "b"))
    shared, elsewhere = Space.objects.create(kind="group"), Space.objects.create(kind="group")
    theirs = Persona.objects.create(account=other, space=shared, name="Crow", name_key="crow")
    Persona.objects.create(account=other, space=elsewhere, name="Otter", name_key="otter")
    Persona.objects.create(account=blocker, space=shared, name="Wren", name_key="wren")
    old.get_model("community", "Block").objects.create(
        blocker=blocker, blocked=other, via_persona=theirs
    )
    old.get_model("community", "Notification").objects.create(
        account=blocker, actor=other, kind="reply", text="Crow replied"
    )

    new = migrate(AFTER)

    block = new.get_model("community", "Block").objects.get()
    assert (block.persona_id, block.blocked_account_id) == (theirs.pk, other.pk)
    notification = new.get_model("community", "Notification").objects.get()
    assert notification.actor_persona_id == theirs.pk  # the only space both are in
