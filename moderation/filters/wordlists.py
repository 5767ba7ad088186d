"""Word lists: site-wide and per group, each entry with its action (block, hold, flag).

Matching is whole-word and case-insensitive on NFKC-normalized text, so "ＢＡＤ", "Bad" and
"bad" are one word, and an entry "bad" does not fire inside "badge". Invisible characters are
dropped first (a zero-width space inside a word would otherwise hide it), and runs of spaces
in a phrase match any run of whitespace.
"""

import re

from django.db.models import Q

from community.models import Space
from moderation.filters.identity import normalize
from moderation.filters.models import WordListEntry


def normalize_pattern(pattern: str) -> str:
    return " ".join(normalize(pattern).casefold().split())


def _compiled(normalized: str) -> re.Pattern:
    words = [re.escape(word) for word in normalized.split(" ")]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)")


def entries_for(space: Space | None):
    """The site's entries and those of `space`: one query."""
    scope = Q(space__isnull=True)
    if space is not None:
        scope |= Q(space=space)
    return WordListEntry.objects.filter(scope).order_by("pk")


def matching_entries(text: str, space: Space | None) -> list[WordListEntry]:
    """The entries of the site and of `space` that `text` contains."""
    folded = normalize(text).casefold()
    return [entry for entry in entries_for(space) if _compiled(entry.normalized).search(folded)]
