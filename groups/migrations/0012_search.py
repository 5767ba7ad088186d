"""Full-text search: GIN expression indexes on PostgreSQL, FTS5 tables and triggers on SQLite
(groups/search_index.py). Existing posts and threads are indexed as the index is built."""

from django.db import migrations


def create_index(apps, schema_editor):
    from groups import search_index

    search_index.create(schema_editor)


def drop_index(apps, schema_editor):
    from groups import search_index

    search_index.drop(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("groups", "0011_home")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
