"""Every write to a table whose rows the directory, the initiative page or the home page show
advances the content version, so their cached fragments are never stale."""

from django.db import migrations

from omzien.content_version import watch_table_sql

WATCHED_TABLES = [
    "initiatives_initiative",
    "initiatives_initiative_themes",
    "initiatives_initiative_target_groups",
    "initiatives_municipality",
    "initiatives_theme",
    "initiatives_targetgroup",
    "initiatives_listing",
]


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0004_directory_indexes"),
        ("omzien", "0001_content_version"),
    ]

    operations = [migrations.RunSQL(*watch_table_sql(table)) for table in WATCHED_TABLES]
