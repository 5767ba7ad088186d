"""Opaque public ids: what URLs, frames and templates carry instead of primary keys."""

import secrets

PUBLIC_ID_LENGTH = 16


def new_public_id() -> str:
    # 12 random bytes -> 16 url-safe characters; letters, digits, '-' and '_' only, so the id
    # is also a valid channel-layer group name part.
    return secrets.token_urlsafe(12)
