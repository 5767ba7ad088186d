"""Identity exposure in text: email addresses, phone numbers, profile links and handles.

Run on what a member is about to publish (`moderation.filters.screen`), so that nobody is
doxxed, by someone else or by their own hand, before a moderator has looked. Each finding
names a kind, never a verdict: the screener decides what to do with it.

Precision matters as much as recall here: a filter that holds every version number, date or
`@decorator` teaches people to ignore it. So:

- Phone numbers come from `phonenumbers` (libphonenumber's port): a match must be a valid
  number of its region (international `+` numbers anywhere, national formats for the regions
  in MODERATION_PHONE_REGIONS) and written with that region's grouping, which rules out
  dates, versions, IP addresses, prices and issue numbers.
- Email addresses need a real-looking domain: letters in the last label, and not one of the
  names reserved for documentation (example.com, .test, .invalid, localhost), which code
  samples use. Spelled-out forms ("jane [at] gmail [dot] com") count too.
- Profile links are URLs (with or without a scheme) of the sites where a person has a page,
  pointing at a person: `github.com/jane`, not `github.com/features`; `linkedin.com/in/jane`;
  any `https://<host>/@jane` (Mastodon, Medium, TikTok and the like).
- Handles: `@jane@instance.social` (Mastodon), `@jane.bsky.social`, and a bare `@jane` only
  when a platform is named just before it ("twitter: @jane", "IG @jane"), since a bare `@word`
  is as often a decorator, a mention or "@ the office".
"""

import re
import unicodedata
from dataclasses import dataclass

import phonenumbers

from community.text import JOINERS, ZERO_WIDTH

EMAIL = "email"
PHONE = "phone"
PROFILE_LINK = "profile_link"
HANDLE = "handle"

KIND_WORDS = {
    EMAIL: "an email address",
    PHONE: "a phone number",
    PROFILE_LINK: "a link to a personal profile",
    HANDLE: "a social media handle",
}


@dataclass(frozen=True)
class Finding:
    kind: str
    text: str  # as it appears (normalized), for moderators and tests


# Documentation and test names (RFC 2606, RFC 6761): what code samples and examples use.
RESERVED_DOMAINS = re.compile(
    r"(^|\.)(example\.(com|org|net)|[\w-]+\.(example|test|invalid|localhost)|localhost)$"
)
_EMAIL = re.compile(
    r"(?<![\w.+-])([\w.+%-]+)@((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+([a-z]{2,24}))(?![\w-])",
    re.IGNORECASE,
)
# "git@github.com:org/repo.git" is an SSH remote, not an address.
_SSH_REMOTE = re.compile(r":[\w./~-]")
# "jane [at] gmail [dot] com", "jane (at) gmail (dot) com", "jane at gmail dot com".
_SPELLED_EMAIL = re.compile(
    r"(?<![\w.])[\w.+-]+\s*(?:[\[\(\{]\s*at\s*[\]\)\}]|\s+at\s+)\s*[\w-]+"
    r"(?:\s*(?:[\[\(\{]\s*dot\s*[\]\)\}]|\s+dot\s+)\s*[\w-]+)*"
    r"\s*(?:[\[\(\{]\s*dot\s*[\]\)\}]|\s+dot\s+)\s*"
    r"(?:com|org|net|edu|gov|io|dev|co|me|uk|de|fr|ca|au|in|info|biz|app|xyz|ai)\b",
    re.IGNORECASE,
)
_MASTODON = re.compile(r"(?<![\w@])@[\w.]{1,64}@(?:[a-z0-9-]+\.)+[a-z]{2,24}\b", re.IGNORECASE)
_BLUESKY = re.compile(r"(?<![\w@])@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.bsky\.social\b", re.IGNORECASE)
# A platform named just before a bare @handle.
_PLATFORM_HANDLE = re.compile(
    r"\b(?:twitter|tweet(?:ed)?|x\.com|on\s+x|insta(?:gram)?|ig|tiktok|threads|bluesky|bsky|"
    r"telegram|snap(?:chat)?|github|gitlab|gh|linkedin|mastodon|discord|reddit|twitch|youtube|"
    r"handle|username|user\s*name|dm\s+me|follow\s+me|find\s+me)\b"
    r"[^\n@]{0,24}?(?<![\w@])@([a-z0-9_][a-z0-9_.]{1,38})\b",
    re.IGNORECASE,
)

