"""Reactions that fit a support space: "support", "me too", "thank you".

One of each kind per persona per post, put on or taken off. The reactor is the account's
persona in the post's group; the author is told only that someone reacted, never who.
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


def _check_kind(kind: str) -> None:
    if kind not in Reaction.Kind.values:
        raise NotAllowed("That is not a reaction Lantern knows.")


@transaction.atomic
def set_reaction(*, membership: Membership | None, post: Post, kind: str, on: bool) -> bool:
    """Put the member's reaction `kind` on `post` (`on`) or take it off; True if that changed
    anything.

    Idempotent, unlike a toggle: the buttons send what the member saw and meant ("add
    support"), so a form sent twice leaves the reaction as meant instead of undoing it, and
    the second, changing nothing, is not counted against the rate.
    Raises NotAllowed for non-members, deleted posts, one's own post and unknown kinds, and
    RateLimited past `GROUPS_REACTION_RATE` (counted per account).
    """
    _check_kind(kind)
    _check_can_react(membership=membership, post=post)
    persona = membership.persona
    if on and post.author_id == persona.pk:
        # Reactions are what others make of a post; the page offers no buttons on one's own.
        # (Taking back one made before this rule stays possible.)
        raise NotAllowed("You can't react to your own post.")
    reactions = Reaction.objects.filter(post=post, persona=persona, kind=kind)
    if reactions.exists() == on:
        return False
    limits.hit(
        account=persona.account,
        action="react",
        rate=app_settings.REACTION_RATE,
        message="You are reacting very fast. Please wait a moment (the limit is {rate}).",
    )
    if not on:
        removed, _ = reactions.delete()
        return removed > 0
    try:
        with transaction.atomic():
            Reaction.objects.create(post=post, persona=persona, kind=kind)
    except IntegrityError:  # a double click raced us; the reaction is on either way
        return False
    _notify_author(post=post, reactor=persona)
    return True


@transaction.atomic
def toggle_reaction(*, membership: Membership | None, post: Post, kind: str) -> bool:
    """Add the member's reaction `kind` to `post`, or take it back; True when it is now on.

    For callers that cannot say which they mean (reaction forms rendered before the buttons
    said add or remove); a toggle sent twice undoes itself, so forms use `set_reaction`.
    """
    _check_kind(kind)
    _check_can_react(membership=membership, post=post)
    on = not Reaction.objects.filter(post=post, persona=membership.persona, kind=kind).exists()
    set_reaction(membership=membership, post=post, kind=kind, on=on)
    return on


def _short_title(thread) -> str:
    return thread.title if len(thread.title) <= 80 else thread.title[:79] + "…"


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
        text=(
            f"Someone reacted to your post in “{isolate(_short_title(post.thread))}” "
            f"({isolate(post.thread.group.name)})."
        ),
        url=post.get_absolute_url(),
        actor_persona=reactor,
        subject=post,
    )
