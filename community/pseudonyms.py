"""Pseudonym generation and validation (DESIGN.md §1).

Two names are "the same" when their keys (`name_key`) are equal. The key is a confusable
skeleton in the spirit of Unicode TR39:

1. NFKC, so compatibility forms fold to their plain letter ("ＡＤＭＩＮ" -> "ADMIN", ligatures
   split), then casefold.
2. Every character is replaced by one representative of its confusable set. The sets come from
   the `confusable-homoglyphs` package (generated from Unicode's confusables.txt), not from a
   hand-made table. That data lists, for each character, what it can be mistaken for; it forms
   stars around the TR39 prototype, so the representative of a set is its best-connected member
   (ties: plain ASCII letters first). E.g. Cyrillic "а" -> "a", "1" and "|" -> "l", "0" -> "o",
   "m" -> "rn" (so "rn" and "m" compare equal). Steps 1-2 repeat until nothing changes, because
   a representative may be upper case ("0" -> "O" -> "o").
3. Combining diacritics, variation selectors, spaces and punctuation are dropped, so
   "quiet-otter", "Quiet Otter" and "quiet_otter" share a key.

Reserved staff words are matched by *words*, not by containment: the name is split into words
(at spaces, punctuation and lower-to-upper case changes, so "TheAdmin" is "The" + "Admin"), and
every run of consecutive words is joined and compared by key with each reserved word, after
dropping digits at the ends of the run ("Admin42") and, failing that, a plural or agent ending
("Admins", "Moderators", "Staffer"). So "Adm1n", "A D M I N", "Trust & Safety"
and Cyrillic "аdmin" are rejected, while "Modest Heron", "Badminton Fan" or "Supportive Owl"
are fine: containment would forbid ordinary words that merely hold "admin" or "support".
The endings cost a few honest names ("Supporter", "Modes"); a plural of a staff word reads as
staff all the same.

A letter may carry at most PERSONA_NAME_MAX_COMBINING_MARKS combining marks: more stack above
and below the line and draw over the text around the name.

The account's email is matched by containment instead, because it is identity: a name must not
hold the local part (3+ characters, with or without its trailing digits) anywhere in its key.
"""

import functools
import re
import secrets
import string
import unicodedata
from collections import Counter
from typing import TYPE_CHECKING

from confusable_homoglyphs import categories as script_categories
from confusable_homoglyphs import confusables
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError

if TYPE_CHECKING:
    from community.models import Account

# The `name_key` column holds at most this many characters.
NAME_KEY_MAX_CHARS = 256
# Generated names that break a rule (a reserved word, too long) are drawn again, this often.
SUGGESTION_DRAWS = 100

