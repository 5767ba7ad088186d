"""Pseudonym generation and validation (DESIGN.md §1). Hardened by the personas work."""

import secrets

from coolname import generate
from django.conf import settings
from django.core.exceptions import ValidationError


def name_key(name: str) -> str:
    """The form two names are compared in: case-insensitive (confusables come later)."""
    return name.casefold().strip()


def suggest_name() -> str:
    """A readable pseudonym: adjective + animal + number, e.g. "Quiet Heron 42"."""
    adjective, animal = generate(2)
    return f"{adjective.capitalize()} {animal.capitalize()} {secrets.randbelow(90) + 10}"


def validate_name(name: str) -> None:
    if not settings.PERSONA_NAME_MIN_CHARS <= len(name) <= settings.PERSONA_NAME_MAX_CHARS:
        raise ValidationError(
            f"A name must be {settings.PERSONA_NAME_MIN_CHARS} to "
            f"{settings.PERSONA_NAME_MAX_CHARS} characters long.",
            code="length",
        )
