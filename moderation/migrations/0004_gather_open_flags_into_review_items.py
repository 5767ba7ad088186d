"""Open flags made before review items existed are gathered into one item per target, so the
queue shows them. The kind and the author come from each flag's snapshot."""

from django.db import migrations

URGENT = ("threat", "self_harm", "personal_info")


def gather(apps, schema_editor):
    Flag = apps.get_model("moderation", "Flag")
    ReviewItem = apps.get_model("moderation", "ReviewItem")
    Persona = apps.get_model("community", "Persona")
    items = {}
    for flag in Flag.objects.filter(item__isnull=True, status="open").order_by("created", "pk"):
        key = (flag.content_type_id, flag.object_id)
        item = items.get(key)
        if item is None:
            author_id = (flag.snapshot.get("author") or {}).get("persona")
            item = ReviewItem.objects.create(
                space_id=flag.space_id,
                content_type_id=flag.content_type_id,
                object_id=flag.object_id,
                kind=flag.snapshot.get("kind", ""),
                author=Persona.objects.filter(public_id=author_id).first() if author_id else None,
            )
            item.reporters = set()
            items[key] = item
        flag.item = item
        flag.save(update_fields=["item"])
        if flag.reporter_id:
            item.reporters.add(flag.reporter_id)
        item.urgent = item.urgent or flag.reason in URGENT
    for item in items.values():
        item.flagger_count = len(item.reporters)
        item.save(update_fields=["flagger_count", "urgent"])


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0003_review_items_actions_audit"),
        ("community", "0005_kinds_from_registries"),
    ]

    operations = [migrations.RunPython(gather, migrations.RunPython.noop)]
