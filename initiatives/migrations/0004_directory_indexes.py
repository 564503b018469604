"""Covering indexes for the directory's counts at 15,000 initiatives and more.

Each facet count, the "offers something" count and the total then read an index only, not the
wide initiative rows (description, rendered HTML, search vector). Plain SQL with no state
operations: the join tables of the many-to-many fields are not models of their own, and an
INCLUDE column is not something Meta.indexes can say for them.
"""

from django.db import migrations

INDEXES = {
    "initiative_status_municipality_idx": (
        "initiatives_initiative",
        "(status, municipality_id) INCLUDE (id)",
    ),
    "listing_kind_initiative_idx": ("initiatives_listing", "(kind, initiative_id)"),
    "initiative_themes_theme_initiative_idx": (
        "initiatives_initiative_themes",
        "(theme_id, initiative_id)",
    ),
    "initiative_target_groups_group_initiative_idx": (
        "initiatives_initiative_target_groups",
        "(targetgroup_id, initiative_id)",
    ),
}


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0003_coordinator_permissions")]

    operations = [
        migrations.RunSQL(
            sql=f"CREATE INDEX {name} ON {table} {columns};",
            reverse_sql=f"DROP INDEX {name};",
        )
        for name, (table, columns) in INDEXES.items()
    ]
