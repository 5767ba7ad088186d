"""Sections other apps add to a group's page for its members, registered from their own
`AppConfig.ready()` (DESIGN.md §4: groups imports none of the apps above it).

    register_section(sessions_section)

A section is a function `(group, membership) -> dict | None`: a dict with the `template` to
include and whatever that template reads, or None to show nothing. It runs only for members
(`groups.access`), after the threads are loaded, and should cost one query at most.
"""

from collections.abc import Callable

Section = Callable[..., dict | None]

# Keyed by dotted name, so a ready() run twice does not add a section twice.
_sections: dict[str, Section] = {}


def register_section(section: Section) -> None:
    _sections[f"{section.__module__}.{section.__qualname__}"] = section


def sections_for(group, membership) -> list[dict]:
    """What each registered section shows to this member, in registration order."""
    shown = (section(group, membership) for section in _sections.values())
    return [section for section in shown if section is not None]
