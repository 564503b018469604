"""Access matrix rows for the meetings app's rotation pages (see tests/meetings/access_rows.py)."""

from tests.access import Row

ROWS: dict[str, Row | list[Row]] = {}
