"""Notifications get a random public id (the notifications page links to
/notifications/<public_id>/open/; a pk never leaves the server). Added in three steps so
existing rows each get their own value before the column becomes unique."""

from django.db import migrations, models

import community.ids


def fill_public_ids(apps, schema_editor):
    Notification = apps.get_model("community", "Notification")
    for notification in Notification.objects.filter(public_id="").only("pk").iterator():
        Notification.objects.filter(pk=notification.pk).update(
            public_id=community.ids.new_public_id()
        )


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0006_name_resets"),
    ]

    operations = [
        migrations.AddField(
            model_name="notification",
            name="public_id",
            field=models.CharField(default="", editable=False, max_length=32),
            preserve_default=False,
        ),
        migrations.RunPython(fill_public_ids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="notification",
            name="public_id",
            field=models.CharField(
                default=community.ids.new_public_id, editable=False, max_length=32, unique=True
            ),
        ),
    ]