# Characters no name may hold: control, format (zero-width, bidi overrides and isolates),
# private use, surrogates, unassigned, line and paragraph separators.
FORBIDDEN_CATEGORIES = {"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"}
# Letters and symbols that draw nothing but are not in the categories above.
INVISIBLE_CHARACTERS = {
    "\u034f",  # combining grapheme joiner
    "\u115f",  # hangul choseong filler
    "\u1160",  # hangul jungseong filler
    "\u17b4",  # khmer vowel inherent aq
    "\u17b5",  # khmer vowel inherent aa
    "\u2800",  # braille pattern blank
    "\u3164",  # hangul filler
    "\uffa0",  # halfwidth hangul filler
}
# Stripped from keys only: they change how an emoji looks, never which letter it is.
VARIATION_SELECTORS = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")
COMBINING_DIACRITICS = re.compile(
    "[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
)
# Scripts that are written together and are not "mixed" in a lookalike sense.
SCRIPT_FAMILIES = {"HIRAGANA": "HAN", "KATAKANA": "HAN", "HANGUL": "HAN", "BOPOMOFO": "HAN"}
NEUTRAL_SCRIPTS = {"COMMON", "INHERITED"}
# Reserved words only: digits and letters people swap to dodge a filter. Applied after the
# confusable skeleton (which already turns "1" and "I" into "l", "0" into "o"); "l" -> "i"
# because a capital I and a small l are one glyph in most sans-serif fonts.
# Endings dropped from a run of words before comparing it with the reserved words.
RESERVED_WORD_ENDINGS = ("s", "es", "er", "ers")
# Marks that draw on the letter before them (nonspacing and enclosing), counted per letter.
COMBINING_MARK_CATEGORIES = {"Mn", "Me"}
# Words of generated names. A support space wants calm words: no animals (a "Cobra" or a
# "Labradoodle" reads as a joke or a threat), nothing harsh, dark or violent. Nature, light,
# places; every word alone passes `validate_name`, and none repeats across the lists
# (tests/community/test_suggested_names.py). About 100 x 100 x 90 numbers: some 900,000 names.
SUGGESTION_ADJECTIVES = (
    "Amber",
    "Azure",
    "Balmy",
    "Bright",
    "Breezy",
    "Calm",
    "Careful",
    "Clear",
    "Cosy",
    "Crisp",
    "Dewy",
    "Drifting",
    "Early",
    "Eastern",
    "Evening",
    "Fair",
    "Floral",
    "Flowing",
    "Fresh",
    "Gentle",
    "Glowing",
    "Golden",
    "Graceful",
    "Green",
    "Hazel",
    "Honest",
    "Hopeful",
    "Humble",
    "Kind",
    "Leafy",
    "Lilac",
    "Lively",
    "Lucent",
    "Lunar",
    "Mellow",
    "Mild",
    "Misty",
    "Moonlit",
    "Morning",
    "Mossy",
    "Northern",
    "Olive",
    "Open",
    "Pale",
    "Patient",
    "Peaceful",
    "Quiet",
    "Radiant",
    "Restful",
    "Rolling",
    "Rosy",
    "Rustling",
    "Serene",
    "Sheltered",
    "Shining",
    "Silver",
    "Snug",
    "Soft",
    "Southern",
    "Sparkling",
    "Starry",
    "Steady",
    "Still",
    "Sunlit",
    "Sunny",
    "Tender",
    "Thoughtful",
    "Tranquil",
    "Velvet",
    "Verdant",
    "Violet",
    "Warm",
    "Western",
    "Wide",
    "Willowy",
    "Woven",
    "Gleaming",
    "Dappled",
    "Blooming",
    "Budding",
    "Cheerful",
    "Easy",
    "Friendly",
    "Glad",
    "Grassy",
    "Hushed",
    "Lucky",
    "Maple",
    "Placid",
    "Rainy",
    "Silken",
    "Sleepy",
    "Smooth",
    "Snowy",
    "Spring",
    "Summer",
    "Autumn",
    "Winter",
    "Wistful",
)
SUGGESTION_NOUNS = (
    "Acorn",
    "Aspen",
    "Aurora",
    "Bay",
    "Birch",
    "Bloom",
    "Breeze",
    "Bridge",
    "Brook",
    "Cabin",
    "Candle",
    "Canal",
    "Cedar",
    "Clover",
    "Cloud",
    "Coast",
    "Comet",
    "Coral",
    "Cottage",
    "Cove",
    "Creek",
    "Daisy",
    "Dawn",
    "Daylight",
    "Dell",
    "Dew",
    "Dune",
    "Dusk",
    "Ember",
    "Fern",
    "Field",
    "Fountain",
    "Frost",
    "Garden",
    "Glade",
    "Glen",
    "Glow",
    "Grove",
    "Harbor",
    "Haven",
    "Heather",
    "Hill",
    "Hollow",
    "Horizon",
    "Iris",
    "Island",
    "Ivy",
    "Juniper",
    "Lagoon",
    "Lake",
    "Lamp",
    "Lane",
    "Laurel",
    "Lighthouse",
    "Lily",
    "Lodge",
    "Lotus",
    "Meadow",
    "Mesa",
    "Mint",
    "Mist",
    "Moon",
    "Moonbeam",
    "Moss",
    "Oak",
    "Orchard",
    "Path",
    "Pearl",
    "Pebble",
    "Pier",
    "Pine",
    "Pond",
    "Porch",
    "Prairie",
    "Prism",
    "Quay",
    "Rain",
    "Rainbow",
    "Reed",
    "River",
    "Sage",
    "Shell",
    "Shore",
    "Sky",
    "Snowfall",
    "Star",
    "Starlight",
    "Stone",
    "Stream",
    "Sunbeam",
    "Sunrise",
    "Sunset",
    "Terrace",
    "Trail",
    "Tulip",
    "Valley",
    "Village",
    "Willow",
    "Window",
    "Garland",
    "Lantana",
)
LEET = str.maketrans({"4": "a", "3": "e", "5": "s", "7": "t", "8": "b", "9": "g", "l": "i"})


