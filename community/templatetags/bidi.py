"""Showing strings that mix our words with member text (community.text).

`{% load bidi %}{{ notification.text|member_text }}`: the text is escaped, each piece a
service marked with `community.text.isolate()` becomes a `<bdi>` element, and any other bidi
control left in it (an unpaired mark, a notification stored before the cleaning) is dropped, so
no raw control character reaches the page.
"""

import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from community.text import (
    BIDI_CONTROLS,
    FIRST_STRONG_ISOLATE,
    POP_DIRECTIONAL_ISOLATE,
)

register = template.Library()

_ISOLATED_PIECE = re.compile(
    f"{FIRST_STRONG_ISOLATE}([^{''.join(sorted(BIDI_CONTROLS))}]*){POP_DIRECTIONAL_ISOLATE}"
)
_ANY_BIDI_CONTROL = re.compile("[" + "".join(sorted(BIDI_CONTROLS)) + "]")


@register.filter
def member_text(value) -> SafeString:
    """`value` escaped, its isolated pieces in `<bdi>`, other bidi controls removed."""
    escaped = str(conditional_escape(value))
    with_elements = _ISOLATED_PIECE.sub(r"<bdi>\1</bdi>", escaped)
    # Safe: everything typed was escaped above; the only markup added is the bare <bdi> pair.
    return mark_safe(_ANY_BIDI_CONTROL.sub("", with_elements))  # noqa: S308
