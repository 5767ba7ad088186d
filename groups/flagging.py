"""Posts, threads and members' names as flag targets, registered into `community.flagging`.

Found through `groups.access`, so a flag follows the rule of every group page: members only,
404 otherwise. A block does not stand in the way: a blocker may flag what the blocked persona
wrote, which is what moderators need when harassment goes on.

A name (a persona of the group's space) is flagged as its members see it, beside posts. What
"hide" means for a name is a reset: a fresh generated name (community.services.personas),
the old one kept in the flag's snapshot and given back if an appeal overturns the reset and
nobody took it meanwhile. A name cannot be deleted.
"""

from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from community import sanctions
from community.flagging import TargetKind, register
from community.models import Persona
from community.services.personas import reset_name, restore_name
from community.text import isolate
from groups.access import access_persona, access_post, access_thread
from groups.models import Membership, Post, Thread
from groups.notification_targets import withdraw_for_member, withdraw_for_post, withdraw_for_thread
from groups.services.counts import recount_thread
from groups.signals import membership_ended

# Posts shown around a flagged post on the review page, before and after it.
CONTEXT_POSTS = 3
# A flagged name's latest posts shown on the review page, to see how the name is used.
PERSONA_CONTEXT_POSTS = 5


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
    if post.deleted_at is not None or post.hidden_at is not None:
        raise Http404
    return post


def find_thread(account, public_id: str) -> Thread:
    thread, _membership = access_thread(account, public_id)
    return thread


def snapshot_persona(persona: Persona) -> dict:
    """The name as its group's members see it, with the month it joined (coarse: a precise
    date could be matched with other spaces, DESIGN.md §3)."""
    membership = persona.membership
    group = membership.group
    return {
        "kind": "persona",
        "public_id": persona.public_id,
        "author": _person(persona),
        "name": persona.display_name,
        "group": {"name": group.name, "slug": group.slug},
        "joined": membership.created.strftime("%Y-%m"),
        "url": reverse("groups:group", kwargs={"slug": group.slug}),
        "taken": timezone.now().isoformat(),
    }


def find_persona(account, public_id: str) -> Persona:
    """A member's persona, if `account` is an active member of its group; 404 otherwise."""
    persona, _membership = access_persona(account, public_id)
    return persona


# What moderation does to posts and threads (community.flagging.TargetKind.hide/delete).


def hide_post(post: Post) -> None:
    post.hidden_at = timezone.now()
    post.save(update_fields=["hidden_at"])
    withdraw_for_post(post)
    recount_thread(Thread.objects.filter(pk=post.thread_id))


def delete_post(post: Post) -> None:
    post.body = ""
    post.body_html = ""
    post.content_warning = ""
    post.deleted_at = timezone.now()
    post.save(update_fields=["body", "body_html", "content_warning", "deleted_at"])
    withdraw_for_post(post)
    recount_thread(Thread.objects.filter(pk=post.thread_id))


def hide_thread(thread: Thread) -> None:
    thread.hidden_at = timezone.now()
    thread.save(update_fields=["hidden_at"])
    withdraw_for_thread(thread)
    recount_thread(thread)


def delete_thread(thread: Thread) -> None:
    """Its title and every post's words gone; the row stays hidden so links keep 404ing."""
    now = timezone.now()
    thread.title = "(deleted)"
    thread.content_warning = ""
    thread.hidden_at = thread.hidden_at or now
    thread.save(update_fields=["title", "content_warning", "hidden_at"])
    thread.posts.filter(deleted_at__isnull=True).update(
        body="", body_html="", content_warning="", deleted_at=now
    )
    withdraw_for_thread(thread)
    recount_thread(thread)


def lock_thread(thread: Thread, reason: str = "") -> None:
    """No new replies (hosts may still write) and no edits; its authors read `reason`."""
    thread.is_locked = True
    thread.lock_reason = reason[: Thread._meta.get_field("lock_reason").max_length]
    thread.save(update_fields=["is_locked", "lock_reason"])


def unlock_thread(thread: Thread) -> None:
    thread.is_locked = False
    thread.lock_reason = ""
    thread.save(update_fields=["is_locked", "lock_reason"])


def unhide_post(post: Post) -> None:
    """An overturned hide: the post is shown again (a deleted one has no words to show)."""
    post.hidden_at = None
    post.save(update_fields=["hidden_at"])
    recount_thread(Thread.objects.filter(pk=post.thread_id))


def unhide_thread(thread: Thread) -> None:
    if thread.title == "(deleted)":
        return  # deleted, not only hidden: its words are gone for good
    thread.hidden_at = None
    thread.save(update_fields=["hidden_at"])
    recount_thread(thread)


def reset_persona_name(persona: Persona) -> None:
    reset_name(persona)


def restore_persona_name(persona: Persona) -> str:
    """An overturned reset: the earlier name back if it is still free here."""
    if restore_name(persona):
        return f"Your earlier name, {isolate(persona.name)}, is yours again."
    return (
        "Your earlier name could not be given back (it is taken now), so you keep "
        f"{isolate(persona.display_name)}."
    )