@functools.cache
def _representatives() -> dict[str, str]:
    """Map each confusable character to the one representative of its confusable set."""
    parent: dict[str, str] = {}
    degree: Counter[str] = Counter()

    def root(node: str) -> str:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for character, homoglyphs in confusables.confusables_data.items():
        # The data wraps right-to-left characters in LEFT-TO-RIGHT MARKs for display.
        character = character.replace("\u200e", "")
        for homoglyph in homoglyphs:
            lookalike = homoglyph["c"].replace("\u200e", "")
            parent[root(character)] = root(lookalike)
            degree[character] += 1
            degree[lookalike] += 1

    sets: dict[str, list[str]] = {}
    for node in list(parent):
        sets.setdefault(root(node), []).append(node)

    def preference(node: str) -> tuple:
        plain = node.isascii() and node.isalpha()
        return (-degree[node], not plain, not node.isascii(), len(node), node)

    mapping = {}
    for members in sets.values():
        representative = min(members, key=preference)
        for member in members:
            if len(member) == 1 and member != representative:
                mapping[member] = representative
    return mapping


def _fold(text: str, *, capitals: bool = False) -> str:
    """NFKC, casefold and map confusables until stable (steps 1-2 of the module docstring).

    With `capitals`, the text is also upper-cased and mapped before casefolding: capitals have
    lookalikes of their own (Greek "Α" looks like "A" while "α" looks like no Latin letter).
    """
    mapping = _representatives()
    for _ in range(5):
        folded = unicodedata.normalize("NFKC", text)
        if capitals:
            folded = "".join(mapping.get(c, c) for c in folded.upper())
        folded = "".join(mapping.get(c, c) for c in folded.casefold())
        if folded == text:
            break
        text = folded
    return text


def name_key(name: str, *, capitals: bool = False) -> str:
    """The form names are compared in: case-, confusable- and separator-insensitive.

    The stored key casefolds first, so it is the same whatever the case of the name.
    `capitals=True` gives the stricter key used against reserved words (see `_fold`).
    """
    # Diacritics go between two folds: NFD exposes them, the second fold maps what is left.
    decomposed = unicodedata.normalize("NFD", _fold(name, capitals=capitals))
    stripped = VARIATION_SELECTORS.sub("", COMBINING_DIACRITICS.sub("", decomposed))
    folded = _fold(stripped, capitals=capitals)
    return "".join(
        character for character in folded if unicodedata.category(character)[0] not in "ZP"
    )


def suggest_name() -> str:
    """A readable pseudonym: a calm adjective, a word of nature, light or place, and a number,
    e.g. "Quiet Harbor 42"."""
    for _ in range(SUGGESTION_DRAWS):
        adjective, noun = secrets.choice(SUGGESTION_ADJECTIVES), secrets.choice(SUGGESTION_NOUNS)
        name = f"{adjective} {noun} {secrets.randbelow(90) + 10}"
        try:
            validate_name(name)
        except ValidationError:  # a reserved word or a too long pair: draw again
            continue
        return name
    raise ImproperlyConfigured(
        "No generated name passes validation: check PERSONA_NAME_MIN_CHARS/MAX_CHARS."
    )


def clean_name(name: str) -> str:
    """The name as it is stored: outer whitespace removed, inner runs of spaces collapsed."""
    return re.sub(" +", " ", name or "").strip()


def validate_name(name: str, *, account: "Account | None" = None) -> None:
    """Raise ValidationError, with a message for the person, when `name` breaks a rule.

    Uniqueness within a space is not checked here (it needs the space): see
    `community.services.personas`.
    """
    _check_length(name)
    _check_invisible(name)
    _check_combining_marks(name)
    _check_has_letter(name)
    _check_reserved(name)
    _check_mixed_scripts(name)
    if account is not None:
        _check_email(name, account.email)


def _check_length(name: str) -> None:
    low, high = settings.PERSONA_NAME_MIN_CHARS, settings.PERSONA_NAME_MAX_CHARS
    # NFKC too: one character like "ﷺ" can unfold into many.
    lengths = (len(name), len(unicodedata.normalize("NFKC", name)))
    if (
        not all(low <= length <= high for length in lengths)
        or len(name_key(name)) > NAME_KEY_MAX_CHARS
    ):
        raise ValidationError(
            f"A name must be {low} to {high} characters long.",
            code="length",
        )


