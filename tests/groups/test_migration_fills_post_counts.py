"""Migration groups 0010: existing threads get their stored post counts, as recount_thread
keeps them (held posts hold no place; deleted and hidden ones keep theirs but are not shown as
posts)."""

import pytest
from django.utils import timezone

from tests.migrations import migrate

BEFORE = [("groups", "0010_notify")]
AFTER = [("groups", "0011_home")]


@pytest.mark.django_db(transaction=True)
def test_existing_threads_get_their_counts(back_to_latest):
    old = migrate(BEFORE)
    Space = old.get_model("community", "Space")
    Account = old.get_model("community", "Account")
    Persona = old.get_model("community", "Persona")
    Group = old.get_model("groups", "Group")
    Thread = old.get_model("groups", "Thread")
    Post = old.get_model("groups", "Post")
    space = Space.objects.create(kind="group")
    persona = Persona.objects.create(
        account=Account.objects.create(email="a@example.org"),
        space=space,
        name="Wren",
        name_key="wren",
    )
    group = Group.objects.create(
        space=space, name="Circle", slug="circle", description="d", invite_token="t1"
    )
    now = timezone.now()
    busy = Thread.objects.create(group=group, author=persona, title="Busy", last_activity=now)
    empty = Thread.objects.create(group=group, author=persona, title="Empty", last_activity=now)
    for state in ({}, {}, {"deleted_at": now}, {"hidden_at": now}, {"held_at": now}):
        Post.objects.create(thread=busy, author=persona, body="x", body_html="x", **state)

    new = migrate(AFTER)
    Thread = new.get_model("groups", "Thread")
    assert Thread.objects.filter(pk=busy.pk).values_list(
        "post_count", "visible_post_count"
    ).get() == (4, 2)
    assert Thread.objects.filter(pk=empty.pk).values_list(
        "post_count", "visible_post_count"
    ).get() == (0, 0)