# Sites whose URLs point at a person, and the paths that do (after the host).
_HOST = r"(?:https?://)?(?:(?:www|m|mobile|[a-z]{2}(?:-[a-z]{2})?)\.)?"
_NAME = r"[\w.-]{2,64}"
_PROFILE_URLS = [
    rf"{_HOST}linkedin\.com/(?:in|pub|profile)/[\w%.-]+",
    rf"{_HOST}(?:twitter|x)\.com/(?!(?:home|explore|search|i|intent|share|hashtag|settings|"
    rf"notifications|messages|login|signup|tos|privacy)\b)\w{{1,15}}\b",
    rf"{_HOST}(?:instagram\.com|instagr\.am)/(?!(?:p|reel|reels|explore|stories|accounts)\b)"
    rf"{_NAME}",
    rf"{_HOST}(?:facebook\.com|fb\.com|fb\.me)/(?!(?:groups|events|pages|help|policies|"
    rf"watch|marketplace|login|sharer)\b)[\w.?=-]{{2,64}}",
    rf"{_HOST}(?:gist\.)?github\.com/(?!(?:about|features|pricing|explore|topics|marketplace|"
    rf"sponsors|settings|login|join|security|enterprise|collections|trending|issues|pulls|"
    rf"notifications|new|site|contact|orgs|apps|customer-stories|readme|team|codespaces|"
    rf"resources|solutions|organizations|search|events|git-guides)\b)[a-z0-9-]{{1,39}}/?"
    rf"(?![\w.-]*/[\w.-])",
    rf"{_HOST}gitlab\.com/(?!(?:explore|help|users/sign_in|dashboard)\b)[\w.-]{{2,64}}/?"
    rf"(?![\w.-]*/[\w.-])",
    rf"{_HOST}(?:tiktok|medium|threads\.net|youtube)(?:\.com)?/@[\w.-]+",
    rf"{_HOST}bsky\.app/profile/[\w.:-]+",
    rf"{_HOST}(?:t\.me|telegram\.me)/\w{{4,32}}",
    rf"{_HOST}reddit\.com/(?:u|user)/[\w-]{{2,32}}",
    rf"{_HOST}stackoverflow\.com/users/\d+",
    rf"{_HOST}keybase\.io/\w+",
    rf"{_HOST}(?:about\.me|linktr\.ee)/[\w.-]+",
    # Mastodon and every site with /@name profiles, on any host.
    r"https?://(?:[a-z0-9-]+\.)+[a-z]{2,24}/@\w[\w.-]*",
]
_PROFILE_URL = re.compile(r"(?<![\w@/.])(?:" + "|".join(_PROFILE_URLS) + r")", re.IGNORECASE)

# A "number" with this many single-digit groups is a list or a sequence, not a phone number.
_SINGLE_DIGIT_GROUPS = re.compile(r"(?<!\d)\d(?!\d)")


def normalize(text: str) -> str:
    """NFKC (full-width digits and letters fold to plain ones: "ｊａｎｅ＠ｇｍａｉｌ"), without the
    invisible characters someone could slip inside an address to hide it."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(
        character
        for character in folded
        if character not in ZERO_WIDTH and character not in JOINERS
    )


def find_exposures(text: str, *, phone_regions: list[str]) -> list[Finding]:
    """Every identity exposure found in `text`, in the order of the kinds above."""
    text = normalize(text)
    findings: list[Finding] = []
    handles = [match.group(0) for match in _MASTODON.finditer(text)]
    handles += [match.group(0) for match in _BLUESKY.finditer(text)]
    handles += [match.group(0) for match in _PLATFORM_HANDLE.finditer(text)]
    for match in _EMAIL.finditer(text):
        domain = match.group(2).lower()
        if RESERVED_DOMAINS.search(domain):
            continue
        if _SSH_REMOTE.match(text, match.end()):
            continue
        if any(match.group(0) in handle for handle in handles):
            continue  # the tail of a Mastodon handle, not an address
        findings.append(Finding(EMAIL, match.group(0)))
    findings += [Finding(EMAIL, match.group(0)) for match in _SPELLED_EMAIL.finditer(text)]
    findings += _phone_numbers(text, phone_regions)
    findings += [Finding(PROFILE_LINK, match.group(0)) for match in _PROFILE_URL.finditer(text)]
    findings += [Finding(HANDLE, handle) for handle in handles]
    return findings


# Where a phone number could be: a run of digits with the separators numbers are written with,
# 7 to 15 digits long. libphonenumber's matcher is slow on long text (a second for 10,000
# characters of digits, times the regions), so it reads these runs only.
_PHONE_CANDIDATE = re.compile(r"\+?\(?\d(?:[\d \t().\-/]{0,30}\d)?")


def _phone_candidates(text: str) -> list[str]:
    """Each distinct run once: the same date written ten times is read once."""
    found: dict[str, None] = {}
    for match in _PHONE_CANDIDATE.finditer(text):
        digits = sum(character.isdigit() for character in match.group(0))
        if 7 <= digits <= 17:
            # A character either side: the matcher checks what a number is next to.
            found[text[max(0, match.start() - 1) : match.end() + 1]] = None
    return list(found)


def _phone_numbers(text: str, regions: list[str]) -> list[Finding]:
    found: dict[str, Finding] = {}
    for candidate in _phone_candidates(text):
        # Any region finds "+" numbers; each region adds its own national formats.
        for region in regions or ["US"]:
            matcher = phonenumbers.PhoneNumberMatcher(
                candidate, region.upper(), leniency=phonenumbers.Leniency.VALID
            )
            for match in matcher:
                raw = match.raw_string
                if len(_SINGLE_DIGIT_GROUPS.findall(raw)) >= 4:
                    continue
                found.setdefault(raw, Finding(PHONE, raw))
            if candidate.lstrip()[:1] == "+" and found:
                break
    return list(found.values())


def describe(findings: list[Finding]) -> str:
    """ "an email address and a phone number": the kinds found, in words, each once."""
    kinds = list(dict.fromkeys(finding.kind for finding in findings))
    words = [KIND_WORDS[kind] for kind in kinds]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]
