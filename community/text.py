"""Text that members type, made safe to show inline (issue #8 §8).

Unicode's bidirectional controls reorder the text around them: a thread titled
"\u202egnorw" shows as "wrong", and the override runs on past the title into whatever the page,
the `<title>` or a notification line puts after it. Zero-width characters hide inside text
(an "empty" title, two names that look the same). So:

- **Single-line fields** (thread titles, content warnings, group names, descriptions and join
  questions) go through `clean_line` in the service that saves them: every bidi control and
  zero-width character is removed, line breaks and tabs become spaces. The zero-width *joiner*
  and *non-joiner* (U+200D, U+200C) are kept where they sit between two visible characters,
  because there they do work: emoji sequences (👩‍💻), Persian spelling (می‌خواهم), Indic
  conjuncts. Anywhere else (at an end, beside a space, alone) they draw nothing and are dropped.
  Right-to-left text itself is never touched: an Arabic or Hebrew title keeps its direction
  from its letters, which needs no control character.
- **Multi-line text** (post bodies, group guidelines, join answers) goes through
  `clean_multiline` when saved (and bodies again when rendered): only the embedding, override
  and isolate controls go, the ones that reorder runs of letters. The marks (LRM, RLM, ALM)
  stay: writers of right-to-left text use them to place punctuation and numbers, and a mark
  cannot reverse letters. Zero-width characters stay too (joiners in emoji and scripts; a
  stray one hides nothing in a body).
- **Inline display**: every piece of member text is shown inside `<bdi>` (or an element with
  `dir="auto"`), so a right-to-left name or title cannot pull the words next to it out of
  order. Strings that mix our words with member text (notification lines, flash messages)
  mark each member piece with `isolate()`; the `member_text` filter (`{% load bidi %}`) turns
  those marks into `<bdi>` elements. Persona names refuse all such characters at creation
  (community.pseudonyms), so they need no cleaning here.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError

# Embeddings, overrides (U+202A-U+202E) and isolates (U+2066-U+2069): they reorder letters.
REORDERING_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# The marks: they set the direction of neutral characters (punctuation, digits) only.
DIRECTION_MARKS = frozenset("\u200e\u200f\u061c")
BIDI_CONTROLS = REORDERING_CONTROLS | DIRECTION_MARKS
# Zero width space, word joiner, invisible operators, byte order mark.
ZERO_WIDTH = frozenset("\u200b\u2060\u2061\u2062\u2063\u2064\ufeff")
# Zero-width non-joiner and joiner: meaningful between two visible characters only.
JOINERS = frozenset("\u200c\u200d")
# Category of characters that break a line or are control codes (tab, newline, ...).
LINE_BREAKING_CATEGORIES = {"Cc", "Zl", "Zp"}

FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"

_reordering = re.compile("[" + "".join(sorted(REORDERING_CONTROLS)) + "]")


def _visible(character: str) -> bool:
    return bool(character) and not character.isspace() and character not in JOINERS


def clean_line(text: str | None) -> str:
    """`text` as a single-line field stores it: no bidi or zero-width characters, no line
    breaks, no outer whitespace; joiners kept only between two visible characters."""
    characters = [
        " " if unicodedata.category(character) in LINE_BREAKING_CATEGORIES else character
        for character in text or ""
        if character not in BIDI_CONTROLS and character not in ZERO_WIDTH
    ]
    kept: list[str] = []
    for index, character in enumerate(characters):
        if character in JOINERS:
            before = kept[-1] if kept else ""
            after = characters[index + 1] if index + 1 < len(characters) else ""
            if not (_visible(before) and _visible(after)):
                continue
        kept.append(character)
    return "".join(kept).strip()


def clean_multiline(text: str | None) -> str:
    """`text` without the controls that reorder letters; everything else as typed."""
    return _reordering.sub("", text or "")


def isolate(text: str) -> str:
    """`text` wrapped in a first-strong isolate, for a string that mixes our words with member
    text. Plain text readers lay it out on its own; `member_text` shows it in `<bdi>`."""
    return FIRST_STRONG_ISOLATE + clean_line(text) + POP_DIRECTIONAL_ISOLATE


def check_length(*, field: str, value: str, limit: int, label: str, required: bool = False) -> None:
    """The one length rule for what members type, with the message every form shows: raises a
    ValidationError on `field` when `value` is over `limit` (or empty when `required`)."""
    if required and not value.strip():
        raise ValidationError({field: ValidationError(f"Please write a {label}.", code="required")})
    if len(value) > limit:
        sentence = f"The {label} can be at most {limit} characters (it has {len(value)})."
        raise ValidationError({field: ValidationError(sentence, code="too_long")})
