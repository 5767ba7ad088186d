"""Where a member's page in a group is (`groups:person`), for names shown in the group: beside
posts on the thread page, and in chat transcripts of the group's rooms."""

from django.urls import reverse

from groups.models import Group

# Any valid public id: reversed once per page, then cut off (see `people_path_prefix`).
_SOME_PUBLIC_ID = "x"


def people_path_prefix(group: Group) -> str:
    """`/groups/<slug>/people/`: a persona's page is this, its public id and "/". One URL
    lookup per page instead of one per name (a thread page links every author's)."""
    path = reverse("groups:person", args=[group.slug, _SOME_PUBLIC_ID])
    return path.removesuffix(f"{_SOME_PUBLIC_ID}/")


def person_path(prefix: str, persona) -> str:
    """The page of `persona` (an author in the group) under `prefix`; "" for a deleted
    account's, which shows as "former member" and has no page."""
    if persona is None or persona.is_former:
        return ""
    return f"{prefix}{persona.public_id}/"
