"""Access matrix rows for the knowledge base's contribute part (see tests/knowledgebase/access_rows.py)."""

from tests.access import Row

ROWS: dict[str, Row | list[Row]] = {}
