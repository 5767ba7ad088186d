from django.apps import AppConfig


class MentoringConfig(AppConfig):
    name = "mentoring"
    verbose_name = "Peer mentoring"

    def ready(self):
        # Imported here: the models they use are loaded only now.
        from mentoring import blocks, rooms, spaces

        spaces.register()
        rooms.register()
        blocks.connect()
