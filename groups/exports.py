"""The groups part of a member's data export, registered with community.exports."""

from typing import Any

from django.db.models import Count, Max

from community import exports
from community.models import Account
from groups.models import JoinRequest, Membership, Post, PostRevision, Reaction, Thread, ThreadRead


@exports.register
def export_for(account: Account) -> dict[str, Any]:
    """What `account` did in groups, under the persona it used in each: memberships, join
    requests, threads, posts (source text as written), the earlier versions of posts kept
    by edits, reactions and how many threads it has read in each group (the read markers;
    not which, since titles are others' writing). Nothing of anyone else."""
    personas = account.personas.all()
    return {
        "group_memberships": [
            {
                "group": membership.group.name,
                "as": membership.persona.name,
                "role": membership.role,
                "status": membership.status,
                "since": membership.created.strftime("%Y-%m"),
            }
            for membership in Membership.objects.filter(persona__in=personas).select_related(
                "group", "persona"
            )
        ],
        "group_join_requests": [
            {
                "group": request.group.name,
                "answer": request.answer,
                "status": request.status,
                "created": request.created.isoformat(timespec="seconds"),
            }
            for request in JoinRequest.objects.filter(persona__in=personas).select_related("group")
        ],
        "group_threads": [
            {
                "group": thread.group.name,
                "title": thread.title,
                "content_warning": thread.content_warning,
                "created": thread.created.isoformat(timespec="seconds"),
            }
            for thread in Thread.objects.filter(author__in=personas).select_related("group")
        ],
        "group_posts": [
            {
                "group": post.thread.group.name,
                "thread": post.thread.title,
                "body": post.body,
                "content_warning": post.content_warning,
                "created": post.created.isoformat(timespec="seconds"),
                "edited": post.edited_at.isoformat(timespec="seconds") if post.edited_at else None,
                "deleted": post.deleted_at is not None,
            }
            for post in Post.objects.filter(author__in=personas)
            .select_related("thread__group")
            .order_by("created")
        ],
        "group_reactions": [
            {"group": reaction.post.thread.group.name, "kind": reaction.kind}
            for reaction in Reaction.objects.filter(persona__in=personas).select_related(
                "post__thread__group"
            )
        ],
        "group_threads_read": [
            {
                "group": row["thread__group__name"],
                "threads": row["threads"],
                "last_read": row["last_read"].strftime("%Y-%m"),
            }
            for row in ThreadRead.objects.filter(persona__in=personas)
            .values("thread__group__name")
            .annotate(threads=Count("pk"), last_read=Max("updated"))
            .order_by("thread__group__name")
        ],
        "group_post_revisions": [
            {
                "group": revision.post.thread.group.name,
                "thread": revision.post.thread.title,
                "body": revision.body,
                "content_warning": revision.content_warning,
                "written": revision.written.isoformat(timespec="seconds"),
                "replaced": revision.created.isoformat(timespec="seconds"),
            }
            for revision in PostRevision.objects.filter(post__author__in=personas)
            .select_related("post__thread__group")
            .order_by("created", "pk")
        ],
    }
