"""Migration groups 0012_search builds the full-text index on either database, backwards and
forwards, with the posts and threads already there; on SQLite, triggers a table rebuild
dropped are put back after `migrate` (groups/search_index.py)."""

import copy

import pytest
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection
from django.utils import timezone

from community.models import Account as AccountModel
from groups import search_index
from groups.models import Post
from groups.search import search
from tests.factories import MembershipFactory, ThreadFactory
from tests.migrations import migrate

BEFORE = [("groups", "0011_home")]
AFTER = [("groups", "0012_search")]


def index_objects() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT indexname FROM pg_indexes WHERE indexname IN "
                "('groups_post_search_vector', 'groups_thread_search_vector')"
            )
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE name IN ('groups_post_fts', "
                "'groups_thread_fts') OR (type = 'trigger' AND name LIKE 'groups_%_fts_%')"
            )
        return {name for (name,) in cursor.fetchall()}


@pytest.mark.django_db(transaction=True)
def test_backwards_removes_the_index_and_forwards_indexes_existing_rows(back_to_latest):
    assert index_objects()
    old = migrate(BEFORE)
    assert index_objects() == set()
    Space = old.get_model("community", "Space")
    Account = old.get_model("community", "Account")
    Persona = old.get_model("community", "Persona")
    Group = old.get_model("groups", "Group")
    Membership = old.get_model("groups", "Membership")
    Thread = old.get_model("groups", "Thread")
    Post = old.get_model("groups", "Post")
    space = Space.objects.create(kind="group")
    account = Account.objects.create(email="a@example.org")
    persona = Persona.objects.create(account=account, space=space, name="Wren", name_key="wren")
    group = Group.objects.create(
        space=space, name="Circle", slug="circle", description="d", invite_token="t1"
    )
    Membership.objects.create(group=group, persona=persona, guidelines_shown=True)
    thread = Thread.objects.create(
        group=group, author=persona, title="Written before the index", last_activity=timezone.now()
    )
    Post.objects.create(thread=thread, author=persona, body="an older pangolin", body_html="")

    migrate(AFTER)

    assert index_objects()
    account = AccountModel.objects.get(pk=account.pk)  # today's model, for the query
    _query, page = search(account, "pangolin")
    assert [result.post.body for result in page.object_list] == ["an older pangolin"]
    _query, page = search(account, "index")
    assert page.paginator.count == 1  # the title


@pytest.mark.django_db(transaction=True)
def test_triggers_a_table_rebuild_dropped_come_back_after_migrate():
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL keeps its generated column and index through ALTER TABLE")
    member = MembershipFactory()
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER groups_post_fts_insert")
    assert search_index.missing_sqlite_triggers(connection) == ["groups_post_fts_insert"]
    # Written while the trigger is missing, as a migration's own data step could.
    ThreadFactory(membership=member, body="a quokka unindexed")

    search_index.ensure_sqlite_triggers(connection)

    assert search_index.missing_sqlite_triggers(connection) == []
    _query, page = search(member.persona.account, "quokka")
    assert page.paginator.count == 1


@pytest.mark.django_db(transaction=True)
def test_a_real_table_rebuild_loses_the_triggers_and_migrate_puts_them_back():
    """What `ensure_sqlite_triggers` is for: Django's SQLite schema editor rebuilds
    groups_post for an AlterField (new table, copy, drop, rename), and the drop takes the
    triggers; post_migrate (here called as migrate would) puts them back."""
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL alters tables in place")
    member = MembershipFactory()
    ThreadFactory(membership=member, body="before the rebuild: narwhal")
    old_field = Post._meta.get_field("content_warning")
    new_field = copy.deepcopy(old_field)
    new_field.max_length = 201
    with connection.schema_editor() as editor:
        editor.alter_field(Post, old_field, new_field)
    try:
        assert len(search_index.missing_sqlite_triggers(connection)) == 3
        emit_post_migrate_signal(verbosity=0, interactive=False, db=connection.alias)
        assert search_index.missing_sqlite_triggers(connection) == []
        ThreadFactory(membership=member, body="after the rebuild: narwhal")
        _query, page = search(member.persona.account, "narwhal")
        assert page.paginator.count == 2
    finally:
        with connection.schema_editor() as editor:
            editor.alter_field(Post, new_field, old_field)
        search_index.ensure_sqlite_triggers(connection)
