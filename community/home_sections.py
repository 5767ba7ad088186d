"""Sections of the member home (`/home/`), registered by the apps that own them from their own
`AppConfig.ready()`; this module names no app (DESIGN.md §4).

    register_section(groups_section)

A section is a function `(account) -> dict | None`: a dict with the `template` to include
and whatever that template reads, or None to show nothing. It costs a fixed number of
queries, whatever the member's number of groups, threads or sessions.

The home is the one page where an account's spaces sit side by side, shown to its owner only.
A section shows each item with the persona of its own space and nothing else of anyone: no
line names two personas together, and nothing names another member but by the persona of
the space the line is about.
"""

from collections.abc import Callable

Section = Callable[..., dict | None]

# Keyed by dotted name, so a ready() run twice does not add a section twice.
_sections: dict[str, Section] = {}


def register_section(section: Section) -> None:
    _sections[f"{section.__module__}.{section.__qualname__}"] = section


def sections_for(account) -> list[dict]:
    """What each registered section shows to `account`, in registration order."""
    shown = (section(account) for section in _sections.values())
    return [section for section in shown if section is not None]
