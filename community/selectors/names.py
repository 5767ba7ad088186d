"""An account's names across its spaces: for its owner's eyes only (DESIGN.md §1).

Giving two spaces the same (or a confusably similar) name links them by the member's own hand,
so the forms that pick a name warn the member, and suggestions avoid their other names. The
answers here concern the asking account alone and are never shown to anyone else.
"""

from community import pseudonyms
from community.models import Account, Persona
from community.services.personas import UNRESERVED_KEY_PREFIX


def keys_used_elsewhere(account: Account, *, space_id: int | None = None) -> set[str]:
    """The keys of `account`'s names in every space but `space_id`, in one query.

    A name waiting in a join request is held under a placeholder key (it is not reserved in
    its space yet), but its hosts have seen it: its key is computed from the name here.
    """
    if account is None or not account.is_authenticated:
        return set()
    personas = Persona.objects.filter(account=account)
    if space_id is not None:
        personas = personas.exclude(space_id=space_id)
    keys = set()
    for name, key in personas.values_list("name", "name_key"):
        keys.add(pseudonyms.name_key(name) if key.startswith(UNRESERVED_KEY_PREFIX) else key)
    return keys


def name_used_elsewhere(account: Account, name: str, *, space_id: int | None = None) -> bool:
    """Whether `account` already goes by `name` (or a lookalike) in a space other than
    `space_id` (every space when None)."""
    key = pseudonyms.name_key(pseudonyms.clean_name(name))
    return bool(key) and key in keys_used_elsewhere(account, space_id=space_id)


def fresh_name_for(account: Account, *, space_id: int | None = None) -> str:
    """A suggested name that is none of `account`'s names elsewhere."""
    used = keys_used_elsewhere(account, space_id=space_id)
    for _ in range(pseudonyms.SUGGESTION_DRAWS):
        name = pseudonyms.suggest_name()
        if pseudonyms.name_key(name) not in used:
            return name
    return pseudonyms.suggest_name()  # unreachable in practice: some 900,000 names
