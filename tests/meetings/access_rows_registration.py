"""Access matrix rows for the meetings app's registration pages (see tests/meetings/access_rows.py).

A guest's own pages are reached only through their secret link, whoever opens it; a forged link
is a 404. The list of who comes is for the coordinators and the host's admins (`member` is X's
admin, and X hosts the meeting); a draft is a 404 for everyone but the coordinators.
"""

from tests.access import Row, only, same_for_all
from tests.personas import PERSONAS

ORGANISERS = {"member": 200, "coordinator": 200}


def _draft(url: str, *, visitor: int = 404) -> Row:
    return Row(url, dict.fromkeys(PERSONAS, 404) | {"visitor": visitor, "coordinator": 200})


ROWS: dict[str, Row | list[Row]] = {
    "meetings:register": [
        same_for_all("/meetings/{reg_meeting}/register/", 200),
        _draft("/meetings/{reg_draft}/register/"),
    ],
    "meetings:registration-sent": same_for_all("/meetings/{reg_meeting}/register/sent/", 200),
    "meetings:registration": [
        same_for_all("/meetings/registration/{reg_guest}/", 200),
        same_for_all("/meetings/registration/forged-token/", 404),
    ],
    "meetings:confirm-registration": [
        same_for_all("/meetings/registration/{reg_unconfirmed}/confirm/", 200),
        # Confirmed already: on to the registration's page.
        same_for_all("/meetings/registration/{reg_guest}/confirm/", 302),
        same_for_all("/meetings/registration/forged-token/confirm/", 404),
    ],
    "meetings:cancel-registration": [
        same_for_all("/meetings/registration/{reg_cancel}/cancel/", 302).posting(),
        same_for_all("/meetings/registration/forged-token/cancel/", 404).posting(),
        same_for_all("/meetings/registration/{reg_cancel}/cancel/", 405),
    ],
    "meetings:registration-calendar": [
        same_for_all("/meetings/registration/{reg_guest}/calendar.ics", 200),
        same_for_all("/meetings/registration/forged-token/calendar.ics", 404),
    ],
    "meetings:calendar": [
        same_for_all("/meetings/{reg_meeting}/calendar.ics", 200),
        _draft("/meetings/{reg_draft}/calendar.ics"),
    ],
    "meetings:feed": same_for_all("/meetings/feed.ics", 200),
    "meetings:region-feed": [
        same_for_all("/meetings/regions/{reg_region}/feed.ics", 200),
        same_for_all("/meetings/regions/atlantis/feed.ics", 404),
    ],
    "meetings:registrations": [
        only("/meetings/{reg_meeting}/registrations/", ORGANISERS),
        _draft("/meetings/{reg_draft}/registrations/", visitor=302),
    ],
    "meetings:registrations-csv": [
        only("/meetings/{reg_meeting}/registrations.csv", ORGANISERS),
        _draft("/meetings/{reg_draft}/registrations.csv", visitor=302),
    ],
}