def live_post(post: Post) -> dict | None:
    return None if post.deleted_at is not None else snapshot_post(post)


def live_thread(thread: Thread) -> dict | None:
    return None if thread.title == "(deleted)" and thread.hidden_at else snapshot_thread(thread)


def _context_entry(post: Post, target_pk: int | None) -> dict:
    return {
        "name": post.author.display_name,
        "body_html": "" if post.deleted_at else post.body_html,
        "gone": "deleted" if post.deleted_at else ("hidden" if post.hidden_at else ""),
        "is_target": post.pk == target_pk,
    }


def context_of_post(post: Post) -> list[dict]:
    posts = Post.objects.filter(thread_id=post.thread_id).select_related("author")
    before = list(posts.filter(created__lt=post.created).order_by("-created")[:CONTEXT_POSTS])
    after = list(posts.filter(created__gt=post.created).order_by("created")[:CONTEXT_POSTS])
    return [_context_entry(p, post.pk) for p in [*reversed(before), post, *after]]


def context_of_thread(thread: Thread) -> list[dict]:
    posts = thread.posts.select_related("author").order_by("created", "pk")[: CONTEXT_POSTS * 2]
    return [_context_entry(p, None) for p in posts]


def live_persona(persona: Persona) -> dict | None:
    """The name now; None once its account is gone ("former member", nothing to show)."""
    return None if persona.is_former else snapshot_persona(persona)


def context_of_persona(persona: Persona) -> list[dict]:
    """Its latest posts, oldest first: a persona lives in one group, so all are there."""
    posts = Post.objects.filter(author=persona).select_related("author")
    latest = posts.order_by("-created", "-pk")[:PERSONA_CONTEXT_POSTS]
    return [_context_entry(post, None) for post in reversed(latest)]


# Sanctions in a group (community.sanctions): moderation decides, groups applies.


def mute_in_group(persona: Persona, until) -> None:
    Membership.objects.filter(persona=persona).update(muted_until=until)


def remove_from_group(persona: Persona, until=None) -> None:
    membership = Membership.objects.filter(persona=persona).first()
    if membership is None or membership.status == Membership.Status.REMOVED:
        return
    membership.status = Membership.Status.REMOVED
    membership.role = Membership.Role.MEMBER
    membership.save(update_fields=["status", "role", "changed"])
    withdraw_for_member(persona)
    # Chat closes the persona's sockets in the group's rooms (groups.signals).
    transaction.on_commit(lambda: membership_ended.send(sender=Membership, membership=membership))


def unmute_in_group(persona: Persona, until) -> None:
    """An overturned mute: lifted if it is still the one that ends at `until` (a later mute
    given since stays)."""
    Membership.objects.filter(persona=persona, muted_until=until).update(muted_until=None)


def readmit_to_group(persona: Persona, until=None) -> None:
    """An overturned removal: the persona is a member again, under the same name."""
    Membership.objects.filter(persona=persona, status=Membership.Status.REMOVED).update(
        status=Membership.Status.ACTIVE, changed=timezone.now()
    )


def spaces_hosted_by(account) -> list[int]:
    """The group spaces `account` is an active host of: their moderation scope (one query)."""
    return list(
        Membership.objects.filter(
            persona__account=account,
            role=Membership.Role.HOST,
            status=Membership.Status.ACTIVE,
        ).values_list("group__space_id", flat=True)
    )


sanctions.register(sanctions.MUTE, mute_in_group)
sanctions.register(sanctions.REMOVE, remove_from_group)
sanctions.register(sanctions.UNMUTE, unmute_in_group)
sanctions.register(sanctions.READMIT, readmit_to_group)
sanctions.register_hosts(spaces_hosted_by)


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
        hide=hide_post,
        delete=delete_post,
        unhide=unhide_post,
        live=live_post,
        context=context_of_post,
        noun="post",
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
        hide=hide_thread,
        delete=delete_thread,
        lock=lock_thread,
        unlock=unlock_thread,
        unhide=unhide_thread,
        live=live_thread,
        context=context_of_thread,
        noun="thread",
    )
)
register(
    TargetKind(
        name="persona",
        model=Persona,
        find=find_persona,
        # Not one's own name; the account has one persona per space, so that is all to check.
        can_flag=lambda account, persona: (
            persona.account_id != account.pk and _can_flag(find_persona, account, persona)
        ),
        space_of=lambda persona: persona.space,
        snapshot=snapshot_persona,
        describe=lambda persona: (
            f"the name {isolate(persona.display_name)} in {isolate(persona.membership.group.name)}"
        ),
        hide=reset_persona_name,
        unhide=restore_persona_name,
        live=live_persona,
        context=context_of_persona,
        noun="name",
        action_labels={"hide": "Reset the name"},
        notices={"hide": "A moderator reset {what} to a new generated one"},
        undone={
            "hide": "Your earlier name is yours again, unless someone took it meanwhile "
            "(then you keep the new one)."
        },
    )
)
