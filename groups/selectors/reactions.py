"""Reaction counts and the viewer's own reactions for a page of posts, in one query.

Whether a viewer may see a post at all is `groups.access.access_post`.

Reactions by personas the viewer blocked still count in the totals: counts are anonymous, so
they reveal nothing of who reacted, and leaving some out would only tell the blocker which
posts the blocked persona reacted to.

The thread page calls `annotate_reactions(page_of_posts, viewer)` once; its fragment
(groups/_posts.jinja) then reads `post.reaction_buttons` without touching the database, so the
page costs the same whatever the number of posts or reactions.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Q

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

    Counts are anonymous totals; who reacted is never loaded. One query whatever the size of
    the page: a count per post and kind, with how many of them are the viewer's (0 or 1).
    """
    posts = list(posts)
    post_ids = [post.pk for post in posts]
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    mine: dict[int, set[str]] = defaultdict(set)
    if post_ids:
        viewer_id = viewer.pk if viewer is not None else None
        rows = (
            Reaction.objects.filter(post_id__in=post_ids)
            .values_list("post_id", "kind")
            .annotate(total=Count("pk"), own=Count("pk", filter=Q(persona_id=viewer_id)))
            .order_by()
        )
        for post_id, kind, total, own in rows:
            counts[post_id][kind] = total
            if own:
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
