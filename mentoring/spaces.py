"""Mentoring's kinds of space, registered with community.spaces from MentoringConfig.ready().

- "mentorship": one per mentorship, holding its two fresh personas.
- "mentor": one per mentor profile, holding the persona proposed mentees see; nobody else is
  ever in it, so the name is the mentor's in that one place only.

Neither has a name of its own (each is called by its label) nor hosts: only site moderators
act in them. Their pages come with the mentoring pages; until then they link nowhere.
"""

from community.models import Space
from community.spaces import register_space_kind

MENTORSHIP = "mentorship"
MENTOR = "mentor"


def no_names(spaces: list[Space]) -> dict[int, str]:
    """Nothing to look up: every such space is called by its kind's label."""
    return {}


def no_page(space: Space) -> str:
    return ""


def register() -> None:
    register_space_kind(MENTORSHIP, label="Mentorship", names_of=no_names, url_of=no_page)
    register_space_kind(MENTOR, label="Mentoring", names_of=no_names, url_of=no_page)
