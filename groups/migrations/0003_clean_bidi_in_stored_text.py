"""Clean text stored before community.text existed: what the services now clean on save.

Single-line fields lose their bidi and zero-width characters (`clean_line`), multi-line ones
the controls that reorder letters (`clean_multiline`; removing them from the rendered HTML is
safe, they are never part of markup). Only rows holding such a character are read. A group
whose cleaned name would equal another group's name keeps its name (the column is unique);
staff can rename it. A title left empty becomes "Untitled".
"""

from django.db import migrations
from django.db.models import Q

from community.text import BIDI_CONTROLS, JOINERS, ZERO_WIDTH, clean_line, clean_multiline

INVISIBLE = BIDI_CONTROLS | ZERO_WIDTH | JOINERS
LINE_FIELDS = {
    "Group": ("name", "description", "join_question"),
    "Thread": ("title", "content_warning"),
    "Post": ("content_warning",),
}
MULTILINE_FIELDS = {
    "Group": ("guidelines",),
    "Post": ("body", "body_html"),
    "JoinRequest": ("answer",),
}


def _holding_any(fields) -> Q:
    condition = Q(pk__in=[])
    for field in fields:
        for character in INVISIBLE:
            condition |= Q(**{f"{field}__contains": character})
    return condition


def clean_stored_text(apps, schema_editor):
    for model_name in LINE_FIELDS.keys() | MULTILINE_FIELDS.keys():
        model = apps.get_model("groups", model_name)
        line_fields = LINE_FIELDS.get(model_name, ())
        multiline_fields = MULTILINE_FIELDS.get(model_name, ())
        for row in model.objects.filter(_holding_any(line_fields + multiline_fields)).iterator():
            for field in line_fields:
                setattr(row, field, clean_line(getattr(row, field)))
            for field in multiline_fields:
                setattr(row, field, clean_multiline(getattr(row, field)))
            if model_name == "Thread" and not row.title:
                row.title = "Untitled"
            if model_name == "Group":
                taken = model.objects.filter(name=row.name).exclude(pk=row.pk).exists()
                if taken or not row.name:
                    row.name = model.objects.get(pk=row.pk).name
            row.save(update_fields=list(line_fields + multiline_fields))


class Migration(migrations.Migration):
    dependencies = [("groups", "0002_one_pending_request_per_persona")]

    operations = [migrations.RunPython(clean_stored_text, migrations.RunPython.noop)]
