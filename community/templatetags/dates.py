"""Dates that describe a person, shown coarsely so they can't correlate personas.

A join time to the minute, seen for two personas in two spaces, can tell they are one account;
"November 2026" cannot. Use `{% load dates %}{{ persona.created|coarse_date }}` for anything
about a person (joined, last active); exact times are for content only.
"""

import datetime

from django import template
from django.utils import dateformat, timezone

register = template.Library()


@register.filter
def coarse_date(value: datetime.date | datetime.datetime | None) -> str:
    """The month and year of `value`, in the current time zone: "November 2026"."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return dateformat.format(value, "F Y")
