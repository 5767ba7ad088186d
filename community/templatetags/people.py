"""The one way a person is rendered: their persona in the space shown, nothing else."""

import hashlib

from django import template

register = template.Library()

AVATAR_COLOURS = 12


def avatar_colour(persona) -> str:
    if persona.is_former:
        return "former"
    # From the persona's random public id, never from the account: two personas of one
    # account get unrelated colours.
    digest = hashlib.sha256(persona.public_id.encode()).digest()
    return str(digest[0] % AVATAR_COLOURS)


@register.inclusion_tag("community/_persona.html")
def persona(persona):
    name = persona.display_name
    return {"name": name, "initial": name[:1].upper(), "colour": avatar_colour(persona)}
