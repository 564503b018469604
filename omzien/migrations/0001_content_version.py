"""The content version's sequence and the trigger function that advances it
(omzien/content_version.py)."""

from django.db import migrations

from omzien.content_version import CREATE_SQL, DROP_SQL


class Migration(migrations.Migration):
    dependencies: list[tuple[str, str]] = []

    operations = [migrations.RunSQL(CREATE_SQL, DROP_SQL)]
