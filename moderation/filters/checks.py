"""A system check for the filters' settings: an unknown phone region would quietly recognize
no national numbers at all, so Lantern refuses to start with one."""

import phonenumbers
from django.core import checks

from moderation.app_settings import app_settings


@checks.register()
def check_phone_regions(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    unknown = [
        region
        for region in app_settings.PHONE_REGIONS
        if str(region).upper() not in phonenumbers.SUPPORTED_REGIONS
    ]
    if not unknown:
        return []
    return [
        checks.Error(
            f"MODERATION_PHONE_REGIONS names unknown regions: {', '.join(map(str, unknown))}.",
            hint="Use two-letter region codes such as US, GB, DE (ISO 3166-1 alpha-2).",
            id="moderation.E001",
        )
    ]
