"""The one way a person is rendered: their persona in the space shown, nothing else.

Usage: `{% load people %}{% persona post.author %}` (`persona_html` in Python and Jinja2).
Everything shown comes from the persona row (its name and random public id); the account behind
it is never read, so two personas of one account share nothing in their markup.
"""

import hashlib

from django import template
from markupsafe import Markup, escape

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


def persona_html(persona, href="") -> Markup:
    """`persona` (a Persona, or None for a deleted author) as avatar + name; the name links to
    `href` if given (the persona's page in the space shown, never anywhere else). Python rather
    than a template: a thread page shows 50 of them, and the Jinja2 post fragment
    (community.fragments) uses this same function, so there is one copy of the markup."""
    name = persona.display_name if persona is not None else FORMER_MEMBER_NAME
    # MarkupSafe's escape (C) and an f-string rather than format_html: a tenth of the time,
    # the same escaping. Markup has __html__, so Django templates keep it as safe HTML too.
    avatar = (
        f'<span class="persona"><span class="avatar avatar-{escape(avatar_colour(persona))}" '
        f'aria-hidden="true">{escape(avatar_initial(name))}</span>'
    )
    if href:
        return Markup(  # noqa: S704 - every value in it is escaped
            f'{avatar}<a class="persona-name" href="{escape(href)}"><bdi>{escape(name)}</bdi></a>'
            "</span>"
        )
    return Markup(f'{avatar}<bdi class="persona-name">{escape(name)}</bdi></span>')  # noqa: S704


@register.simple_tag
def persona(persona, href=""):
    """`{% persona post.author %}` or `{% persona post.author href=url %}`: `persona_html`."""
    return persona_html(persona, href)


@register.simple_tag
def former_member_name() -> str:
    """The name deleted members' kept writing shows, for pages that explain it."""
    return FORMER_MEMBER_NAME
