"""The one way a person is rendered: their persona in the space shown, nothing else.

Usage: `{% load people %}{% persona post.author %}`. Everything shown comes from the persona
row (its name and random public id); the account behind it is never read, so two personas of
one account share nothing in their markup.
"""

import hashlib

from django import template

from community.models import FORMER_MEMBER_NAME

register = template.Library()

AVATAR_COLOURS = 12


def avatar_colour(persona) -> str:
    """One of `AVATAR_COLOURS` CSS classes, from the persona's random public id."""
    if persona is None or persona.is_former:
        return "former"
    # From the public id, never from the account: two personas of one account get
    # unrelated colours.
    digest = hashlib.sha256(persona.public_id.encode()).digest()
    return str(digest[0] % AVATAR_COLOURS)


def avatar_initial(name: str) -> str:
    """The first letter or digit of the name, upper-cased; "?" when there is none."""
    for character in name:
        if character.isalnum():
            return character.upper()
    return "?"


@register.inclusion_tag("community/_persona.html")
def persona(persona, href=""):
    """Render `persona` (a Persona or None for a deleted author) as avatar + name; the name
    links to `href` if given (the persona's page in the space shown, never anywhere else)."""
    name = persona.display_name if persona is not None else FORMER_MEMBER_NAME
    return {
        "name": name,
        "initial": avatar_initial(name),
        "colour": avatar_colour(persona),
        "href": href,
    }


@register.simple_tag
def former_member_name() -> str:
    """The name deleted members' kept writing shows, for pages that explain it."""
    return FORMER_MEMBER_NAME
