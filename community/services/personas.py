"""Creating and renaming personas: every pseudonym rule and uniqueness in the space.

A persona's name is *reserved* in its space when its `name_key` is the name's confusable key;
the unique (space, name_key) constraint then keeps anyone else from it. A persona made with
`reserve_name=False` (someone asking to join a group, whose hosts have not let them in yet)
has a placeholder key of its own instead: the name is kept, but holds nothing, so asking to
join can't tell anyone which names exist in the space. `reserve_name()` claims it later.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from community import pseudonyms
from community.errors import NotAllowed
from community.ids import new_public_id
from community.models import Account, NameReset, Persona, Space
from community.selectors import name_taken_in
from community.signals import persona_renamed

TAKEN_MESSAGE = "That name is taken here, or looks too much like one that is. Try another."
UNRESERVED_KEY_PREFIX = "unreserved:"
# Generated names tried by `reset_name` before it gives up: a draw is refused only when taken
# in the space or used by the account elsewhere, both rare among some 900,000 generated names.
RESET_DRAWS = 20


def is_name_reserved(persona: Persona) -> bool:
    return not persona.name_key.startswith(UNRESERVED_KEY_PREFIX)


def _unreserved_key() -> str:
    # Unique by construction, so it never clashes with a real key or another placeholder.
    return UNRESERVED_KEY_PREFIX + new_public_id()


@transaction.atomic
def create_persona(
    *, account: Account, space: Space, name: str, reserve_name: bool = True
) -> Persona:
    """Give `account` its one persona in `space`, named `name`.

    Raises ValidationError (with a message for the person) when the name breaks a rule or is
    taken in this space (compared by confusable key), and when the account already has a
    persona here. The persona carries nothing of the account but the foreign key.

    With reserve_name=False the name is checked against the rules only, never against the
    space's other names (see the module docstring).
    """
    name = pseudonyms.clean_name(name)
    pseudonyms.validate_name(name, account=account)
    if Persona.objects.filter(space=space, account=account).exists():
        raise ValidationError("You already have a name in this space.", code="exists")
    if not reserve_name:
        key = _unreserved_key()
    elif name_taken_in(space=space, name=name):
        raise ValidationError(TAKEN_MESSAGE, code="taken")
    else:
        key = pseudonyms.name_key(name)
    try:
        with transaction.atomic():
            return Persona.objects.create(account=account, space=space, name=name, name_key=key)
    except IntegrityError as error:  # a concurrent request took the name (or the space) first
        raise ValidationError(TAKEN_MESSAGE, code="taken") from error


@transaction.atomic
def rename_persona(*, persona: Persona, name: str, reserve_name: bool = True) -> Persona:
    """Give `persona` a new name in its space, under the same rules as a new persona.

    A former member's persona keeps "former member": there is nobody left to rename it.
    With reserve_name=False the new name is left unreserved, as in `create_persona`.
    """
    if persona.is_former:
        raise NotAllowed("This persona belongs to a former member and can't be renamed.")
    name = pseudonyms.clean_name(name)
    pseudonyms.validate_name(name, account=persona.account)
    if not reserve_name:
        persona.name = name
        persona.name_key = _unreserved_key()
        persona.save(update_fields=["name", "name_key"])
        return persona
    return _claim_name(persona, name)


@transaction.atomic
def reserve_name(persona: Persona) -> Persona:
    """Claim `persona`'s current name in its space, now that it is to be shown there.

    Raises ValidationError(TAKEN_MESSAGE) when another persona holds the name meanwhile; the
    persona keeps its placeholder then, and the caller asks for another name.
    """
    if is_name_reserved(persona):
        return persona
    return _claim_name(persona, persona.name)


def _claim_name(persona: Persona, name: str) -> Persona:
    """Name `persona` `name` with its real key; on a clash the persona is left as it was."""
    if name_taken_in(space=persona.space, name=name, exclude=persona):
        raise ValidationError(TAKEN_MESSAGE, code="taken")
    before = (persona.name, persona.name_key)
    persona.name, persona.name_key = name, pseudonyms.name_key(name)
    try:
        with transaction.atomic():
            persona.save(update_fields=["name", "name_key"])
    except IntegrityError as error:  # a concurrent request took the name first
        persona.name, persona.name_key = before
        raise ValidationError(TAKEN_MESSAGE, code="taken") from error
    return persona


@transaction.atomic
def reset_name(persona: Persona) -> NameReset:
    """Give `persona` a fresh generated name in its space: a moderator found its name broke a
    rule (moderation's "hide", for a name).

    The name it had is kept on the returned NameReset for an appeal (`restore_name`); flags
    keep it in their snapshots. The new name is reserved in the space like any other and is
    never one the account has in another space, which would link the two personas. Open
    sockets of the persona hear of it (community.signals.persona_renamed). Raises NotAllowed
    for a former member's persona: there is nobody left to rename.
    """
    if persona.is_former:
        raise NotAllowed("This persona belongs to a former member and can't be renamed.")
    previous = persona.name
    used_elsewhere = set(
        Persona.objects.filter(account_id=persona.account_id)
        .exclude(pk=persona.pk)
        .values_list("name_key", flat=True)
    )
    for _ in range(RESET_DRAWS):
        name = pseudonyms.suggest_name()
        if pseudonyms.name_key(name) in used_elsewhere:
            continue
        try:
            rename_persona(persona=persona, name=name)
        except ValidationError:  # taken here (perhaps just now), or it holds the email
            continue
        break
    else:
        raise NotAllowed("No free name could be found just now. Please try again.")
    reset = NameReset.objects.create(persona=persona, previous_name=previous, name=persona.name)
    _announce_rename(persona)
    return reset


@transaction.atomic
def restore_name(persona: Persona) -> bool:
    """Undo the latest reset of `persona`'s name (the decision was overturned): the name it had
    comes back if it is still free in the space, and if the persona still has the name the
    reset gave it. Otherwise it keeps the name it has. Returns whether the name came back."""
    reset = persona.name_resets.filter(restored_at__isnull=True).first()
    if reset is None or persona.is_former or persona.name != reset.name:
        return False
    try:
        rename_persona(persona=persona, name=reset.previous_name)
    except ValidationError:  # taken meanwhile, or no longer passes the rules
        return False
    reset.restored_at = timezone.now()
    reset.save(update_fields=["restored_at"])
    _announce_rename(persona)
    return True


def _announce_rename(persona: Persona) -> None:
    # Chat closes the persona's open sockets, which reconnect under the new name.
    public_id = persona.public_id
    transaction.on_commit(lambda: persona_renamed.send(sender=Persona, persona_public_id=public_id))
