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


@register.filter
def ago(value: datetime.datetime | None) -> str:
    """How long ago `value` was, in its largest unit: "3 days ago", "just now"."""
    if not value:
        return ""
    # timesince says "0 minutes" for the first minute, which reads like a mistake.
    if timezone.now() - value < datetime.timedelta(minutes=1):
        return "just now"
    return f"{timesince(value, depth=1)} ago"
