"""A change to the word groups changes what a search finds: it advances the content version, so
the directory's cached results (omzien/content_version.py) are never older than the groups."""

from django.db import migrations

from omzien.content_version import watch_table_sql


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_dutch_starting_set"),
        ("omzien", "0001_content_version"),
    ]

    operations = [migrations.RunSQL(*watch_table_sql("search_wordgroup"))]
