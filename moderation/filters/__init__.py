"""Automatic filters: what a member is about to publish, screened before it is stored.

`screen` is registered with `community.screening` from `ModerationConfig.ready()`; content
apps call `community.screening.screen` and never import this package (DESIGN.md §4).

- Identity exposure (`identity`): email addresses, phone numbers, profile links and handles
  hold the text for review (MODERATION_HOLD_IDENTITY_EXPOSURE).
- Word lists (`wordlists`): the site's and the space's entries, each with its action.
- The strictest answer wins: block, then hold, then publish-and-flag.
"""

from community.models import Space
from community.screening import BLOCK, FLAG, HOLD, PUBLISHED, SEVERITY, Verdict
from moderation.app_settings import app_settings
from moderation.filters import identity, wordlists

IDENTITY_MESSAGE = (
    "This looks like it contains {found}. To protect everyone here from being identified, it "
    "waits for a moderator before anyone else can see it. If that was not meant, edit it to "
    "take {those} out and it will be published."
)
HOLD_MESSAGE = (
    "This contains words that this community reviews before publishing, so it waits for a "
    "moderator. You can edit it."
)
BLOCK_MESSAGE = "This contains words that are not allowed here, so it was not published."


def screen(text: str, *, space: Space | None, account=None) -> Verdict:
    """The verdict on `text` about to be published in `space` (None: outside any space)."""
    verdicts = [_word_list_verdict(text, space)]
    if app_settings.HOLD_IDENTITY_EXPOSURE:
        verdicts.append(_identity_verdict(text))
    return max(verdicts, key=lambda verdict: SEVERITY[verdict.action])


def _identity_verdict(text: str) -> Verdict:
    findings = identity.find_exposures(text, phone_regions=list(app_settings.PHONE_REGIONS))
    if not findings:
        return PUBLISHED
    found = identity.describe(findings)
    those = "it" if len({finding.kind for finding in findings}) == 1 else "them"
    return Verdict(
        action=HOLD,
        reason="personal_info",
        message=IDENTITY_MESSAGE.format(found=found, those=those),
        detail=f"Looks like {found}.",
    )


def _word_list_verdict(text: str, space: Space | None) -> Verdict:
    entries = wordlists.matching_entries(text, space)
    if not entries:
        return PUBLISHED
    order = {BLOCK: 0, HOLD: 1, FLAG: 2}
    entry = min(entries, key=lambda entry: (order[entry.action], entry.space_id is None))
    scope = "site" if entry.space_id is None else "group"
    detail = f"Matches the {scope} word list: “{entry.pattern}”."
    if entry.action == BLOCK:
        message = entry.message or BLOCK_MESSAGE
        return Verdict(action=BLOCK, reason="word_list", message=message, detail=detail)
    if entry.action == HOLD:
        return Verdict(action=HOLD, reason="word_list", message=HOLD_MESSAGE, detail=detail)
    return Verdict(action=FLAG, reason="word_list", detail=detail)
