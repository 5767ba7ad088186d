"""One door per kind of object inside a group, in the manner of Zulip's `access_message`.

`access_group`, `access_thread`, `access_post` and `access_persona` each return the object and
the viewer's
active membership in its group, or raise Http404: for a visitor, a non-member (staff
included: what is inside a group is for its members only), an unknown public id, or a public
id reached through another group's URL. Views, reactions, blocks, flags and notification links
all come through here, so the rule is written once (`policies.can_read_group`).

Blocks never close a door: a block acts in its own space by folding the blocked persona's
posts away for the blocker (`blocked_persona_ids`), never by a 404, which would tell the
blocker nothing the page does not, and would make pages depend on blocks.
"""

from django.db.models import OuterRef, Subquery
from django.http import Http404

from community import access as space_access
from community.models import Persona
from groups import policies
from groups.models import Group, Membership, Post, Thread, ThreadRead, ThreadSubscription


def _membership_in(viewer, group: Group) -> Membership:
    """The viewer's active membership in `group`, or 404. One query (persona and membership)."""
    standing = space_access.standing_in(viewer, group.space_id, related=["membership"])
    membership = _membership_of(standing.persona)
    if not policies.can_read_group(account=viewer, membership=membership):
        raise Http404
    if membership.group_id != group.pk:  # a persona of this space always joins this group
        raise Http404
    membership.group = group  # already loaded; saves a query wherever it is used
    return membership


def _membership_of(persona) -> Membership | None:
    if persona is None:
        return None
    try:
        return persona.membership
    except Membership.DoesNotExist:  # a persona of this space that never joined
        return None


def access_group(viewer, slug: str) -> tuple[Group, Membership]:
    """The group at `slug` and the viewer's membership, if the viewer may read inside it.

    One query for a member: the membership comes with its group and persona.
    """
    if not viewer.is_authenticated:
        raise Http404
    membership = (
        # The space too: the hosts' links on the group page name it (no query of its own).
        Membership.objects.select_related("group__space", "persona")
        .filter(group__slug=slug, persona__account=viewer)
        .first()
    )
    if not policies.can_read_group(account=viewer, membership=membership):
        raise Http404
    return membership.group, membership


def access_thread(
    viewer,
    thread_public_id: str,
    group: str | None = None,
    *,
    with_subscription: bool = False,
    with_marker: bool = False,
) -> tuple[Thread, Membership]:
    """The thread and the viewer's membership; `group` is the slug from the URL, if any.

    `with_subscription` adds `thread.subscription_level`, the viewer's follow/mute choice
    ("follow", "mute" or None), in the same query (the thread page shows it).
    `with_marker`: the thread comes with `seen`, the viewer's read marker in it (None if never
    opened), in the same query (the thread page shows "New since your last visit" from it).
    """
    threads = Thread.objects.select_related("group", "author").filter(public_id=thread_public_id)
    if with_subscription and viewer.is_authenticated:
        # One persona per account per space: the viewer's row here is their persona's.
        level = ThreadSubscription.objects.filter(
            thread=OuterRef("pk"), persona__account_id=viewer.pk
        ).values("level")[:1]
        threads = threads.annotate(subscription_level=Subquery(level))
    if with_marker and viewer.is_authenticated:
        # The viewer's persona in this thread's space is the only one with a marker on it.
        marker = ThreadRead.objects.filter(thread=OuterRef("pk"), persona__account=viewer)
        threads = threads.annotate(seen=Subquery(marker.values("seen")[:1]))
    if group is not None:
        threads = threads.filter(group__slug=group)
    thread = threads.first()
    # A thread a moderator hid is not there for members (moderation shows it to moderators).
    if thread is None or thread.hidden_at is not None:
        raise Http404
    membership = _membership_in(viewer, thread.group)
    if not _may_see_held(thread, membership):
        raise Http404
    return thread, membership


def access_post(viewer, post_public_id: str, group: str | None = None) -> tuple[Post, Membership]:
    """The post (deleted or not: callers decide) and the viewer's membership."""
    posts = Post.objects.select_related("thread__group", "thread__author", "author").filter(
        public_id=post_public_id
    )
    if group is not None:
        posts = posts.filter(thread__group__slug=group)
    post = posts.first()
    if post is None or post.thread.hidden_at is not None:
        raise Http404
    membership = _membership_in(viewer, post.thread.group)
    if not (_may_see_held(post.thread, membership) and _may_see_held(post, membership)):
        raise Http404
    return post, membership


def access_persona(
    viewer, persona_public_id: str, group: str | None = None
) -> tuple[Persona, Membership]:
    """A member of a group as the group's members see them, by name beside their posts, and
    the viewer's membership there; `group` is the slug from the URL, if any.

    404 for anyone who is not an active member of that group (staff included), for a persona
    of another group reached under this one's slug, and for a persona its members never see:
    one that never joined (an applicant, whose name is not even reserved) or a former member's
    (it shows "former member", no name). Two queries.
    """
    personas = Persona.objects.select_related("membership__group").filter(
        public_id=persona_public_id, account__isnull=False
    )
    if group is not None:
        personas = personas.filter(membership__group__slug=group)
    persona = personas.first()
    membership = _membership_of(persona)
    if membership is None:
        raise Http404
    return persona, _membership_in(viewer, membership.group)


def _may_see_held(thing: Thread | Post, membership: Membership) -> bool:
    """A thread or post held by an automatic filter is its author's alone until a moderator
    releases it: for anyone else it does not exist (community.screening)."""
    return thing.held_at is None or thing.author_id == membership.persona_id


def blocked_persona_ids(viewer, group: Group) -> frozenset[int]:
    """Personas of `group` the viewer blocked (there, and so nowhere else): one query."""
    return space_access.blocked_persona_ids(viewer, group.space_id)