def _check_invisible(name: str) -> None:
    for character in name:
        category = unicodedata.category(character)
        invisible = category in FORBIDDEN_CATEGORIES or character in INVISIBLE_CHARACTERS
        if invisible or (category == "Zs" and character != " "):
            raise ValidationError(
                "A name can't contain invisible, control or text-direction characters, "
                "nor spaces other than the ordinary space.",
                code="invisible",
            )


def _check_combining_marks(name: str) -> None:
    limit = settings.PERSONA_NAME_MAX_COMBINING_MARKS
    stacked = 0
    # Decomposed, so a precomposed "é" counts its accent as the same letter with one more would.
    for character in unicodedata.normalize("NFD", name):
        stacked = stacked + 1 if unicodedata.category(character) in COMBINING_MARK_CATEGORIES else 0
        if stacked > limit:
            raise ValidationError(
                f"A letter can carry at most {limit} accents: more draw over the text around "
                "the name.",
                code="combining_marks",
            )


def _check_has_letter(name: str) -> None:
    if not any(character.isalnum() for character in name):
        raise ValidationError("A name needs at least one letter or number.", code="no_letters")


def _words(name: str) -> list[str]:
    """Words of `name`: split at anything but letters and digits, and at "aB" case changes."""
    text = unicodedata.normalize("NFKC", name)
    spaced = "".join(
        f" {character}" if character.isupper() and previous.islower() else character
        for previous, character in zip(" " + text[:-1], text, strict=True)
    )
    return [word for word in re.split(r"[\W_]+", spaced) if word]


def _loose_keys(text: str) -> set[str]:
    """Keys with digits read as letters, for reserved words only ("St4ff", "Adm1n")."""
    return {name_key(text, capitals=capitals).translate(LEET) for capitals in (False, True)}


def _reserved_keys() -> set[str]:
    keys = set().union(*(_loose_keys(word) for word in settings.PERSONA_RESERVED_WORDS))
    return keys - {""}


def _check_reserved(name: str) -> None:
    reserved = _reserved_keys()
    words = _words(name.replace("&", " and ").replace("＆", " and "))
    for start in range(len(words)):
        for end in range(start + 1, len(words) + 1):
            run = "".join(words[start:end])
            if any(_stems(candidate) & reserved for candidate in _trimmed(run)):
                raise ValidationError(
                    "That name looks like a staff role or Lantern itself. Please choose "
                    "another, so that nobody mistakes a member for staff.",
                    code="reserved",
                )


@functools.cache
def _ending_keys() -> frozenset[str]:
    return frozenset().union(*(_loose_keys(ending) for ending in RESERVED_WORD_ENDINGS))


def _stems(text: str) -> set[str]:
    """Loose keys of `text`, as written and without a plural or agent ending ("Moderators")."""
    keys = _loose_keys(text)
    return keys | {
        key[: -len(ending)]
        for key in keys
        for ending in _ending_keys()
        if key.endswith(ending) and len(key) > len(ending)
    }


def _trimmed(run: str) -> set[str]:
    """`run` as written and without the digits at its ends ("Admin42")."""
    return {candidate for candidate in (run, run.strip(string.digits)) if candidate}


def _script(character: str) -> str:
    script = script_categories.alias(character)
    return SCRIPT_FAMILIES.get(script, script)


def _check_mixed_scripts(name: str) -> None:
    """Reject a word written in two alphabets with lookalike letters, e.g. Latin + Cyrillic."""
    for word in _words(name):
        scripts = {_script(character) for character in word} - NEUTRAL_SCRIPTS
        if len(scripts) > 1 and confusables.is_confusable(word):
            raise ValidationError(
                f'"{word}" mixes letters from different alphabets that look alike. '
                "Please write each word in one alphabet.",
                code="mixed_scripts",
            )


def _check_email(name: str, email: str) -> None:
    local_part = (email or "").rpartition("@")[0]
    candidates = {local_part, local_part.rstrip(string.digits), email or ""}
    key = name_key(name)
    for candidate in candidates:
        candidate_key = name_key(candidate)
        if len(candidate_key) >= 3 and candidate_key in key:
            raise ValidationError(
                "A name can't contain your email address or the part before the @: "
                "others could recognise you.",
                code="email",
            )
