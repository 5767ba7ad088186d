"""What is new for a reader, from stored counts and read markers alone (no post is counted).

A marker (`ThreadRead.seen`) is a position among the posts that hold a place in a thread's
pages, the positions `Post.get_absolute_url` pages by, so "N new" is `post_count - seen` and
the first unread post is at position `seen + 1`.

A thread never opened is new only if it started after the reader joined the group (and has
posts) and someone else started it: a new member is not told that the group's whole history
is unread. Those threads count
all their posts as new, and open at their first page.
"""

from django.db.models import F, Q

from groups.app_settings import app_settings


def unread_filter(persona_ids) -> Q:
    """For thread querysets annotated with `seen` (the reader's marker, or None) and `joined`
    (when the reader joined the thread's group); `persona_ids` are the reader's."""
    opened_with_new = Q(seen__isnull=False, post_count__gt=F("seen"))
    new_since_joining = Q(seen__isnull=True, post_count__gt=0, created__gt=F("joined")) & ~Q(
        author_id__in=persona_ids
    )
    return opened_with_new | new_since_joining


def new_count(thread, joined, persona_id: int) -> int:
    """Posts of `thread` the reader has not seen: its `seen` annotation against its stored
    `post_count`; `joined` is when the reader (`persona_id`) joined the group."""
    if thread.seen is None:
        is_new = joined is not None and thread.created > joined and thread.author_id != persona_id
        return thread.post_count if is_new else 0
    return max(0, thread.post_count - thread.seen)


def unread_url(thread) -> str:
    """The thread at its first unread post: the page that holds position `seen + 1`, at the
    "New since your last visit" divider. Never opened: its first page."""
    if not thread.seen:
        return thread.get_absolute_url()
    page = thread.seen // app_settings.POSTS_PER_PAGE + 1
    return f"{thread.get_absolute_url()}?page={page}#unread"
