from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from community import pseudonyms
from community.models import Account, Persona, Space


@transaction.atomic
def create_persona(*, account: Account, space: Space, name: str) -> Persona:
    """Give `account` its one persona in `space`, named `name`.

    Raises ValidationError (with a message for the person) when the name breaks a rule or is
    taken in this space, and when the account already has a persona here.
    """
    name = name.strip()
    pseudonyms.validate_name(name)
    key = pseudonyms.name_key(name)
    if Persona.objects.filter(space=space, account=account).exists():
        raise ValidationError("You already have a name in this space.", code="exists")
    if Persona.objects.filter(space=space, name_key=key).exists():
        raise ValidationError("That name is taken here. Try another.", code="taken")
    try:
        with transaction.atomic():
            return Persona.objects.create(account=account, space=space, name=name, name_key=key)
    except IntegrityError as error:  # a concurrent request took the name first
        raise ValidationError("That name is taken here. Try another.", code="taken") from error
