"""Times on content, one unit deep ("3 days ago"): enough to follow a conversation."""

import datetime

from django import template
from django.utils import timezone
from django.utils.timesince import timesince

register = template.Library()


@register.filter
def ago(value) -> str:
    if not value:
        return ""
    # timesince says "0 minutes" for the first minute, which reads like a mistake.
    if timezone.now() - value < datetime.timedelta(minutes=1):
        return "just now"
    return f"{timesince(value, depth=1)} ago"
