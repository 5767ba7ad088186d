from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules

# Modules an app may provide to register what it contributes to a shared mechanism (DESIGN.md
# §4, "Seams"). Imported in INSTALLED_APPS order, so registries keep that order.
CONTRIBUTION_MODULES = ("exports", "demo")


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = "Community and identity"

    def ready(self):
        autodiscover_modules(*CONTRIBUTION_MODULES)
