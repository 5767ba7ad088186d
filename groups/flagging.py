"""Posts and threads as flag targets, registered into `community.flagging`.

Found through `groups.access`, so a flag follows the rule of every group page: members only,
404 otherwise. A block does not stand in the way: a blocker may flag what the blocked persona
wrote, which is what moderators need when harassment goes on.
"""

from django.http import Http404
from django.utils import timezone

from community.flagging import TargetKind, register
from community.models import Persona
from community.text import isolate
from groups.access import access_post, access_thread
from groups.models import Post, Thread


def _person(persona: Persona) -> dict:
    # The persona of this space only: moderators act through it, never see the account.
    return {"persona": persona.public_id, "name": persona.display_name}


def _when(moment) -> str | None:
    return moment.isoformat() if moment else None


def snapshot_post(post: Post) -> dict:
    thread = post.thread
    return {
        "kind": "post",
        "public_id": post.public_id,
        "author": _person(post.author),
        "title": thread.title,
        "body": post.body,
        "body_html": post.body_html,
        "content_warning": post.content_warning,
        "group": {"name": thread.group.name, "slug": thread.group.slug},
        "thread": {"public_id": thread.public_id, "title": thread.title},
        "url": post.get_absolute_url(),
        "created": _when(post.created),
        "edited": _when(post.edited_at),
        "taken": timezone.now().isoformat(),
    }


def snapshot_thread(thread: Thread) -> dict:
    opening = thread.posts.order_by("created", "pk").first()
    return {
        "kind": "thread",
        "public_id": thread.public_id,
        "author": _person(thread.author),
        "title": thread.title,
        "body": opening.body if opening else "",
        "body_html": opening.body_html if opening else "",
        "content_warning": thread.content_warning,
        "group": {"name": thread.group.name, "slug": thread.group.slug},
        "url": thread.get_absolute_url(),
        "created": _when(thread.created),
        "taken": timezone.now().isoformat(),
    }


def find_post(account, public_id: str) -> Post:
    """The post, if `account` may see it and it still has words to flag; 404 otherwise."""
    post, _membership = access_post(account, public_id)
    if post.deleted_at is not None:
        raise Http404
    return post


def find_thread(account, public_id: str) -> Thread:
    thread, _membership = access_thread(account, public_id)
    return thread


def _can_flag(find, account, target) -> bool:
    try:
        find(account, target.public_id)
    except Http404:
        return False
    return True


register(
    TargetKind(
        name="post",
        model=Post,
        find=find_post,
        can_flag=lambda account, post: _can_flag(find_post, account, post),
        space_of=lambda post: post.thread.group.space,
        snapshot=snapshot_post,
        describe=lambda post: f"a post in {isolate(post.thread.group.name)}",
    )
)
register(
    TargetKind(
        name="thread",
        model=Thread,
        find=find_thread,
        can_flag=lambda account, thread: _can_flag(find_thread, account, thread),
        space_of=lambda thread: thread.group.space,
        snapshot=snapshot_thread,
        describe=lambda thread: f"a thread in {isolate(thread.group.name)}",
    )
)
