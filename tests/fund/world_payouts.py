"""The access matrix's payouts (tests/fund/access_rows_payouts.py): on the shared grant of X,
`fund_payout` waits for approval, proposed by a treasurer who is none of the personas, and
`fund_payout_mine` waits too, proposed by the `treasurer` persona."""

from accounts.models import User
from accounts.roles import TREASURER
from fund import payouts
from fund.models import Grant
from tests.factories import role_user


def build(people: dict[str, User], values: dict[str, object]) -> dict[str, object]:
    grant = Grant.objects.get(pk=values["fund_grant"])
    colleague = role_user(TREASURER, email="andere-penningmeester@example.nl")
    theirs = payouts.propose(
        grant, 100_00, description="Eerste deel", key=payouts.new_key(), by=colleague, notify=False
    ).payout
    mine = payouts.propose(
        grant,
        50_00,
        description="Tweede deel",
        key=payouts.new_key(),
        by=people["treasurer"],
        notify=False,
    ).payout
    return {"fund_payout": theirs.pk, "fund_payout_mine": mine.pk}
