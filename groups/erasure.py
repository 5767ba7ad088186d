"""The groups part of deleting an account, registered with community.erasure.

Always: the account's join requests go, answers and all (a waiting one would otherwise stay in
the hosts' queue under "former member"), and so do its read markers and the earlier versions
of its posts (edit history): what a member edited out may be what identified them, and kept
writing stays as it was last written.

With keep_content=False ("delete what I wrote"), what the account wrote is blanked the way a
member deletes a post, never deleted as rows: a thread it started stays, because others
replied in it; its first post shows "This post was deleted" and its title becomes
DELETED_THREAD_TITLE, since a title is the account's writing too. Keeping every post in its
place keeps the links in other members' notifications pointing at the right page. Its
reactions and memberships go. Other members' notifications caused by the account (its
replies, its reactions) or quoting a title it wrote go too. Flags keep their snapshots: they
were taken when the flag was raised, and moderators may still need them.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.utils import timezone

from community import erasure
from community.models import Notification, Persona
from groups.models import JoinRequest, Membership, Post, PostRevision, Reaction, Thread, ThreadRead
from groups.services.counts import recount_thread

DELETED_THREAD_TITLE = "Deleted thread"


@erasure.register
def erase_for(personas: QuerySet[Persona], *, keep_content: bool) -> None:
    JoinRequest.objects.filter(persona__in=personas).delete()
    # What the account read, and when: nobody else needs it once the account is gone.
    ThreadRead.objects.filter(persona__in=personas).delete()
    PostRevision.objects.filter(post__author__in=personas).delete()
    if keep_content:
        return
    threads = Thread.objects.filter(author__in=personas)
    _forget_notifications(personas=personas, threads=threads)
    threads.update(title=DELETED_THREAD_TITLE, content_warning="")
    written = Post.objects.filter(author__in=personas)
    touched = list(written.values_list("thread_id", flat=True).distinct())
    written.filter(deleted_at__isnull=True).update(
        body="", body_html="", content_warning="", edited_at=None, deleted_at=timezone.now()
    )
    recount_thread(Thread.objects.filter(pk__in=touched))
    Reaction.objects.filter(persona__in=personas).delete()
    Membership.objects.filter(persona__in=personas).delete()


def _forget_notifications(*, personas: QuerySet[Persona], threads: QuerySet[Thread]) -> None:
    """Others' notifications that came from the account's writing, or quote its titles."""
    Notification.objects.filter(actor_persona__in=personas).delete()
    Notification.objects.filter(
        subject_type=ContentType.objects.get_for_model(Post),
        subject_id__in=Post.objects.filter(thread__in=threads).values("pk"),
    ).delete()
