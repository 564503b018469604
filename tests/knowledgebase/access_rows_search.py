"""Access matrix rows for the knowledge base's search part (see tests/knowledgebase/access_rows.py).

`kb_missed` is a search without results of this month (tests/knowledgebase/world_search.py).
"""

from tests.access import Row, only, same_for_all
from tests.personas import PERSONAS

COORDINATORS = {"coordinator": 200}

ROWS: dict[str, Row | list[Row]] = {
    "knowledgebase:index": [
        same_for_all("/knowledge/", 200),
        same_for_all("/knowledge/?q=eenzaamheid&theme=wonen&sort=title", 200),
    ],
    "knowledgebase:missed-searches": only("/knowledge/missed/", COORDINATORS),
    "knowledgebase:missed-search-question": [
        # Opened with GET: only POST is taken (a visitor is sent to log in first).
        Row(
            "/knowledge/missed/{kb_missed}/question/",
            dict.fromkeys(PERSONAS, 405) | {"visitor": 302},
        ),
        # An empty POST: coordinators see the form again with its message; others are refused.
        only("/knowledge/missed/{kb_missed}/question/", COORDINATORS).posting(),
    ],
}
