"""Each app's part of a member's data export, registered by the app that holds the data.

An app adds its part from its own `exports.py` (found by `CommunityConfig.ready()`, the way
`django.contrib.admin` finds `admin.py`):

    from community import exports

    @exports.register
    def export_for(account: Account) -> dict[str, Any]:
        ...

A part returns JSON-ready data about that one account only, under keys of its own;
`community.services.accounts.export_account_data` merges the parts in registration order,
which is INSTALLED_APPS order.
"""

from collections.abc import Callable
from typing import Any

ExportPart = Callable[[Any], dict[str, Any]]

# Keyed by dotted name, so importing a module twice replaces its part instead of adding it again.
_parts: dict[str, ExportPart] = {}


def register(part: ExportPart) -> ExportPart:
    _parts[f"{part.__module__}.{part.__qualname__}"] = part
    return part


def registered_parts() -> list[ExportPart]:
    return list(_parts.values())
