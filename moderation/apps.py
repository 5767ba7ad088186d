from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "moderation"
    verbose_name = "Moderation"
    # Where community.urls includes this app's urls.py.
    url_prefix = "moderation/"
