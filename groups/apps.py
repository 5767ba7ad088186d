from django.apps import AppConfig
from django.db.models.signals import post_migrate


class GroupsConfig(AppConfig):
    name = "groups"
    verbose_name = "Affinity groups"
    # Where community.urls includes this app's urls.py.
    url_prefix = "groups/"

    def ready(self):
        # Imported here: the models they use are loaded only now.
        from groups import home_section, notification_kinds, notification_targets, spaces

        notification_kinds.register()
        notification_targets.register()
        spaces.register()
        home_section.register()
        post_migrate.connect(_repair_search_index, sender=self)


def _repair_search_index(sender, using, **kwargs):
    """SQLite drops a table's triggers when a migration rebuilds the table: put the search
    index's back (groups/search_index.py)."""
    from django.db import connections

    from groups import search_index

    search_index.ensure_sqlite_triggers(connections[using])
