"""Every write to a table whose rows the meetings' public pages show (the agenda, a meeting's
page, the ledger, the feeds) advances the content version, so their cached fragments are never
stale (omzien/content_version.py)."""

from django.db import migrations

from omzien.content_version import watch_table_sql

WATCHED_TABLES = [
    "meetings_region",
    "meetings_region_municipalities",
    "meetings_meeting",
    "meetings_meeting_themes",
    "meetings_meeting_co_hosts",
    "meetings_agendaitem",
    "meetings_registration",
    "meetings_walkin",
    "meetings_report",
]


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0002_regions"),
        ("omzien", "0001_content_version"),
    ]

    operations = [migrations.RunSQL(*watch_table_sql(table)) for table in WATCHED_TABLES]
