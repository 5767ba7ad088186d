from django.apps import AppConfig


class ChatConfig(AppConfig):
    name = "chat"
    verbose_name = "Live chat"
    # Where community.urls includes this app's urls.py.
    url_prefix = "chat/"

    def ready(self):
        # Imported here: the models they use are loaded only now.
        from chat import broadcast, group_page, home_section, notification_kinds

        notification_kinds.register()
        group_page.register()
        home_section.register()
        broadcast.connect_listeners()
