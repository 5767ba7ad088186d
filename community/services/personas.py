"""Creating and renaming personas: every pseudonym rule and uniqueness in the space."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from community import pseudonyms
from community.errors import NotAllowed
from community.models import Account, Persona, Space
from community.selectors import name_taken_in

TAKEN_MESSAGE = "That name is taken here, or looks too much like one that is. Try another."


@transaction.atomic
def create_persona(*, account: Account, space: Space, name: str) -> Persona:
    """Give `account` its one persona in `space`, named `name`.

    Raises ValidationError (with a message for the person) when the name breaks a rule or is
    taken in this space (compared by confusable key), and when the account already has a
    persona here. The persona carries nothing of the account but the foreign key.
    """
    name = pseudonyms.clean_name(name)
    pseudonyms.validate_name(name, account=account)
    if Persona.objects.filter(space=space, account=account).exists():
        raise ValidationError("You already have a name in this space.", code="exists")
    if name_taken_in(space=space, name=name):
        raise ValidationError(TAKEN_MESSAGE, code="taken")
    key = pseudonyms.name_key(name)
    try:
        with transaction.atomic():
            return Persona.objects.create(account=account, space=space, name=name, name_key=key)
    except IntegrityError as error:  # a concurrent request took the name (or the space) first
        raise ValidationError(TAKEN_MESSAGE, code="taken") from error


@transaction.atomic
def rename_persona(*, persona: Persona, name: str) -> Persona:
    """Give `persona` a new name in its space, under the same rules as a new persona.

    A former member's persona keeps "former member": there is nobody left to rename it.
    """
    if persona.is_former:
        raise NotAllowed("This persona belongs to a former member and can't be renamed.")
    name = pseudonyms.clean_name(name)
    pseudonyms.validate_name(name, account=persona.account)
    if name_taken_in(space=persona.space, name=name, exclude=persona):
        raise ValidationError(TAKEN_MESSAGE, code="taken")
    persona.name = name
    persona.name_key = pseudonyms.name_key(name)
    try:
        with transaction.atomic():
            persona.save(update_fields=["name", "name_key"])
    except IntegrityError as error:
        raise ValidationError(TAKEN_MESSAGE, code="taken") from error
    return persona
