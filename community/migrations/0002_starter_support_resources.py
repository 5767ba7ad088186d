"""A small starter set of well-known support services for the support page.

The entries live in `community.support_resources`, which `seed_demo` uses as well.
"""

from django.db import migrations

from community.support_resources import STARTER_RESOURCES, add_starter_resources


def forwards(apps, schema_editor):
    add_starter_resources(apps.get_model("community", "SupportResource"))


def backwards(apps, schema_editor):
    titles = [entry["title"] for entry in STARTER_RESOURCES]
    apps.get_model("community", "SupportResource").objects.filter(title__in=titles).delete()


class Migration(migrations.Migration):
    dependencies = [("community", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
