"""Times on content, one unit deep ("3 days ago"): enough to follow a conversation."""

from django import template
from django.utils.timesince import timesince

register = template.Library()


@register.filter
def ago(value) -> str:
    if not value:
        return ""
    return f"{timesince(value, depth=1)} ago"
