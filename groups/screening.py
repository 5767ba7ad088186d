"""How held threads and posts are published when a moderator releases them, registered with
`community.screening` (found by `CommunityConfig.ready()`, like `flagging` modules)."""

from django.db import transaction
from django.utils import timezone

from community.screening import register_release
from groups.models import Post, Thread
from groups.services.counts import recount_thread
from groups.services.posts import publish_post, publish_thread


@transaction.atomic
def release_thread(thread: Thread | None, content: dict, author) -> Thread | None:
    if thread is None:  # deleted meanwhile (its author's account was erased)
        return None
    Thread.objects.filter(pk=thread.pk).update(held_at=None, held_reason="")
    thread.held_at, thread.held_reason = None, ""
    recount_thread(thread)
    publish_thread(thread)
    return thread


@transaction.atomic
def release_post(post: Post | None, content: dict, author) -> Post | None:
    if post is None:
        return None
    Post.objects.filter(pk=post.pk).update(held_at=None, held_reason="")
    post.held_at, post.held_reason = None, ""
    recount_thread(Thread.objects.filter(pk=post.thread_id))
    publish_post(post, when=timezone.now())
    return post


register_release("thread", release_thread)
register_release("post", release_post)
