"""Reaction counts and the viewer's own reactions for a page of posts, in two queries.

Whether a viewer may see a post at all is `groups.access.access_post`.

Reactions by personas the viewer blocked still count in the totals: counts are anonymous, so
they reveal nothing of who reacted, and leaving some out would only tell the blocker which
posts the blocked persona reacted to.

The thread page calls `annotate_reactions(page_of_posts, viewer)` once; the `_reactions.html`
partial then reads `post.reaction_buttons` without touching the database, so the page costs the
same whatever the number of posts or reactions.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count

from community.models import Persona
from groups.models import Post, Reaction


@dataclass(frozen=True)
class ReactionButton:
    kind: str
    label: str
    count: int
    pressed: bool  # the viewer's own reaction


def annotate_reactions(posts: Iterable[Post], viewer: Persona | None) -> list[Post]:
    """Set `post.reaction_buttons` (one per kind, in a fixed order) on each post.

    Counts are anonymous totals; who reacted is never loaded. Two queries whatever the size
    of the page: one grouped count, one for the viewer's own reactions (none without a viewer).
    """
    posts = list(posts)
    post_ids = [post.pk for post in posts]
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    mine: dict[int, set[str]] = defaultdict(set)
    if post_ids:
        rows = (
            Reaction.objects.filter(post_id__in=post_ids)
            .values_list("post_id", "kind")
            .annotate(total=Count("pk"))
            .order_by()
        )
        for post_id, kind, total in rows:
            counts[post_id][kind] = total
        if viewer is not None:
            own = Reaction.objects.filter(post_id__in=post_ids, persona=viewer).values_list(
                "post_id", "kind"
            )
            for post_id, kind in own:
                mine[post_id].add(kind)
    for post in posts:
        post.reaction_buttons = [
            ReactionButton(
                kind=kind,
                label=label,
                count=counts[post.pk].get(kind, 0),
                pressed=kind in mine[post.pk],
            )
            for kind, label in Reaction.Kind.choices
        ]
    return posts
