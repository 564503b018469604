"""Every write to a table whose rows the knowledge base's public pages show advances the content
version, so their cached fragments are never stale (omzien/content_version.py)."""

from django.db import migrations

from omzien.content_version import watch_table_sql

WATCHED_TABLES = [
    "knowledgebase_item",
    "knowledgebase_item_themes",
    "knowledgebase_item_municipalities",
    "knowledgebase_item_initiatives",
    "knowledgebase_item_research_questions",
    "knowledgebase_answer",
    "knowledgebase_attachment",
    "knowledgebase_adoption",
]


class Migration(migrations.Migration):
    dependencies = [
        ("knowledgebase", "0001_items"),
        ("omzien", "0001_content_version"),
    ]

    operations = [migrations.RunSQL(*watch_table_sql(table)) for table in WATCHED_TABLES]
