"""Money leaving a grant: paid out (on a payout's approval), paid back, or released to the fund.

Each spreads its amount over the grant's fundings in their order (the money the award took
first is paid first), so every euro paid stays traced to the contribution it came from. The
caller holds the lock on the grant's row (fund/payouts.py, fund/accountability.py).
"""

from django.utils.translation import gettext as _

from accounts.models import User
from fund.errors import FundRuleError
from fund.ledger import Kind, move_out_of_grant
from fund.models import Grant, LedgerEntry, Payout
from fund.money import euros


def _spread(
    grant: Grant, kind: str, cents: int, *, by: User | None, payout: Payout | None = None
) -> list[LedgerEntry]:
    fundings = list(grant.fundings.select_for_update().order_by("pk"))
    room = {
        Kind.PAYOUT: lambda f: f.amount_cents - f.released_cents - f.paid_cents,
        Kind.REPAYMENT: lambda f: f.paid_cents - f.repaid_cents,
        Kind.RELEASE: lambda f: f.amount_cents - f.released_cents - f.paid_cents,
    }[Kind(kind)]
    if sum(room(f) for f in fundings) < cents:
        raise FundRuleError(
            _("This grant has %(room)s left for this; %(asked)s is too much.")
            % {"room": euros(sum(room(f) for f in fundings)), "asked": euros(cents)},
            field="amount",
        )
    entries = []
    left = cents
    for funding in fundings:
        take = min(left, room(funding))
        if take > 0:
            entries.append(move_out_of_grant(grant, funding, kind, take, by=by, payout=payout))
            left -= take
    return entries


def pay(payout: Payout, *, by: User | None) -> list[LedgerEntry]:
    """An approved payout leaves the grant (the caller locked the grant and set the status)."""
    return _spread(payout.grant, Kind.PAYOUT, payout.amount_cents, by=by, payout=payout)


def repay(grant: Grant, cents: int, *, by: User | None) -> list[LedgerEntry]:
    """The initiative paid money back: it returns to the fund, to the contributions it came from."""
    return _spread(grant, Kind.REPAYMENT, cents, by=by)


def release_unpaid(grant: Grant, *, by: User | None) -> int:
    """At settlement, whatever was awarded and not paid out goes back to the fund."""
    left = grant.awarded_cents - grant.paid_cents - grant.released_cents
    if left > 0:
        _spread(grant, Kind.RELEASE, left, by=by)
    return left
