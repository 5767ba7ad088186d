"""Reactions that fit a support space: "support", "me too", "thank you".

One of each kind per persona per post, toggled. The reactor is the account's persona in the
post's group; the author is told only that someone reacted, never who.
"""

from django.db import IntegrityError, transaction

from community import limits
from community.errors import NotAllowed
from community.models import Block, Persona
from community.services.notifications import has_unread, notify
from community.text import isolate
from groups import notification_kinds, policies
from groups.app_settings import app_settings
from groups.models import Membership, Post, Reaction


def _check_can_react(*, membership: Membership | None, post: Post) -> None:
    if not policies.is_active_member(membership) or membership.group_id != post.thread.group_id:
        raise NotAllowed("Only members of this group can react to its posts.")
    if post.deleted_at is not None:
        raise NotAllowed("This post was deleted.")


@transaction.atomic
def toggle_reaction(*, membership: Membership | None, post: Post, kind: str) -> bool:
    """Add the member's reaction `kind` to `post`, or take it back; True when it is now on.

    Raises NotAllowed for non-members, deleted posts and unknown kinds, and RateLimited
    past `GROUPS_REACTION_RATE` (counted per account).
    """
    if kind not in Reaction.Kind.values:
        raise NotAllowed("That is not a reaction Lantern knows.")
    _check_can_react(membership=membership, post=post)
    limits.hit(
        account=membership.persona.account,
        action="react",
        rate=app_settings.REACTION_RATE,
        message="You are reacting very fast. Please wait a moment (the limit is {rate}).",
    )
    persona = membership.persona
    removed, _ = Reaction.objects.filter(post=post, persona=persona, kind=kind).delete()
    if removed:
        return False
    try:
        with transaction.atomic():
            Reaction.objects.create(post=post, persona=persona, kind=kind)
    except IntegrityError:  # a double click raced us; the reaction is on either way
        return True
    _notify_author(post=post, reactor=persona)
    return True


def _notify_author(*, post: Post, reactor: Persona) -> None:
    """Tell the author someone reacted, without a name and without piling up.

    No notice for your own post, for a former member, or when the author blocked the reacting
    persona (a block means hearing nothing from it in its space; a block of the same account's
    persona in another group changes nothing here). While a notice about this post is unread,
    further reactions add none: the author learns "someone reacted" once, not once per click.
    """
    author_account_id = post.author.account_id
    if author_account_id is None or author_account_id == reactor.account_id:
        return
    if Block.objects.filter(blocker_id=author_account_id, persona=reactor).exists():
        return
    if has_unread(account_id=author_account_id, kind=notification_kinds.REACTION, subject=post):
        return
    notify(
        account=post.author.account,
        kind=notification_kinds.REACTION,
        text=f"Someone reacted to your post in {isolate(post.thread.group.name)}",
        url=post.get_absolute_url(),
        actor_persona=reactor,
        subject=post,
    )
