"""Access matrix rows for payouts (tests/fund/world_payouts.py): the committee and treasurers
see them; only a treasurer proposes and records repayments; another person approves (the
proposer is refused); only the proposer cancels."""

from tests.access import Row, only
from tests.personas import PERSONAS

INSIDERS = {"fund_committee": 200, "treasurer": 200}
TREASURER = {"treasurer": 200}


def _post(url: str, allowed: dict[str, int], *, others: int = 403) -> Row:
    return Row(url, dict.fromkeys(PERSONAS, others) | {"visitor": 302} | allowed, "post")


ROWS: dict[str, Row | list[Row]] = {
    "fund:payouts": only("/fund/payouts/", INSIDERS),
    "fund:payout-new": [
        only("/fund/grants/{fund_grant}/payouts/new/", TREASURER),
        # An empty form comes back with its messages.
        _post("/fund/grants/{fund_grant}/payouts/new/", TREASURER),
        only("/fund/grants/999999/payouts/new/", {}, others=404),
    ],
    "fund:payout-approve": [
        only("/fund/payouts/{fund_payout}/approve/", INSIDERS),
        only("/fund/payouts/{fund_payout_mine}/approve/", INSIDERS),
        # Four eyes: the proposer is refused; the committee approves it.
        _post("/fund/payouts/{fund_payout_mine}/approve/", {"fund_committee": 302}),
        _post("/fund/payouts/{fund_payout}/approve/", {"fund_committee": 302, "treasurer": 302}),
    ],
    "fund:payout-cancel": [
        _post("/fund/payouts/{fund_payout_mine}/cancel/", {"treasurer": 302}),
        _post("/fund/payouts/{fund_payout}/cancel/", {}),
        only("/fund/payouts/{fund_payout_mine}/cancel/", {}, others=405),
    ],
    "fund:repayment": [
        only("/fund/grants/{fund_grant}/repayment/", TREASURER),
        _post("/fund/grants/{fund_grant}/repayment/", TREASURER),
    ],
}
