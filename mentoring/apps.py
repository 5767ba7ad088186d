from django.apps import AppConfig


class MentoringConfig(AppConfig):
    name = "mentoring"
    verbose_name = "Peer mentoring"
    # Where community.urls includes this app's urls.py.
    url_prefix = "mentoring/"

    def ready(self):
        # Imported here: the models they use are loaded only now.
        from mentoring import blocks, flows, notification_kinds, rooms, spaces

        spaces.register()
        notification_kinds.register()
        rooms.register()
        blocks.connect()
        # After blocks: it tells the other side of the mentorships a block just ended.
        flows.connect()
