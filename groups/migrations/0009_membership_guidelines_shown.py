from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("groups", "0008_thread_lock_reason"),
    ]

    operations = [
        # Members who joined before this have seen the guidelines on every visit: True for them.
        migrations.AddField(
            model_name="membership",
            name="guidelines_shown",
            field=models.BooleanField(default=True),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="membership",
            name="guidelines_shown",
            field=models.BooleanField(default=False),
        ),
    ]
