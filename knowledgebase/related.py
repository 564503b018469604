"""Items related to an item: those sharing its research questions, themes or initiatives."""

from knowledgebase.models import Item

LIMIT = 5


def related_items(item: Item, limit: int = LIMIT) -> list[Item]:
    """Published items that share most with `item` (each shared research question, theme and
    initiative counts one), newest first among equals; one query, through the link tables'
    indexes, never a walk over all items."""
    themes = Item.themes.through._meta.db_table
    initiatives = Item.initiatives.through._meta.db_table
    questions = Item.research_questions.through._meta.db_table
    items = Item._meta.db_table
    sql = f"""
        SELECT i.id, i.kind, i.title, i.slug, i.summary, i.published_at, s.shared
        FROM (
            SELECT other, count(*) AS shared FROM (
                SELECT b.item_id AS other FROM {themes} a
                    JOIN {themes} b ON b.theme_id = a.theme_id WHERE a.item_id = %(pk)s
                UNION ALL
                SELECT b.item_id FROM {initiatives} a
                    JOIN {initiatives} b ON b.initiative_id = a.initiative_id
                    WHERE a.item_id = %(pk)s
                UNION ALL
                SELECT b.from_item_id FROM {questions} a
                    JOIN {questions} b ON b.to_item_id = a.to_item_id
                    WHERE a.from_item_id = %(pk)s
            ) AS shared_rows
            WHERE other <> %(pk)s
            GROUP BY other
        ) AS s
        JOIN {items} i ON i.id = s.other
        WHERE i.status = %(published)s
        ORDER BY s.shared DESC, i.published_at DESC, i.id DESC
        LIMIT %(limit)s
    """  # noqa: S608 (table names from the models; values as parameters)
    params = {"pk": item.pk, "published": Item.Status.PUBLISHED, "limit": limit}
    return list(Item.objects.raw(sql, params))
