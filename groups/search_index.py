"""The full-text index behind groups/search.py, one per database vendor.

- PostgreSQL: a stored generated `search_vector` column (`to_tsvector('english', ...)` of the
  post's body, of the thread's title) with a GIN index on it. Stored, not an expression index:
  for a word found in most posts the planner reads the table rather than the index, and with an
  expression index it would then run to_tsvector on every row (measured: 1.5 s over 10,000
  posts, against milliseconds with the column; bench/README.md). The column is not a model
  field: PostgreSQL fills it, Django never reads or writes it, and migrations do not know it
  (a later migration that changes the type of `body` or `title` must drop and re-add it).
- SQLite: two FTS5 tables with external content (`groups_post_fts` over `groups_post.body`,
  `groups_thread_fts` over `groups_thread.title`), kept in step by triggers, tokenized with
  Porter stemming over unicode61 (diacritics folded), close to PostgreSQL's English stemming.

Both index the Markdown source the member typed, never the rendered HTML (no tag names or
link targets to match). What a search may return (active groups, no held/hidden/deleted
content, no blocked persona) is decided by the query, not here: the index holds every row.

Created by migration 0010_search. On SQLite, Django rebuilds a table for many schema changes
(new table, copy, drop, rename) and the drop takes the table's triggers with it; so after every
`migrate`, `ensure_sqlite_triggers` puts back missing triggers and rebuilds the index from the
tables (groups/apps.py connects it to post_migrate).
"""

# PostgreSQL's text search configuration; the index and the query must name the same one.
CONFIG = "english"

# index name: (table, column indexed); the generated column is `search_vector` in each table.
_PG_INDEXES = {
    "groups_post_search_vector": ("groups_post", "body"),
    "groups_thread_search_vector": ("groups_thread", "title"),
}
PG_COLUMN = "search_vector"

# (FTS table, content table, column)
_SQLITE_TABLES = (
    ("groups_post_fts", "groups_post", "body"),
    ("groups_thread_fts", "groups_thread", "title"),
)
_TOKENIZER = "porter unicode61 remove_diacritics 2"


def _pg_create(cursor) -> None:
    for index, (table, column) in _PG_INDEXES.items():
        # Existing rows get their vector as the column is added (a table rewrite).
        cursor.execute(
            f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {PG_COLUMN} tsvector GENERATED ALWAYS "
            f"AS (to_tsvector('{CONFIG}'::regconfig, COALESCE({column}, ''))) STORED"
        )
        cursor.execute(f"CREATE INDEX IF NOT EXISTS {index} ON {table} USING GIN ({PG_COLUMN})")


def _pg_drop(cursor) -> None:
    for index, (table, _column) in _PG_INDEXES.items():
        cursor.execute(f"DROP INDEX IF EXISTS {index}")
        cursor.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS {PG_COLUMN}")


def _sqlite_triggers(fts: str, table: str, column: str) -> dict[str, str]:
    """External-content FTS5 needs the old value to delete a row from the index."""
    # Names from this module's constants only, never from input.
    delete = f"INSERT INTO {fts}({fts}, rowid, {column}) VALUES ('delete', old.id, old.{column});"  # noqa: S608, E501
    insert = f"INSERT INTO {fts}(rowid, {column}) VALUES (new.id, new.{column});"  # noqa: S608
    return {
        f"{fts}_insert": f"AFTER INSERT ON {table} BEGIN {insert} END",
        f"{fts}_delete": f"AFTER DELETE ON {table} BEGIN {delete} END",
        f"{fts}_update": f"AFTER UPDATE OF {column} ON {table} BEGIN {delete} {insert} END",
    }


def _sqlite_create(cursor) -> None:
    for fts, table, column in _SQLITE_TABLES:
        cursor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({column}, "
            f"content='{table}', content_rowid='id', tokenize='{_TOKENIZER}')"
        )
        for name, body in _sqlite_triggers(fts, table, column).items():
            cursor.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")
        # Rows written before the index existed.
        cursor.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")  # noqa: S608


def _sqlite_drop(cursor) -> None:
    for fts, table, column in _SQLITE_TABLES:
        for name in _sqlite_triggers(fts, table, column):
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        cursor.execute(f"DROP TABLE IF EXISTS {fts}")


def create(schema_editor) -> None:
    """Build the index for the database of `schema_editor` (a migration's)."""
    vendor = schema_editor.connection.vendor
    with schema_editor.connection.cursor() as cursor:
        if vendor == "postgresql":
            _pg_create(cursor)
        elif vendor == "sqlite":
            _sqlite_create(cursor)


def drop(schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    with schema_editor.connection.cursor() as cursor:
        if vendor == "postgresql":
            _pg_drop(cursor)
        elif vendor == "sqlite":
            _sqlite_drop(cursor)


def missing_sqlite_triggers(connection) -> list[str]:
    """The index's triggers that are not there, while its FTS tables are (else none)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT type, name FROM sqlite_master WHERE type IN ('table', 'trigger')")
        present = {(kind, name) for kind, name in cursor.fetchall()}
    missing = []
    for fts, table, column in _SQLITE_TABLES:
        if ("table", fts) not in present:
            continue  # migrated back before 0010_search, or not yet forward
        missing += [
            name
            for name in _sqlite_triggers(fts, table, column)
            if ("trigger", name) not in present
        ]
    return missing


def ensure_sqlite_triggers(connection) -> None:
    """Put back triggers a table rebuild dropped, then reindex: rows written meanwhile by the
    migration itself were not indexed."""
    if connection.vendor != "sqlite" or not missing_sqlite_triggers(connection):
        return
    with connection.cursor() as cursor:
        for fts, table, column in _SQLITE_TABLES:
            for name, body in _sqlite_triggers(fts, table, column).items():
                cursor.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")
            cursor.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")  # noqa: S608
