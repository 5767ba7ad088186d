from django.db import migrations, models

# The same prefix as community.services.personas.UNRESERVED_KEY_PREFIX, copied so this
# migration keeps working whatever that module becomes.
UNRESERVED_KEY_PREFIX = "unreserved:"


def free_pending_names(apps, schema_editor):
    """Applicants waiting today held their names; free them, as new requests do (issue 8 §3).

    Only personas that never were members: a member who left and asks again keeps the name
    they were known by.
    """
    JoinRequest = apps.get_model("groups", "JoinRequest")
    Persona = apps.get_model("community", "Persona")
    waiting = JoinRequest.objects.filter(
        status="pending", persona__membership__isnull=True
    ).values_list("persona_id", flat=True)
    for persona in Persona.objects.filter(pk__in=list(waiting)):
        persona.name_key = UNRESERVED_KEY_PREFIX + persona.public_id
        persona.save(update_fields=["name_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0005_kinds_from_registries"),
        ("groups", "0003_clean_bidi_in_stored_text"),
    ]

    operations = [
        migrations.AddField(
            model_name="joinrequest",
            name="waiting_for_name",
            field=models.BooleanField(default=False),
        ),
        migrations.RunPython(free_pending_names, migrations.RunPython.noop),
    ]
