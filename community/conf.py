"""Each app's settings and their defaults, declared in the app's own `app_settings.py`.

In the manner of django-allauth's `app_settings`: an app writes

    app_settings = AppSettings(
        "THINGS_", MAX_TITLE_CHARS=Setting(120, columns=["things.Thing.title"])
    )

and reads `app_settings.MAX_TITLE_CHARS`. The value comes from `django.conf.settings.THINGS_
MAX_TITLE_CHARS` when that exists (so a test's `settings.THINGS_MAX_TITLE_CHARS = 5` still
overrides it), else from the environment variable of the same name (parsed as environs parses
`community/settings.py`'s variables), else the default. It is read on every access, never
cached at import, so the settings module needs no line per app setting.

A length setting names the columns it must fit (`columns`), and `community.checks` refuses to
start when it does not: on PostgreSQL a text longer than its column is a DataError, a 500 for
the member, where the service would have given a clear message.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from environs import Env

_environment = Env()

# How a default's type is read from the environment: environs' parser of the same kind.
_PARSERS: dict[type, Callable[..., Any]] = {
    bool: _environment.bool,  # before int: bool is a subclass of int
    int: _environment.int,
    float: _environment.float,
    str: _environment.str,
    list: _environment.list,
}


@dataclass(frozen=True)
class Setting:
    default: Any
    # "app_label.Model.field" of each column a value of this (length) setting is stored in.
    columns: Iterable[str] = field(default_factory=tuple)


@dataclass(frozen=True)
class LengthLimit:
    setting: str  # the full name, e.g. GROUPS_MAX_TITLE_CHARS
    column: str  # "app_label.Model.field"
    read: Callable[[], int]


# Keyed by (setting, column): an AppConfig.ready() run twice (tests that swap apps) must not
# report each problem twice.
_length_limits: dict[tuple[str, str], LengthLimit] = {}


def register_length_limit(setting: str, column: str, read: Callable[[], int]) -> None:
    """Declare that values limited by `setting` are stored in `column` ("app.Model.field")."""
    _length_limits[setting, column] = LengthLimit(setting=setting, column=column, read=read)


def length_limits() -> list[LengthLimit]:
    return list(_length_limits.values())


def _parser_for(default: Any) -> Callable[..., Any]:
    for kind, parser in _PARSERS.items():
        if isinstance(default, kind):
            return parser
    raise TypeError(f"No environment parser for a {type(default).__name__} default.")


class AppSettings:
    """The settings of one app, each named `prefix` + attribute name outside the code."""

    def __init__(self, prefix: str, **declared: Setting):
        self._prefix = prefix
        self._declared = declared
        for name, setting in declared.items():
            _parser_for(setting.default)  # a default of an unknown type fails at import
            for column in setting.columns:
                register_length_limit(prefix + name, column, self._reader(name))

    def _reader(self, name: str) -> Callable[[], int]:
        return lambda: getattr(self, name)

    def __getattr__(self, name: str) -> Any:
        # Only called for names not found normally, i.e. the declared settings.
        declared = self.__dict__.get("_declared", {})
        if name not in declared:
            raise AttributeError(f"{self.__dict__.get('_prefix', '')}{name} is not declared.")
        full_name = self._prefix + name
        if hasattr(settings, full_name):
            return getattr(settings, full_name)
        default = declared[name].default
        return _parser_for(default)(full_name, default)
