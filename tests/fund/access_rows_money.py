"""Access matrix rows of the money part (fund/views/money.py): the funders, their statements and
the ledger are public; recording and reversing money is the treasurers' (DESIGN.md's roles
table). `fund_contribution` may be reversed, `fund_reversed` was (tests/fund/world_money.py)."""

from tests.access import Row, only, same_for_all

TREASURER = {"treasurer": 200}

ROWS: dict[str, Row | list[Row]] = {
    "fund:money": [
        only("/fund/money/", TREASURER),
        only("/fund/money/?page=999", TREASURER),
    ],
    "fund:funders": same_for_all("/fund/funders/", 200),
    "fund:funder-new": [
        only("/fund/funders/new/", TREASURER),
        # An empty form comes back with its problems.
        only("/fund/funders/new/", TREASURER).posting(),
    ],
    "fund:funder": [
        same_for_all("/fund/funders/{fund_funder}/", 200),
        same_for_all("/fund/funders/{fund_funder}/?page=x", 200),
        same_for_all("/fund/funders/no-such-funder/", 404),
    ],
    "fund:funder-edit": [
        only("/fund/funders/{fund_funder}/edit/", TREASURER),
        only("/fund/funders/{fund_funder}/edit/", TREASURER).posting(),
        only("/fund/funders/no-such-funder/edit/", {"treasurer": 404}),
    ],
    "fund:contribution-new": [
        only("/fund/contributions/new/", TREASURER),
        only("/fund/contributions/new/?funder={fund_funder}", TREASURER),
        only("/fund/contributions/new/", TREASURER).posting(),
    ],
    "fund:contribution-reverse": [
        only("/fund/contributions/{fund_contribution}/reverse/", TREASURER),
        only("/fund/contributions/{fund_contribution}/reverse/", TREASURER).posting(),
        only("/fund/contributions/{fund_reversed}/reverse/", TREASURER),
        only("/fund/contributions/999999/reverse/", {"treasurer": 404}),
    ],
    "fund:ledger": [
        same_for_all("/fund/ledger/", 200),
        same_for_all("/fund/ledger/?page=999", 200),
    ],
}
