"""How dates are shown: coarsely about people, one unit deep about content.

A join time to the minute, seen for two personas in two spaces, can tell they are one account;
"November 2026" cannot. Use `{% load dates %}{{ persona.created|coarse_date }}` for anything
about a person (joined, last active). Content (a post, a notification) shows
`{{ post.created|ago }}` ("3 days ago"): enough to follow a conversation.
"""

import datetime

from django import template
from django.utils import dateformat, timezone
from django.utils.timesince import timesince

register = template.Library()


@register.filter
def coarse_date(value: datetime.date | datetime.datetime | None) -> str:
    """The month and year of `value`, in the current time zone: "November 2026"."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return dateformat.format(value, "F Y")


# Django's timesince costs about 60 µs (calendar months, lazy translations): 3 ms on a thread
# page of 50 posts. Under four weeks no calendar month can have passed, so the answer is plain
# arithmetic, written here in timesince's own words (tested). Lantern's pages are in English
# (as "just now" below); get_language() alone would cost a third of timesince.
_FAST_SPAN = datetime.timedelta(days=28)
_UNITS = ((7 * 24 * 3600, "week"), (24 * 3600, "day"), (3600, "hour"), (60, "minute"))


@register.filter
def ago(value: datetime.datetime | None) -> str:
    """How long ago `value` was, in its largest unit: "3 days ago", "just now"."""
    if not value:
        return ""
    elapsed = timezone.now() - value
    # timesince says "0 minutes" for the first minute, which reads like a mistake.
    if elapsed < datetime.timedelta(minutes=1):
        return "just now"
    if elapsed < _FAST_SPAN:
        seconds = elapsed.total_seconds()
        for size, unit in _UNITS:
            if count := int(seconds // size):
                # The no-break space is timesince's (avoid_wrapping): "3 days" never splits.
                return f"{count}\xa0{unit}{'' if count == 1 else 's'} ago"
    return f"{timesince(value, depth=1)} ago"
