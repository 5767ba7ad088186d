from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "moderation"
    verbose_name = "Moderation"
    # Where community.urls includes this app's urls.py.
    url_prefix = "moderation/"

    def ready(self):
        from community import flagging
        from moderation.services import flag_content

        flagging.set_recorder(flag_content)
