"""Stored counts on threads, and members' read markers.

`recount_thread` is the one function that keeps `Thread.post_count` and
`Thread.visible_post_count` true: every path that creates a post or changes whether it is held,
hidden or deleted calls it (posting, editing, deleting, screening, moderation, erasure). It
counts one thread's posts (or a few threads' at once) when they change, so that no page view
ever counts posts.

Read markers (`ThreadRead`) are positions among the posts that hold a place in a thread's
pages, the same positions `Post.get_absolute_url` pages by: "N new" is `post_count - seen`.
"""

from django.db import connection
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from groups.models import Membership, Post, Thread, ThreadRead


def _count_of(posts: QuerySet[Post]) -> Coalesce:
    counted = (
        posts.filter(thread=OuterRef("pk"))
        .order_by()
        .values("thread")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def recount_thread(thread: Thread | QuerySet[Thread]) -> None:
    """Store the post counts of `thread` (or of every thread of a queryset): one UPDATE.

    Held posts hold no place (only their author sees them); deleted and hidden ones keep
    theirs, so pages and read markers stay the same for every reader. Blocks change nothing
    here: a blocked persona's posts are folded in place, not removed.
    """
    threads = thread if isinstance(thread, QuerySet) else Thread.objects.filter(pk=thread.pk)
    placed = Post.objects.filter(held_at__isnull=True)
    threads.update(
        post_count=_count_of(placed),
        visible_post_count=_count_of(
            placed.filter(deleted_at__isnull=True, hidden_at__isnull=True)
        ),
    )


def _upsert_markers_sql() -> str:
    table = ThreadRead._meta.db_table
    # Only forward: a marker never moves back (an old tab, an earlier page), and the WHERE
    # makes a marker already there cost no write at all. SQLite (3.24+) and PostgreSQL both
    # read this the same way.
    return (
        f"INSERT INTO {table} (persona_id, thread_id, seen, updated) {{rows}} "
        f"ON CONFLICT (persona_id, thread_id) DO UPDATE "
        f"SET seen = excluded.seen, updated = excluded.updated "
        f"WHERE {table}.seen < excluded.seen"
    )


def _now_param():
    return connection.ops.adapt_datetimefield_value(timezone.now())


def advance_read_marker(*, persona_id: int, thread: Thread, seen: int) -> None:
    """Move `persona`'s marker in `thread` forward to `seen` posts: one statement.

    The one write a page view (the thread page) may make (DESIGN.md §4).
    """
    seen = max(0, min(seen, thread.post_count))
    sql = _upsert_markers_sql().format(rows="VALUES (%s, %s, %s, %s)")
    with connection.cursor() as cursor:
        cursor.execute(sql, [persona_id, thread.pk, seen, _now_param()])


def mark_group_read(*, membership: Membership) -> None:
    """Every thread of the member's group read up to its last post: one statement."""
    thread_table = Thread._meta.db_table
    rows = (
        f"SELECT %s, id, post_count, %s FROM {thread_table} "  # noqa: S608 (names from models)
        "WHERE group_id = %s AND hidden_at IS NULL"
    )
    sql = _upsert_markers_sql().format(rows=rows)
    with connection.cursor() as cursor:
        cursor.execute(sql, [membership.persona_id, _now_param(), membership.group_id])


def record_reading(*, thread: Thread, page, persona_id: int, advance: bool = True) -> None:
    """The thread page's bookkeeping for its reader: mark the first post they have not seen
    (`is_first_unread`, for the "New since your last visit" divider) and move their marker
    to the last post shown, if that is further than before: at most one write.

    `thread.seen` is the marker as it was (from `access_thread(..., with_marker=True)`).
    `advance=False` (a HEAD, or a form shown again after a refused POST) only marks the
    divider: nothing is written but on a GET.
    Positions are exact unless the reader has held posts of their own in the thread (only
    they see those): then the marker stays short of them rather than skip anyone's post.
    """
    posts = page.object_list
    own_held = max(0, page.paginator.count - thread.post_count)
    seen_before = thread.seen
    if seen_before is not None and seen_before < thread.post_count:
        index = seen_before - (page.start_index() - 1)  # the post at position seen + 1
        if 0 <= index < len(posts):
            posts[index].is_first_unread = True
    if not posts:
        return
    last_shown = thread.post_count if not page.has_next() else page.end_index() - own_held
    if advance and (seen_before is None or last_shown > seen_before):
        advance_read_marker(persona_id=persona_id, thread=thread, seen=last_shown)
