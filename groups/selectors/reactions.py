"""Reads for the actions on a post: reactions, and whether a viewer may see a post or thread.

Reaction counts and the viewer's own reactions for a page of posts take two queries.

The thread page calls `annotate_reactions(page_of_posts, viewer)` once; the `_reactions.html`
partial then reads `post.reaction_buttons` without touching the database, so the page costs the
same whatever the number of posts or reactions.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count

from community.models import Persona
from community.selectors import blocked_accounts_of
from groups import policies
from groups.models import Group, Membership, Post, Reaction, Thread
from groups.selectors import membership_of


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


def can_see_post(account, post: Post) -> bool:
    """Whether `account` may see `post` (deleted or not): see `readable_membership`."""
    thread = post.thread
    return readable_membership(account, thread.group, post.author, thread.author) is not False


def can_see_thread(account, thread: Thread) -> bool:
    return readable_membership(account, thread.group, thread.author) is not False


def visible_post(*, account, post_public_id: str) -> tuple[Post, Membership | None] | None:
    """The post and the viewer's membership in its group, if `account` may see the post.

    None (so: 404) when the group is not readable to the account, or when the account
    blocked the post's author or the author of its thread: a blocker sees nothing of them,
    anywhere, and a blocked author's thread is gone for the blocker with all its replies.
    """
    post = (
        Post.objects.select_related("thread__group", "thread__author", "author")
        .filter(public_id=post_public_id)
        .first()
    )
    if post is None:
        return None
    membership = readable_membership(account, post.thread.group, post.author, post.thread.author)
    if membership is False:
        return None
    return post, membership


def visible_thread(*, account, thread_public_id: str) -> tuple[Thread, Membership | None] | None:
    """Like `visible_post`, for a thread (its author is the thread's author)."""
    thread = (
        Thread.objects.select_related("group", "author").filter(public_id=thread_public_id).first()
    )
    if thread is None:
        return None
    membership = readable_membership(account, thread.group, thread.author)
    if membership is False:
        return None
    return thread, membership


def readable_membership(account, group: Group, *authors: Persona) -> Membership | None | bool:
    """The account's active membership in `group`, or False: may not see.

    Members read inside their group (staff only when they are members); nobody sees what an
    author they blocked wrote (`authors`: the content's author and its thread's).

    Reactions by accounts the viewer blocked still count in the totals: counts are anonymous,
    so they reveal nothing of who reacted, and leaving some out would only tell the blocker
    which posts the blocked account reacted to.
    """
    if not account.is_authenticated:
        return False
    membership = membership_of(account, group)
    if not policies.can_read_group(account=account, membership=membership):
        return False
    author_accounts = {author.account_id for author in authors if author.account_id}
    if (
        author_accounts
        and blocked_accounts_of(account).filter(blocked__in=author_accounts).exists()
    ):
        return False
    return membership
