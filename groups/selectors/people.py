"""A member's page inside a group: their posts there, as the group's threads show them.

Nothing here reaches past the persona: its posts are in its own group's threads only (a
persona belongs to one space), and no account, other persona or other group is read.
"""

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from community.models import Persona
from groups.models import Post


def posts_by(persona: Persona, *, viewer: Persona) -> QuerySet[Post]:
    """`persona`'s posts, newest first, each with its thread and `position` (how many posts
    come before it in the thread, for the link to the page that shows it).

    The same posts the thread pages show: deleted and hidden ones keep their place (the page
    says "deleted", "hidden", as the thread does); a thread a moderator hid is not there for
    members; a held post or thread is its author's alone. One query for a page of posts.
    """
    return (
        Post.objects.filter(author=persona, thread__hidden_at__isnull=True)
        .filter(Q(held_at__isnull=True) | Q(author=viewer))
        .filter(Q(thread__held_at__isnull=True) | Q(thread__author=viewer))
        .select_related("thread")
        .annotate(position=Coalesce(_earlier_posts_count(), Value(0)))
        .order_by("-created", "-pk")
    )


def _earlier_posts_count():
    """The count `Post.get_absolute_url` makes for one post, as a subquery for a page of them:
    published posts of the same thread before it."""
    earlier = Post.objects.filter(thread=OuterRef("thread"), held_at__isnull=True).filter(
        Q(created__lt=OuterRef("created")) | Q(created=OuterRef("created"), pk__lt=OuterRef("pk"))
    )
    counted = earlier.order_by().values("thread").annotate(count=Count("pk")).values("count")
    return Subquery(counted, output_field=IntegerField())
