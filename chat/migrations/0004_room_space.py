"""Every room belongs to a space; only group rooms (session, quiet) have a group.

Existing rooms are all group rooms: their space is their group's. Backwards, rooms without a
group (another app's) cannot go back to a schema that requires one, and are deleted.
"""

import django.db.models.deletion
from django.db import migrations, models

import chat.room_kinds


def spaces_from_groups(apps, schema_editor):
    Room = apps.get_model("chat", "Room")
    Group = apps.get_model("groups", "Group")
    Room.objects.update(
        space_id=models.Subquery(
            Group.objects.filter(pk=models.OuterRef("group_id")).values("space_id")[:1]
        )
    )


def delete_rooms_without_group(apps, schema_editor):
    apps.get_model("chat", "Room").objects.filter(group__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("chat", "0003_message_hidden_at"),
        ("community", "0005_kinds_from_registries"),
        ("groups", "0008_thread_lock_reason"),
    ]

    operations = [
        migrations.AddField(
            model_name="room",
            name="space",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="chat_rooms",
                to="community.space",
            ),
        ),
        migrations.RunPython(spaces_from_groups, delete_rooms_without_group),
        migrations.AlterField(
            model_name="room",
            name="space",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="chat_rooms",
                to="community.space",
            ),
        ),
        migrations.AlterField(
            model_name="room",
            name="group",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="chat_rooms",
                to="groups.group",
            ),
        ),
        migrations.AlterField(
            model_name="room",
            name="kind",
            field=models.CharField(
                choices=chat.room_kinds.room_kind_choices, default="session", max_length=16
            ),
        ),
        migrations.AddConstraint(
            model_name="room",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("group__isnull", False), ("kind__in", ("session", "quiet"))),
                    models.Q(
                        models.Q(("kind__in", ("session", "quiet")), _negated=True),
                        ("group__isnull", True),
                    ),
                    _connector="OR",
                ),
                name="group_rooms_and_only_they_have_a_group",
            ),
        ),
    ]
