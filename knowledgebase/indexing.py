"""The text an item is found by beyond its own fields: the names of its themes, municipalities,
initiatives and research questions, and the text read from its attachments.

A generated column sees only its own row, so these names are copied into the item's
`search_labels` and `attachment_text` by every action that changes them (one UPDATE each, whatever
the number of items). The same UPDATE writes the ids of those rows into `facet_keys` ("theme3
initiative40 ..."), which the search page filters on (knowledgebase/filters.py): so after changing
an item's links, `refresh_labels([item.pk])` is also what makes the filters find it. A theme
renamed later is found by its new name after `refresh_labels()` without arguments (all items),
which the admin's save of a theme may call.
"""

from collections.abc import Iterable

from django.db import connection

LABELS_SQL = """
UPDATE knowledgebase_item AS item SET search_labels = concat_ws(' ',
    (SELECT string_agg(t.name || ' ' || t.name_en, ' ') FROM knowledgebase_item_themes it
        JOIN initiatives_theme t ON t.id = it.theme_id WHERE it.item_id = item.id),
    (SELECT string_agg(m.name, ' ') FROM knowledgebase_item_municipalities im
        JOIN initiatives_municipality m ON m.id = im.municipality_id WHERE im.item_id = item.id),
    (SELECT string_agg(i.name, ' ') FROM knowledgebase_item_initiatives ii
        JOIN initiatives_initiative i ON i.id = ii.initiative_id WHERE ii.item_id = item.id),
    (SELECT i.name FROM initiatives_initiative i WHERE i.id = item.initiative_id),
    (SELECT string_agg(q.title, ' ') FROM knowledgebase_item_research_questions iq
        JOIN knowledgebase_item q ON q.id = iq.to_item_id
        WHERE iq.from_item_id = item.id AND q.status = 'published')
), facet_keys = concat_ws(' ',
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

# The text of all of an item's attachments, cut here: a tsvector holds at most 1 MB of words and
# positions, which 700,000 characters of distinct words already fill (measured). One attachment
# brings at most 200,000 characters (attachment_text.MAX_CHARS).
ATTACHMENT_TEXT_MAX = 300_000

ATTACHMENTS_SQL = """
UPDATE knowledgebase_item AS item SET attachment_text = left(coalesce((
    SELECT string_agg(a.text, ' ' ORDER BY a.id) FROM knowledgebase_attachment a
    WHERE a.item_id = item.id AND a.text_status = 'ready'), ''), 300000)
"""
assert str(ATTACHMENT_TEXT_MAX) in ATTACHMENTS_SQL


def refresh_labels(item_ids: Iterable[int] | None = None) -> None:
    _run(LABELS_SQL, item_ids)


def refresh_attachment_text(item_ids: Iterable[int] | None = None) -> None:
    _run(ATTACHMENTS_SQL, item_ids)


def _run(sql: str, item_ids: Iterable[int] | None) -> None:
    with connection.cursor() as cursor:
        if item_ids is None:
            cursor.execute(sql)
        else:
            cursor.execute(sql + " WHERE item.id = ANY(%s)", [list(item_ids)])


# --- attack ---
def refresh_labels_of_evidence(question_id: int) -> None:
    """A research question published or taken down: the items that help answer it are found by
    its title only while it is published (else its words would betray that it exists)."""
    from knowledgebase.models import Item

    through = Item.research_questions.through
    ids = list(
        through.objects.filter(to_item_id=question_id).values_list("from_item_id", flat=True)
    )
    if ids:
        refresh_labels(ids)
