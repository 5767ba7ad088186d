"""The kinds of notification there are, each registered by the app that sends it.

An app calls `register_kind(value, label)` from its `AppConfig.ready()` for every kind it
sends, and uses named constants for the values. `Notification.kind` takes its choices from here,
and `notify()` refuses a kind nobody registered: a typo would otherwise store notifications no
page knows how to describe.
"""

from django.core.exceptions import ImproperlyConfigured

_labels: dict[str, str] = {}


def register_kind(value: str, label: str) -> None:
    if _labels.get(value, label) != label:
        raise ImproperlyConfigured(
            f"Notification kind {value!r} is registered twice, as {_labels[value]!r} and {label!r}."
        )
    _labels[value] = label


def kind_choices() -> list[tuple[str, str]]:
    """(value, label) of every registered kind, for `Notification.kind`'s choices."""
    return list(_labels.items())


def is_registered(value: str) -> bool:
    return value in _labels
