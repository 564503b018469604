"""Access matrix rows for the knowledge base's portal part (see tests/knowledgebase/access_rows.py).

`{kb_held_meeting}` is a held meeting with a report (tests/knowledgebase/world_portal.py).
"""

from tests.access import Row, admin_row
from tests.personas import PERSONAS

COORDINATORS_ONLY = dict.fromkeys(PERSONAS, 403) | {"visitor": 302, "coordinator": 200}

ROWS: dict[str, Row | list[Row]] = {
    # The seam with meetings: the coordinators publish a held meeting's report.
    "meetings:publish-report": [
        Row("/meetings/{kb_held_meeting}/report/knowledge/", COORDINATORS_ONLY),
        # Posting publishes and lands on the item; the others are refused as above.
        Row(
            "/meetings/{kb_held_meeting}/report/knowledge/",
            COORDINATORS_ONLY | {"coordinator": 302},
            "post",
        ),
    ],
    # reversion's VersionAdmin asks for the permission before it looks for the object (the
    # generated rows expect the reverse), and adds its own addresses; superusers only.
    "admin:knowledgebase_item_history": admin_row(
        "/admin/knowledgebase/item/0/history/", staff=403
    ),
    "admin:knowledgebase_item_recoverlist": admin_row(
        "/admin/knowledgebase/item/recover/", staff=403
    ),
    "admin:knowledgebase_item_recover": admin_row(
        "/admin/knowledgebase/item/recover/0/", staff=403
    ),
    "admin:knowledgebase_item_revision": admin_row(
        "/admin/knowledgebase/item/0/history/0/", staff=404
    ),
}
