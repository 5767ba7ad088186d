import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce


def _count_of(posts):
    counted = (
        posts.filter(thread=OuterRef("pk"))
        .order_by()
        .values("thread")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def fill_counts(apps, schema_editor):
    """Existing threads get their counts as groups.services.counts.recount_thread keeps them
    (copied here: a migration must not import code that changes later)."""
    Thread = apps.get_model("groups", "Thread")
    Post = apps.get_model("groups", "Post")
    placed = Post.objects.filter(held_at__isnull=True)
    Thread.objects.update(
        post_count=_count_of(placed),
        visible_post_count=_count_of(
            placed.filter(deleted_at__isnull=True, hidden_at__isnull=True)
        ),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0006_name_resets"),
        ("groups", "0010_notify"),
    ]

    operations = [
        migrations.AddField(
            model_name="thread",
            name="post_count",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="thread",
            name="visible_post_count",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.CreateModel(
            name="ThreadRead",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("seen", models.PositiveIntegerField(default=0)),
                ("updated", models.DateTimeField()),
                (
                    "persona",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="thread_reads",
                        to="community.persona",
                    ),
                ),
                (
                    "thread",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="reads",
                        to="groups.thread",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("persona", "thread"), name="one_read_marker_per_thread"
                    )
                ],
            },
        ),
        migrations.RunPython(fill_counts, migrations.RunPython.noop),
    ]
