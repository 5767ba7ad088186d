"""`{% load fragments %}{% fragment "groups/_posts.jinja" posts=page.object_list %}`: a Jinja2
fragment (community.fragments) inside a Django template, given the keyword arguments only, so
that what a fragment reads is written where it is included."""

from django import template

from community.fragments import render_fragment

register = template.Library()


@register.simple_tag
def fragment(template_name: str, **context):
    return render_fragment(template_name, context)
