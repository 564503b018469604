"""Access matrix rows for the meetings app's rotation pages (see tests/meetings/access_rows.py)."""

from tests.access import Row, only, same_for_all

ROWS: dict[str, Row | list[Row]] = {
    # The coordinators' planning tool; a bad question is answered on the page, never a 500.
    "meetings:suggestions": [
        only("/meetings/suggestions/", {"coordinator": 200}),
        only(
            "/meetings/suggestions/?month=4&people=30&region=eemland&needs=step_free",
            {"coordinator": 200},
        ),
        only("/meetings/suggestions/?month=13&people=0&region=mars", {"coordinator": 200}),
    ],
    # Public, for transparency; its flags are for coordinators (tests/meetings/test_ledger.py).
    "meetings:ledger": same_for_all("/meetings/ledger/", 200),
}
