"""`@Name` mentions of a group's members inside a post's rendered HTML.

Names may hold spaces and punctuation (community.pseudonyms), so a mention is not "@ then a
word": it is "@" followed by the LONGEST name of an active member of the group that starts
there, compared case-insensitively, and ending at a non-letter (so "@Quiet River" finds "Quiet
River" over "Quiet", and "@Quiet Riverbank" finds neither). An "@" right after a letter or
digit ("mail@host") starts nothing.

Only the group's active members are matched: a former member, an applicant or a persona of
another group is plain text, linked to nothing, and notified of nothing. Text inside links,
code and quotes is left alone. `link_mentions` is a pure function of (HTML, group), so
previews can show exactly what saving would store.
"""

import html
import re

from community.models import Persona
from groups.models import Group, Membership
from groups.people import people_path_prefix, person_path

# The rendered HTML, split into tags and the text between them.
_TAG = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"</?\s*([a-zA-Z0-9]+)")
# Inside these, "@Name" is someone's text (a link, code, a quote), not a mention: quoting a post
# that named someone must not tell them again, as if the quoter had named them.
_NO_MENTIONS_IN = {"a", "code", "pre", "blockquote"}


def mentionable_members(group: Group) -> list[Persona]:
    """The personas "@" can name in `group`: its active members (one query)."""
    return list(
        Persona.objects.filter(
            membership__group=group,
            membership__status=Membership.Status.ACTIVE,
            account__isnull=False,
        ).only("pk", "public_id", "name", "account_id", "space_id")
    )


def _names_by_first_letter(members: list[Persona]) -> dict[str, list[tuple[str, Persona]]]:
    """Members' casefolded names grouped by first character, longest first in each group."""
    table: dict[str, list[tuple[str, Persona]]] = {}
    for persona in members:
        folded = persona.name.casefold()
        if folded:
            table.setdefault(folded[0], []).append((folded, persona))
    for entries in table.values():
        entries.sort(key=lambda entry: len(entry[0]), reverse=True)
    return table


def _is_word_character(character: str) -> bool:
    return character.isalnum() or character == "_"


def _match_at(text: str, start: int, table) -> tuple[int, Persona] | None:
    """The longest member name right after the "@" at `start`: (its end, the persona)."""
    if start + 1 >= len(text):
        return None
    for folded, persona in table.get(text[start + 1].casefold(), ()):
        end = start + 1 + len(persona.name)
        if text[start + 1 : end].casefold() != folded:
            continue
        if end < len(text) and _is_word_character(text[end]) and _is_word_character(text[end - 1]):
            continue  # "@Quiet Riverbank" is not "@Quiet River"
        return end, persona
    return None


def _link_text(text: str, table, prefix: str, found: dict[int, Persona]) -> str:
    """One run of text (HTML-escaped) with its mentions made links."""
    plain = html.unescape(text)
    pieces: list[str] = []
    done = 0
    position = plain.find("@")
    while position != -1:
        match = None
        if position == 0 or not _is_word_character(plain[position - 1]):
            match = _match_at(plain, position, table)
        if match is None:
            position = plain.find("@", position + 1)
            continue
        end, persona = match
        pieces.append(html.escape(plain[done:position], quote=False))
        pieces.append(
            f'<a class="mention" href="{html.escape(person_path(prefix, persona))}">'
            f"@<bdi>{html.escape(persona.name, quote=False)}</bdi></a>"
        )
        found.setdefault(persona.pk, persona)
        done = end
        position = plain.find("@", end)
    if not pieces:
        return text  # untouched, byte for byte
    pieces.append(html.escape(plain[done:], quote=False))
    return "".join(pieces)


def link_mentions(
    body_html: str, group: Group, members: list[Persona] | None = None
) -> tuple[str, list[Persona]]:
    """`body_html` (rendered and sanitized) with each `@Name` of an active member of `group`
    made a link to their page in the group, and the personas named, each once, in order.

    The links are built here from the member list, after sanitizing, so nothing a member typed
    can make one. `members` saves the query when the caller has them.
    """
    if "@" not in body_html:
        return body_html, []
    table = _names_by_first_letter(mentionable_members(group) if members is None else members)
    if not table:
        return body_html, []
    prefix = people_path_prefix(group)
    found: dict[int, Persona] = {}
    depth = 0  # how many of _NO_MENTIONS_IN are open
    parts = _TAG.split(body_html)
    for index, part in enumerate(parts):
        if index % 2:  # a tag
            name = _TAG_NAME.match(part)
            if name and name.group(1).lower() in _NO_MENTIONS_IN and not part.endswith("/>"):
                depth = max(0, depth - 1) if part.startswith("</") else depth + 1
        elif depth == 0 and "@" in part:
            parts[index] = _link_text(part, table, prefix, found)
    return "".join(parts), list(found.values())
