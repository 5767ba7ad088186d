"""The identity exposure filter against a corpus (issue #11, "Automatic filters").

Real-looking exposures must be found; near-misses that a tech community writes every day
(versions, dates, times, code, IP addresses, prices, issue numbers, ordinary links) must not,
or members learn to ignore the filter. Each case is its own test, so a failure names it.
"""

import pytest

from moderation.app_settings import app_settings
from moderation.filters.identity import (
    EMAIL,
    HANDLE,
    PHONE,
    PROFILE_LINK,
    describe,
    find_exposures,
)

EXPOSURES = [
    # Email addresses, plain, tagged, shouting, spelled out, hidden with tricks.
    ("mail me at jane.doe@gmail.com", EMAIL),
    ("jane.doe+lantern@proton.me is my other one", EMAIL),
    ("HR is JANE.SMITH@ACME-CORP.IO", EMAIL),
    ("his address: m.jones@bigco.co.uk", EMAIL),
    ("jane [at] gmail [dot] com", EMAIL),
    ("jane (at) gmail (dot) com", EMAIL),
    ("write to jane at gmail dot com", EMAIL),
    ("ｊａｎｅ＠ｇｍａｉｌ．ｃｏｍ", EMAIL),  # full-width
    ("jane\u200b@gmail.com", EMAIL),  # a zero-width space inside
    ("[mail me](mailto:jane@fastmail.com)", EMAIL),
    # Phone numbers, international and national.
    ("call me at +1 415 555 2671", PHONE),
    ("my number is (415) 555-2671", PHONE),
    ("text 415.555.2671 after six", PHONE),
    ("+1-202-555-0173", PHONE),
    ("tel: 4155552671", PHONE),
    ("+44 7911 123456", PHONE),
    ("07911 123456", PHONE),
    ("his desk is 020 7946 0958", PHONE),
    ("+49 30 901820", PHONE),
    ("+33 6 12 34 56 78", PHONE),
    ("06 12 34 56 78", PHONE),
    ("+91 98765 43210", PHONE),
    ("＋１ ４１５ ５５５ ２６７１", PHONE),  # full-width digits
    # Profile links.
    ("https://www.linkedin.com/in/jane-doe-123/", PROFILE_LINK),
    ("linkedin.com/in/janedoe", PROFILE_LINK),
    ("[my profile](https://uk.linkedin.com/in/jane)", PROFILE_LINK),
    ("see github.com/janedoe", PROFILE_LINK),
    ("https://github.com/janedoe/", PROFILE_LINK),
    ("https://twitter.com/jane_doe", PROFILE_LINK),
    ("x.com/janedoe", PROFILE_LINK),
    ("instagram.com/jane.doe", PROFILE_LINK),
    ("https://www.facebook.com/jane.doe.77", PROFILE_LINK),
    ("https://mastodon.social/@jane", PROFILE_LINK),
    ("https://bsky.app/profile/jane.bsky.social", PROFILE_LINK),
    ("t.me/janedoe99", PROFILE_LINK),
    ("reddit.com/u/janedoe", PROFILE_LINK),
    ("https://medium.com/@janedoe", PROFILE_LINK),
    ("tiktok.com/@janedoe", PROFILE_LINK),
    # Handles.
    ("follow @jane@mastodon.social", HANDLE),
    ("I'm @jane@hachyderm.io there", HANDLE),
    ("twitter: @jane_doe", HANDLE),
    ("IG @jane.doe", HANDLE),
    ("find me on insta @janedoe", HANDLE),
    ("his handle is @bigboss_cto", HANDLE),
    ("@jane.bsky.social", HANDLE),
]

NEAR_MISSES = [
    "version 1.2.3.4",
    "upgrade to v2.14.1 first",
    "on 2024-05-01 at 10:30",
    "released 2024.05.01",
    "12/05/2024",
    "2024-05-01T10:30:00Z",
    "from 10:30-11:45, then 14:00",
    "in 2019-2023 I worked there",
    "ip 192.168.1.1 and 10.0.0.1",
    "costs $1,234.56 a month",
    "£1200 per month, 15 people",
    "see issue #12345 and PR #4567",
    "build 20240501 failed",
    "port 8080",
    "ISBN 978-3-16-148410-0",
    "call 911",
    "1 2 3 4 5 6 7 8 9 10",
    "uuid 123e4567-e89b-12d3-a456-426614174000",
    "@property\ndef name(self):\n    return self._name",
    "```python\n@app.route('/')\ndef home():\n    pass\n```",
    "@dataclass(frozen=True)",
    "npm i lodash@4.17.21",
    "pip install django@5.2",
    "git clone git@github.com:django/django.git",
    "user@localhost",
    "admin@example.com is in the docs",
    "noreply@project.test",
    "meet @ the office",
    "meet me @ 5pm",
    "thanks @amber!",
    "[Django docs](https://docs.djangoproject.com/en/5.2/)",
    "https://github.com/django/django/issues/123",
    "https://github.com/features/actions",
    "x.com is down again",
    "twitter is awful now",
    "I looked at it at work",
    "a@b",
    "foo@bar.baz1",
    "sha 3f5e2a1 broke it",
    "at 3 at the office dot",
    "https://www.linkedin.com/feed/",
    "https://www.instagram.com/p/Cx12AbC/",
]


@pytest.mark.parametrize(("text", "kind"), EXPOSURES, ids=[text for text, _ in EXPOSURES])
def test_an_exposure_is_found(text, kind):
    findings = find_exposures(text, phone_regions=app_settings.PHONE_REGIONS)
    assert kind in {finding.kind for finding in findings}, findings


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_a_near_miss_is_not_held(text):
    assert find_exposures(text, phone_regions=app_settings.PHONE_REGIONS) == []


def test_national_formats_follow_the_configured_regions():
    # A UK national number means nothing to a US-only deployment; "+44" works everywhere.
    assert find_exposures("020 7946 0958", phone_regions=["US"]) == []
    assert find_exposures("+44 20 7946 0958", phone_regions=["US"]) != []
    assert find_exposures("020 7946 0958", phone_regions=["GB"]) != []


def test_the_author_is_told_each_kind_once_in_words():
    findings = find_exposures(
        "jane@gmail.com, jo@gmail.com or +1 415 555 2671",
        phone_regions=["US"],
    )
    assert describe(findings) == "an email address and a phone number"


def test_a_number_after_many_dates_and_versions_is_still_found():
    decoys = " ".join(f"v1.{n}.3 on 2024-05-{n % 28 + 1:02d}" for n in range(300))
    findings = find_exposures(decoys + " call +44 7911 123456", phone_regions=["US", "GB"])
    assert [finding.kind for finding in findings] == [PHONE]


def test_an_unknown_phone_region_stops_the_start(settings):
    from moderation.filters.checks import check_phone_regions

    assert check_phone_regions() == []
    settings.MODERATION_PHONE_REGIONS = ["GB", "UK"]
    [error] = check_phone_regions()
    assert error.id == "moderation.E001" and "UK" in error.msg
