"""Employers a member named, kept so that a survivor is never matched with someone from the
same company as the people who hurt them, and shown to nobody.

Only equality is needed, so only a keyed HMAC of the normalized name is stored, as moderation
keeps banned addresses (`moderation.restrictions.email_digest`): the names cannot be read back
from the database, and without the key they cannot be guessed from it either.

Normalization makes the usual ways of writing one company's name equal: "ACME Inc.", "Acme,
Inc", "acme" and "ACME Incorporated" all become "acme". It folds case, width and accents,
reads "&" as "and", drops punctuation and spacing, a leading "The", a trailing web domain
(".com") and trailing legal forms ("Inc", "LLC", "GmbH", "Ltd"...), repeatedly ("Acme Co.
Ltd"). Two different companies that normalize alike only keep two people apart who could
have been matched, which is the safe direction.
"""

import hashlib
import hmac
import re
import unicodedata

from django.conf import settings

from mentoring.app_settings import app_settings

# Legal forms, as words after punctuation is dropped ("S.A." is "s a", joined below).
LEGAL_FORMS = frozenset(
    {
        "inc", "incorporated", "corp", "corporation", "co", "company", "llc", "llp", "lp",
        "ltd", "limited", "plc", "gmbh", "ag", "kg", "sa", "sas", "sarl", "srl", "spa",
        "bv", "nv", "pty", "pte", "oy", "ab", "as", "kk", "pvt", "group", "holdings",
    }
)  # fmt: skip
DOMAIN_ENDINGS = (".com", ".io", ".net", ".org", ".co", ".ai", ".dev")
LEADING_WORDS = frozenset({"the"})


def _words(name: str) -> list[str]:
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", name))
    text = "".join(character for character in text if not unicodedata.combining(character))
    text = text.casefold().replace("&", " and ").strip()
    for ending in DOMAIN_ENDINGS:
        if text.endswith(ending):
            text = text[: -len(ending)]
            break
    words = [word for word in re.split(r"[\W_]+", text) if word]
    return _join_initials(words)


def _join_initials(words: list[str]) -> list[str]:
    """Runs of one-letter words become one ("s a" -> "sa", "a b c" -> "abc"), so that
    dotted forms ("S.A.", "B.V.") read as the word they abbreviate."""
    joined: list[str] = []
    run = ""
    for word in words:
        if len(word) == 1:
            run += word
            continue
        if run:
            joined.append(run)
            run = ""
        joined.append(word)
    if run:
        joined.append(run)
    return joined


def normalize_employer(name: str) -> str:
    """The form two names of one employer share ("ACME Inc." -> "acme"); "" when nothing is
    left (a name that was only a legal form, say)."""
    words = _words(name or "")
    while words and words[0] in LEADING_WORDS and len(words) > 1:
        words = words[1:]
    while len(words) > 1 and words[-1] in LEGAL_FORMS:
        words = words[:-1]
    if len(words) == 1 and words[0] in LEGAL_FORMS:
        return ""
    return "".join(words)


def _key() -> bytes:
    key = app_settings.EMPLOYER_KEY or settings.SECRET_KEY
    return f"lantern.mentoring.employer:{key}".encode()


def employer_digest(name: str) -> str:
    """The keyed HMAC kept for `name`: equal for every way of writing one employer."""
    return hmac.new(_key(), normalize_employer(name).encode(), hashlib.sha256).hexdigest()
