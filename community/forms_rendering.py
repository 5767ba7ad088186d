"""Lantern's form renderer: labels without Django's ":" suffix, on every form.

Django adds `label_suffix` (":") to each label it renders itself (`{{ form }}`,
`field.label_tag`), which reads as a stray colon under Lantern's stacked labels and differs
from allauth's element templates, which never add one. Set once here (FORM_RENDERER) rather
than on each form, so third-party forms (allauth, admin-free pages) follow too.
"""

from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates


class UnsuffixedBoundField(BoundField):
    def label_tag(self, contents=None, attrs=None, label_suffix=None, tag=None):
        return super().label_tag(contents, attrs, "" if label_suffix is None else label_suffix, tag)

    def legend_tag(self, contents=None, attrs=None, label_suffix=None):
        return super().legend_tag(contents, attrs, "" if label_suffix is None else label_suffix)


class LanternFormRenderer(DjangoTemplates):
    bound_field_class = UnsuffixedBoundField
