from django.apps import AppConfig


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
