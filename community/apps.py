from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = "Community and identity"

    def ready(self):
        # Each app registers what can be flagged in its own `flagging` module
        # (community/flagging.py); the shared layer keeps no list of apps.
        autodiscover_modules("flagging")
