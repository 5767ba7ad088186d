"""Blocks (DESIGN.md §2): made on a persona, acting in that persona's space only, silently."""

from django.conf import settings
from django.db import IntegrityError, transaction

from community import limits, policies
from community.errors import NotAllowed
from community.models import Account, Block, Persona
from community.signals import blocks_changed


@transaction.atomic
def block_persona(*, blocker: Account, persona: Persona) -> Block:
    """Block `persona` for `blocker`, in `persona`'s space only.

    Idempotent: blocking a persona already blocked returns the existing block, unchanged.
    Nothing is sent or shown to the blocked person. Blocking another persona of the same
    account (in another space) is a separate block, made and answered exactly like the first,
    so the answer tells the blocker nothing about which personas share an account.

    Counted against `BLOCK_RATE` per account (RateLimited past it): blocks are cheap to make,
    and a limit keeps them from being used in bulk to probe how people react.
    """
    if persona.is_former:
        raise NotAllowed("This member has left Lantern; there is nobody to block.")
    if not policies.can_block(blocker, persona):
        raise NotAllowed("You can't block yourself.")
    existing = Block.objects.filter(blocker=blocker, persona=persona).first()
    if existing is not None:
        return existing
    limits.hit(
        account=blocker,
        action="block",
        rate=settings.BLOCK_RATE,
        message=(
            "You have blocked many people in a short time ({rate}). If you are being targeted, "
            "please flag the posts too so moderators can step in."
        ),
    )
    try:
        with transaction.atomic():
            block = Block.objects.create(
                blocker=blocker, persona=persona, blocked_account_id=persona.account_id
            )
    except IntegrityError:  # a double click: the other request made the block
        return Block.objects.get(blocker=blocker, persona=persona)
    _announce(blocker)
    return block


@transaction.atomic
def unblock(*, blocker: Account, persona_public_id: str) -> bool:
    """Remove `blocker`'s block of the persona `persona_public_id` (as listed by `blocks_of`).

    Only that block: blocks of the same account's personas elsewhere, if any, stay. Returns
    whether a block was removed.
    """
    deleted, _ = Block.objects.filter(
        blocker=blocker, persona__public_id=persona_public_id
    ).delete()
    if deleted:
        _announce(blocker)
    return deleted > 0


def _announce(blocker: Account) -> None:
    # Open chat sockets reload what they fold for the blocker (community.signals).
    account_id = blocker.pk
    transaction.on_commit(lambda: blocks_changed.send(sender=Block, account_id=account_id))
