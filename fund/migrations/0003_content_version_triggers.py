"""Every write to a table whose rows the fund's public pages show advances the content version,
so their cached fragments are never stale (omzien/content_version.py)."""

from django.db import migrations

from omzien.content_version import watch_table_sql

WATCHED_TABLES = [
    "fund_funder",
    "fund_contribution",
    "fund_round",
    "fund_criterion",
    "fund_roundfunding",
    "fund_application",
    "fund_decision",
    "fund_recusal",
    "fund_grant",
    "fund_grantfunding",
    "fund_payout",
    "fund_report",
    "fund_ledgerentry",
]


class Migration(migrations.Migration):
    dependencies = [
        ("fund", "0002_append_only"),
        ("omzien", "0001_content_version"),
    ]

    operations = [migrations.RunSQL(*watch_table_sql(table)) for table in WATCHED_TABLES]
