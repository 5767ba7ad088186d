"""Editing word lists: the site's (staff) and a space's (its hosts)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from community.errors import NotAllowed
from community.models import Account, Space
from community.text import check_length, clean_line
from moderation.app_settings import app_settings
from moderation.filters import policies
from moderation.filters.models import WordListEntry
from moderation.filters.wordlists import normalize_pattern


def _may_edit(actor: Account, space: Space | None) -> bool:
    if space is None:
        return policies.can_edit_site_words(actor)
    return policies.can_edit_space_words(actor, space)


@transaction.atomic
def add_word(
    *, actor: Account, space: Space | None, pattern: str, action: str, message: str = ""
) -> WordListEntry:
    """Add `pattern` to the site's list (`space` None) or to `space`'s list.

    ValidationError (keyed by field) for an empty, over-long or repeated pattern, an unknown
    action, or a full list; NotAllowed when `actor` may not edit this list.
    """
    if not _may_edit(actor, space):
        raise NotAllowed("Only staff can edit the site's word list, and hosts their group's.")
    pattern, message = clean_line(pattern), clean_line(message)
    check_length(
        field="pattern",
        value=pattern,
        limit=app_settings.WORD_PATTERN_MAX_CHARS,
        label="word or phrase",
        required=True,
    )
    check_length(
        field="message",
        value=message,
        limit=app_settings.WORD_MESSAGE_MAX_CHARS,
        label="message",
    )
    if action not in WordListEntry.Action.values:
        raise ValidationError({"action": "Choose what happens to text with this word."})
    normalized = normalize_pattern(pattern)
    if not any(character.isalnum() for character in normalized):
        raise ValidationError({"pattern": "A word or phrase needs at least one letter or digit."})
    entries = WordListEntry.objects.filter(space=space)
    if entries.filter(normalized=normalized).exists():
        raise ValidationError({"pattern": "This word is on the list already."})
    if entries.count() >= app_settings.WORD_LIST_MAX_ENTRIES:
        raise ValidationError(
            {"pattern": f"A list holds at most {app_settings.WORD_LIST_MAX_ENTRIES} entries."}
        )
    try:
        with transaction.atomic():
            return WordListEntry.objects.create(
                space=space, pattern=pattern, normalized=normalized, action=action, message=message
            )
    except IntegrityError:  # the same word added by another request just now
        raise ValidationError({"pattern": "This word is on the list already."}) from None


@transaction.atomic
def remove_word(*, actor: Account, entry: WordListEntry) -> None:
    if not _may_edit(actor, entry.space):
        raise NotAllowed("Only staff can edit the site's word list, and hosts their group's.")
    entry.delete()
