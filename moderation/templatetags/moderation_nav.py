"""The "Moderation" link in the navigation, with the open items in the viewer's scope.

Loaded by base.html. No query for members who can host nothing (the common case), one for
site moderators, advocates and staff (moderation.selectors.nav_entry).
"""

from django import template

from moderation.selectors import nav_entry

register = template.Library()


@register.inclusion_tag("moderation/_nav_link.html", takes_context=True)
def moderation_link(context):
    user = context.get("user")
    entry = nav_entry(user) if user is not None and user.is_authenticated else None
    return {"entry": entry}
