"""Where groups' notifications lead when opened (community.notification_targets), and their
withdrawal when what they are about stops being reachable.

Reply, reaction and mention notices are about a post. Opening one goes through
`access_post`, the same door as every other way into a group, so a notice never shows what
the thread page would not; its path is computed then, so posts written since (which move a
post to a later page) never make it stale.
"""

from django.http import Http404

from community.models import Account, Persona
from community.notification_targets import register_target
from community.services.notifications import withdraw_notifications
from groups import notification_kinds
from groups.access import access_post
from groups.models import Post, Thread

# The notices about a post that lead to it, and go with it. A moderator's notice about a post
# (moderation's: held, released) stays: it must be readable after the post is gone.
ABOUT_A_POST = [notification_kinds.REPLY, notification_kinds.REACTION, notification_kinds.MENTION]


def post_target(account: Account, post: Post) -> str | None:
    try:
        post, _membership = access_post(account, post.public_id)
    except Http404:  # hidden thread, held for someone else, no longer a member
        return None
    if post.deleted_at is not None or post.hidden_at is not None:
        return None
    return post.get_absolute_url()


def withdraw_for_post(post: Post) -> None:
    """Nobody is told of a post that is gone (deleted, hidden, held)."""
    withdraw_notifications(about=Post.objects.filter(pk=post.pk), kinds=ABOUT_A_POST)


def withdraw_for_thread(thread: Thread) -> None:
    """A hidden thread: every notice about its posts goes."""
    withdraw_notifications(about=Post.objects.filter(thread_id=thread.pk), kinds=ABOUT_A_POST)


def withdraw_for_member(persona: Persona) -> None:
    """A membership that ended: its account's notices about posts of that group go (a
    rejoin starts afresh). Only that account's: others' notices stay."""
    if persona.account_id is None:
        return
    withdraw_notifications(
        about=Post.objects.filter(thread__group__space_id=persona.space_id),
        kinds=ABOUT_A_POST,
        account=persona.account,
    )


def register() -> None:
    register_target(Post, post_target, kinds=ABOUT_A_POST)
