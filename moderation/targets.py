"""What can be flagged, and how each kind is found, checked and snapshotted.

A flag points at its target generically (content type + id). Each kind registers how to find
it by public id for a viewer, whether that viewer may flag it, the space it belongs to and a
snapshot of it as it is now. Chat messages register here too when the chat app exists.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from community.models import Persona
from groups.models import Post, Thread
from groups.selectors.reactions import can_see_post, can_see_thread, visible_post, visible_thread


@dataclass(frozen=True)
class TargetKind:
    name: str  # in URLs: /moderation/flag/<name>/<public_id>/
    model: type
    find: Callable  # (account, public_id) -> target | None, None when the account may not see it
    can_flag: Callable  # (account, target) -> bool
    space_of: Callable  # (target) -> community.models.Space
    snapshot: Callable  # (target) -> dict, JSON-ready
    describe: Callable  # (target) -> str, for the flag page: "a post in Founders"


KINDS: dict[str, TargetKind] = {}


def register(kind: TargetKind) -> None:
    KINDS[kind.name] = kind


def kind_of(target) -> TargetKind:
    for kind in KINDS.values():
        if isinstance(target, kind.model):
            return kind
    raise ValueError(f"{type(target).__name__} cannot be flagged.")


def _person(persona: Persona) -> dict:
    # The persona of this space only: moderators act through it, never see the account.
    return {"persona": persona.public_id, "name": persona.display_name}


def _thread_url(thread: Thread) -> str:
    return reverse(
        "groups:thread", kwargs={"slug": thread.group.slug, "thread_public_id": thread.public_id}
    )


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
        "url": f"{_thread_url(thread)}#post-{post.public_id}",
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
        "url": _thread_url(thread),
        "created": _when(thread.created),
        "taken": timezone.now().isoformat(),
    }


def _find_post(account, public_id: str) -> Post | None:
    found = visible_post(account=account, post_public_id=public_id)
    if found is None or found[0].deleted_at is not None:
        return None
    return found[0]


def _find_thread(account, public_id: str) -> Thread | None:
    found = visible_thread(account=account, thread_public_id=public_id)
    return found[0] if found else None


register(
    TargetKind(
        name="post",
        model=Post,
        find=_find_post,
        can_flag=lambda account, post: post.deleted_at is None and can_see_post(account, post),
        space_of=lambda post: post.thread.group.space,
        snapshot=snapshot_post,
        describe=lambda post: f"a post in {post.thread.group.name}",
    )
)
register(
    TargetKind(
        name="thread",
        model=Thread,
        find=_find_thread,
        can_flag=can_see_thread,
        space_of=lambda thread: thread.group.space,
        snapshot=snapshot_thread,
        describe=lambda thread: f"a thread in {thread.group.name}",
    )
)
