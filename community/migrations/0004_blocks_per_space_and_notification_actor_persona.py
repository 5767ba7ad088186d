"""Blocks act in one space; notifications remember who caused them as a persona.

A block row already names the persona it was made on (`via_persona`, now `persona`), so every
existing block keeps acting, now only in that persona's space. No row is added for the
account's other personas: that would show them in the blocker's list and link them.

A notification's actor was an account; it becomes that account's persona in the space the
notification is about. The space is not stored, so it is found as the one space where both the
actor and the recipient have a persona; when there are several, the actor is left empty (the
notification then stays visible after a block, which reveals nothing).
"""

import django.db.models.deletion
from django.db import migrations, models


def actor_accounts_to_personas(apps, schema_editor):
    Notification = apps.get_model("community", "Notification")
    Persona = apps.get_model("community", "Persona")
    for notification in Notification.objects.filter(actor__isnull=False).iterator():
        recipient_spaces = Persona.objects.filter(account_id=notification.account_id).values(
            "space_id"
        )
        candidates = list(
            Persona.objects.filter(
                account_id=notification.actor_id, space_id__in=recipient_spaces
            ).values_list("pk", flat=True)[:2]
        )
        if len(candidates) == 1:
            notification.actor_persona_id = candidates[0]
            notification.save(update_fields=["actor_persona"])


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0003_notification_actor"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="block", name="one_block_per_pair"),
        migrations.RenameField(model_name="block", old_name="via_persona", new_name="persona"),
        migrations.RenameField(model_name="block", old_name="blocked", new_name="blocked_account"),
        migrations.AddConstraint(
            model_name="block",
            constraint=models.UniqueConstraint(
                fields=("blocker", "persona"), name="one_block_per_persona"
            ),
        ),
        migrations.AddField(
            model_name="notification",
            name="actor_persona",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="community.persona",
            ),
        ),
        migrations.AddField(
            model_name="notification",
            name="subject_type",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="contenttypes.contenttype",
            ),
        ),
        migrations.AddField(
            model_name="notification",
            name="subject_id",
            field=models.PositiveBigIntegerField(blank=True, null=True),
        ),
        migrations.RunPython(actor_accounts_to_personas, migrations.RunPython.noop),
        migrations.RemoveField(model_name="notification", name="actor"),
    ]
