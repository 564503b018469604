"""Access matrix rows for the meetings app's organise pages (see tests/meetings/access_rows.py).

The meetings are hosted by X, whose admin is `member` (tests/meetings/world_organise.py). A draft
is a 404 for everyone but the coordinators; a visitor is sent to log in first.
"""

from tests.access import Row, only
from tests.personas import PERSONAS

COORDINATOR = {"coordinator": 200}
COORDINATOR_ACTED = {"coordinator": 302}
ORGANISERS = {"coordinator": 200, "member": 200}  # coordinators and the host's admins
ORGANISERS_ACTED = {"coordinator": 302, "member": 302}


def _draft(url: str, coordinator: int = 200) -> Row:
    return only(url, {"coordinator": coordinator}, others=404)


DRAFT = "/meetings/{organise_draft}"
PUBLISHED = "/meetings/{organise_published}"
HELD = "/meetings/{organise_held}"

ROWS: dict[str, Row | list[Row]] = {
    "meetings:create": only("/meetings/new/", COORDINATOR),
    "meetings:edit": [
        only(f"{PUBLISHED}/edit/", COORDINATOR),
        _draft(f"{DRAFT}/edit/"),
    ],
    "meetings:publish": [
        _draft(f"{DRAFT}/publish/", coordinator=302).posting(),
        # Published already: the coordinator is sent back with the reason.
        only(f"{PUBLISHED}/publish/", COORDINATOR_ACTED).posting(),
    ],
    "meetings:cancel": [
        only(f"{PUBLISHED}/cancel/", COORDINATOR),
        _draft(f"{DRAFT}/cancel/"),
    ],
    "meetings:organise": [
        only(f"{PUBLISHED}/organise/", ORGANISERS),
        only(f"{HELD}/organise/", ORGANISERS),
        _draft(f"{DRAFT}/organise/"),
    ],
    "meetings:tick-task": only(
        f"{PUBLISHED}/organise/tasks/{{organise_task}}/", ORGANISERS_ACTED
    ).posting(),
    "meetings:attendance": [
        only(f"{HELD}/attendance/", ORGANISERS),
        _draft(f"{DRAFT}/attendance/"),
    ],
    "meetings:report": [
        only(f"{HELD}/report/", ORGANISERS),
        # Before it begins, the page says so.
        only(f"{PUBLISHED}/report/", ORGANISERS),
        _draft(f"{DRAFT}/report/"),
    ],
}

assert all(persona in PERSONAS for persona in ORGANISERS)
