"""Access matrix rows of the rounds part (fund/views/rounds.py).

Rounds are public; opening, changing, funding and closing one is the fund committee's. A closed
round sends the committee back to its page (302). Empty POSTs: the committee gets the form back
with its problems (200), or, for a round past its closing date, closes it (302).
"""

from tests.access import Row, only, same_for_all

COMMITTEE = {"fund_committee": 200}

ROWS: dict[str, Row | list[Row]] = {
    "fund:rounds": same_for_all("/fund/rounds/", 200),
    "fund:round-new": [
        only("/fund/rounds/new/", COMMITTEE),
        only("/fund/rounds/new/", COMMITTEE).posting(),
    ],
    "fund:round": [
        same_for_all("/fund/rounds/{fund_round}/", 200),
        same_for_all("/fund/rounds/{fund_round_closed}/", 200),
        same_for_all("/fund/rounds/no-such-round/", 404),
    ],
    "fund:round-edit": [
        only("/fund/rounds/{fund_round}/edit/", COMMITTEE),
        only("/fund/rounds/{fund_round}/edit/", COMMITTEE).posting(),
        only("/fund/rounds/{fund_round_closed}/edit/", {"fund_committee": 302}),
    ],
    "fund:round-budget": [
        only("/fund/rounds/{fund_round}/budget/", COMMITTEE),
        only("/fund/rounds/{fund_round}/budget/", COMMITTEE).posting(),
        only("/fund/rounds/{fund_round_closed}/budget/", {"fund_committee": 302}),
    ],
    "fund:round-close": [
        only("/fund/rounds/{fund_round}/close/", COMMITTEE),
        only("/fund/rounds/{fund_round}/close/", COMMITTEE).posting(),
        only("/fund/rounds/{fund_round_past}/close/", {"fund_committee": 302}).posting(),
        only("/fund/rounds/{fund_round_closed}/close/", {"fund_committee": 302}),
    ],
}
