"""Opaque public ids: what URLs, frames and templates carry instead of primary keys."""

import secrets

from django.db import models
from django.urls import register_converter

PUBLIC_ID_LENGTH = 16


def new_public_id() -> str:
    # 12 random bytes -> 16 url-safe characters; letters, digits, '-' and '_' only, so the id
    # is also a valid channel-layer group name part.
    return secrets.token_urlsafe(12)


class PublicIdField(models.CharField):
    """The `public_id` of every model that a URL, frame or template names: random, unique,
    set once on creation and never edited.

    `deconstruct()` reports the plain `CharField` the models declared before this field
    existed, so migrations see no change (and none is ever needed to adopt it).
    """

    FIXED_OPTIONS = {"max_length": 32, "unique": True, "default": new_public_id, "editable": False}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **{**kwargs, **self.FIXED_OPTIONS})

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.CharField", args, kwargs


class PublicIdConverter:
    """`<public_id:name>` in URL patterns: what `new_public_id` makes, and nothing else.

    A malformed id (a NUL byte, which PostgreSQL refuses in a query; a huge string; anything
    outside the URL-safe alphabet) is 404 at routing, before any view or query sees it.
    """

    regex = "[A-Za-z0-9_-]{1,64}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


# Registered once, here: every app's urls.py imports models first, and models import this.
register_converter(PublicIdConverter, "public_id")
