"""Every write to a table whose rows the directory, the initiative page or the home page show
advances the content version, so their cached fragments are never stale. Memberships and a
person's groups count too: the initiative page caches each person's tools under the version, and
its join panel shows whether someone claimed it."""

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
    "initiatives_membership",
    "initiatives_claim",
    "accounts_user_groups",
]


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0012_audit_people_as_references"),
        ("omzien", "0001_content_version"),
        ("accounts", "0001_user"),
    ]

    operations = [migrations.RunSQL(*watch_table_sql(table)) for table in WATCHED_TABLES]
