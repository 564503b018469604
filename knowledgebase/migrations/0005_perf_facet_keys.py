"""Item.facet_keys and its vector: the ids of an item's themes, municipalities, initiatives and
research questions as words, so that the search page's filters use a GIN index that PostgreSQL
combines with the words' index (knowledgebase/filters.py, bench/knowledge_search_plans.py)."""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations, models

# As knowledgebase.indexing.LABELS_SQL writes them.
FACET_KEYS_SQL = """
UPDATE knowledgebase_item AS item SET facet_keys = concat_ws(' ',
    (SELECT string_agg('theme' || it.theme_id, ' ') FROM knowledgebase_item_themes it
        WHERE it.item_id = item.id),
    (SELECT string_agg('municipality' || im.municipality_id, ' ')
        FROM knowledgebase_item_municipalities im WHERE im.item_id = item.id),
    (SELECT string_agg('initiative' || ii.initiative_id, ' ')
        FROM knowledgebase_item_initiatives ii WHERE ii.item_id = item.id),
    (SELECT string_agg('question' || iq.to_item_id, ' ')
        FROM knowledgebase_item_research_questions iq WHERE iq.from_item_id = item.id)
)
"""


class Migration(migrations.Migration):
    dependencies = [
        ("knowledgebase", "0004_perf_published_search_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="item",
            name="facet_keys",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunSQL(FACET_KEYS_SQL, migrations.RunSQL.noop),
        migrations.AddField(
            model_name="item",
            name="facet_vector",
            field=models.GeneratedField(
                db_persist=True,
                expression=django.contrib.postgres.search.SearchVector(
                    "facet_keys", config="simple"
                ),
                output_field=django.contrib.postgres.search.SearchVectorField(),
            ),
        ),
        migrations.AddIndex(
            model_name="item",
            index=django.contrib.postgres.indexes.GinIndex(
                models.F("facet_vector"),
                condition=models.Q(("status", "published")),
                name="kb_item_facets_pub_idx",
            ),
        ),
    ]
