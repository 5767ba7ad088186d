from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules

# Modules an app may provide to register what it contributes to a shared mechanism (DESIGN.md
# §4, "Seams"): its settings and the columns they must fit, its export and erasure parts, its
# demo seeder, what can be flagged in it, how its held content is published. Imported in
# INSTALLED_APPS order, so registries keep that order.
CONTRIBUTION_MODULES = ("app_settings", "exports", "erasure", "demo", "flagging", "screening")


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = "Community and identity"

    def ready(self):
        from django.conf import settings

        from community import (
            checks,  # noqa: F401 (registers the system checks)
            sessions,
        )
        from community.conf import register_length_limit

        # Pseudonym settings stay project-wide (community/settings.py); their column is ours.
        register_length_limit(
            "PERSONA_NAME_MAX_CHARS",
            "community.Persona.name",
            lambda: settings.PERSONA_NAME_MAX_CHARS,
        )
        autodiscover_modules(*CONTRIBUTION_MODULES)
        sessions.connect()
