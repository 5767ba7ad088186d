"""`{% load moderation_words %}{{ action|action_label }}`: an action as moderation calls it for
the content it was about ("Reset the name" for a name's hide), see moderation.wording."""

from django import template

from moderation.wording import label_of

register = template.Library()


@register.filter
def action_label(action) -> str:
    return label_of(action)
