"""Access matrix rows for the fund, one file per part of it (access_rows_<part>.py).

The shared objects (tests/fund/world.py): `fund_funder` is a funder (slug), `fund_round` an open
round with a budget (slug), `fund_draft` a draft application of X (by `member`),
`fund_submitted` a submitted application of X, `fund_grant` an awarded grant of X (pk).
"""

from tests.access import Row, same_for_all
from tests.fund import (
    access_rows_applications,
    access_rows_decisions,
    access_rows_money,
    access_rows_payouts,
    access_rows_reports,
    access_rows_rounds,
    access_rows_transparency,
)
from tests.personas import PERSONAS

# A draft exists only for X's members: everyone else gets a 404 (DESIGN.md's roles table).
X_MEMBERS = {"member": 200, "plain_member": 200}


def hidden(url: str, insiders: dict[str, int] = X_MEMBERS, method: str = "get") -> Row:
    return Row(url, dict.fromkeys(PERSONAS, 404) | insiders, method)


ROWS: dict[str, Row | list[Row]] = (
    {"fund:index": same_for_all("/fund/", 200)}
    | access_rows_applications.ROWS
    | access_rows_decisions.ROWS
    | access_rows_money.ROWS
    | access_rows_payouts.ROWS
    | access_rows_reports.ROWS
    | access_rows_rounds.ROWS
    | access_rows_transparency.ROWS
)
