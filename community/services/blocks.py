"""Blocks (DESIGN.md §2): made through a persona, applied to its whole account, silently."""

from django.conf import settings
from django.db import IntegrityError, transaction

from community import limits, policies
from community.errors import NotAllowed
from community.models import Account, Block, Persona


@transaction.atomic
def block_persona(*, blocker: Account, persona: Persona) -> Block:
    """Block the account behind `persona` for `blocker`, in every space.

    Idempotent: blocking an account already blocked returns the existing block, unchanged.
    Nothing is sent or shown to the blocked person, and the blocker learns nothing about the
    account's other personas from the answer.

    Counted against `BLOCK_RATE` per account (RateLimited past it): because a block hides the
    account's content in every space, blocking at will could be used to test which personas in
    another space disappear together; the limit keeps that probing slow.
    """
    if persona.is_former:
        raise NotAllowed("This member has left Lantern; there is nobody to block.")
    if not policies.can_block(blocker, persona):
        raise NotAllowed("You can't block yourself.")
    existing = Block.objects.filter(blocker=blocker, blocked_id=persona.account_id).first()
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
            return Block.objects.create(
                blocker=blocker, blocked_id=persona.account_id, via_persona=persona
            )
    except IntegrityError:  # a double click: the other request made the block
        return Block.objects.get(blocker=blocker, blocked_id=persona.account_id)


@transaction.atomic
def unblock(*, blocker: Account, persona_public_id: str) -> bool:
    """Remove the block `blocker` made through the persona `persona_public_id`.

    Matched on the persona the block was made through (as listed by `blocks_of`), never on
    the account behind it: otherwise unblocking some other persona would tell the blocker
    whether it belongs to the same account. Returns whether a block was removed.
    """
    deleted, _ = Block.objects.filter(
        blocker=blocker, via_persona__public_id=persona_public_id
    ).delete()
    return deleted > 0
