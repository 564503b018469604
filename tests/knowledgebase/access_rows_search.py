"""Access matrix rows for the knowledge base's search part (see tests/knowledgebase/access_rows.py)."""

from tests.access import Row, same_for_all

ROWS: dict[str, Row | list[Row]] = {
    "knowledgebase:index": same_for_all("/knowledge/", 200),
}
