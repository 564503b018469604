"""Access matrix rows for the meetings app's finding pages (see tests/meetings/access_rows.py).

The world (world_finding.py): `meeting` is published and hosted by X, `draft_meeting` a draft
hosted by X, `held_meeting` held, with its report.
"""

from tests.access import Row, same_for_all
from tests.personas import PERSONAS

ROWS: dict[str, Row | list[Row]] = {
    "meetings:agenda": same_for_all("/meetings/", 200),
    "meetings:past": same_for_all("/meetings/past/", 200),
    "meetings:map": same_for_all("/meetings/map/", 200),
    "meetings:map-data": same_for_all("/meetings/map.json", 200),
    "meetings:detail": [
        same_for_all("/meetings/{meeting}/", 200),
        same_for_all("/meetings/{held_meeting}/", 200),
        # A draft is a 404 for everyone but the coordinators, the host's admins too.
        Row(
            "/meetings/{draft_meeting}/",
            dict.fromkeys(PERSONAS, 404) | {"coordinator": 200},
        ),
    ],
}
