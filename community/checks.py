"""System checks run at startup (`manage.py migrate`, `runserver`, `check`).

A length setting larger than the column its text is stored in would let the service accept a
text the database then refuses: on PostgreSQL a DataError, a 500 for the member, on SQLite a
silently longer value. Refusing to start names the setting instead.
"""

from django.apps import apps
from django.core import checks

from community.conf import LengthLimit, length_limits


@checks.register()
def check_length_limits_fit_their_columns(app_configs=None, **kwargs) -> list[checks.Error]:
    errors = []
    for limit in length_limits():
        column = _field_of(limit)
        value = limit.read()
        if column.max_length is not None and value > column.max_length:
            errors.append(
                checks.Error(
                    f"{limit.setting} is {value}, but {limit.column} holds at most "
                    f"{column.max_length} characters.",
                    hint=f"Set {limit.setting} to {column.max_length} or less, or widen the "
                    "column with a migration.",
                    obj=column,
                    id="lantern.E001",
                )
            )
    return errors


def _field_of(limit: LengthLimit):
    app_label, model_name, field_name = limit.column.split(".")
    return apps.get_model(app_label, model_name)._meta.get_field(field_name)
