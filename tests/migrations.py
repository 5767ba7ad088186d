"""Data migration tests: run the migrations to a point, write rows with that point's models,
run on, read them back. Transactional tests (`django_db(transaction=True)`) only, with the
`back_to_latest` fixture of tests/conftest.py so later tests find the latest schema."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(targets):
    """Migrate the test database to `targets`; returns the app registry of that state."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def migrate_to_latest() -> None:
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
