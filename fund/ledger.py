"""The ledger: every movement of money is an entry, and the figures kept on rows move with it.

Each function here writes its entries and updates the derived columns (with F(), only those
columns) in the caller's transaction; the caller holds the row locks the rule needs (see
fund/allocation.py and fund/payments.py). The CHECK constraints on those columns are the last
guard: a movement that would take a figure out of range fails as an IntegrityError, and the
callers turn that into a FundRuleError before it reaches a person.

`derived_mismatches()` recomputes every kept figure from the entries; `manage.py
check_fund_ledger` runs it (nightly).
"""

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from fund.errors import FundRuleError
from fund.models import (
    Contribution,
    Grant,
    GrantFunding,
    LedgerEntry,
    Payout,
    Round,
    RoundFunding,
)

Kind = LedgerEntry.Kind


def record_contribution(contribution: Contribution, *, by: User | None) -> LedgerEntry:
    """Money in: a saved contribution's entry, and all of it unallocated."""
    Contribution.objects.filter(pk=contribution.pk).update(
        unallocated_cents=F("unallocated_cents") + contribution.amount_cents
    )
    return LedgerEntry.objects.create(
        kind=Kind.CONTRIBUTION,
        amount_cents=contribution.amount_cents,
        contribution=contribution,
        recorded_by=by,
    )


@transaction.atomic
def reverse_contribution(contribution: Contribution, *, by: User, note: str) -> LedgerEntry:
    """A contribution recorded by mistake is reversed, only while none of its money is in a
    round: its entry gets a reversing entry, and it has nothing left to allocate."""
    locked = Contribution.objects.select_for_update().get(pk=contribution.pk)
    if locked.reversed_at is not None:
        raise FundRuleError(_("This contribution was reversed already."))
    if locked.unallocated_cents != locked.amount_cents:
        raise FundRuleError(
            _(
                "Part of this money is in a round already; it can no longer be reversed. "
                "Take it out of the round first."
            )
        )
    original = LedgerEntry.objects.get(contribution=locked, kind=Kind.CONTRIBUTION, reverses=None)
    Contribution.objects.filter(pk=locked.pk).update(
        unallocated_cents=0, reversed_at=timezone.now()
    )
    return LedgerEntry.objects.create(
        kind=Kind.CONTRIBUTION,
        amount_cents=-original.amount_cents,
        contribution=locked,
        reverses=original,
        note=note,
        recorded_by=by,
    )


def move_to_round(funding: RoundFunding, cents: int, *, by: User | None) -> LedgerEntry:
    """From the fund into a round's budget (cents > 0) or back (cents < 0: a round release)."""
    Contribution.objects.filter(pk=funding.contribution_id).update(
        unallocated_cents=F("unallocated_cents") - cents
    )
    RoundFunding.objects.filter(pk=funding.pk).update(reserved_cents=F("reserved_cents") + cents)
    Round.objects.filter(pk=funding.round_id).update(budget_cents=F("budget_cents") + cents)
    return LedgerEntry.objects.create(
        kind=Kind.ROUND_BUDGET if cents > 0 else Kind.ROUND_RELEASE,
        amount_cents=abs(cents),
        contribution_id=funding.contribution_id,
        round_id=funding.round_id,
        recorded_by=by,
    )


def move_to_grant(
    grant_funding: GrantFunding, round_funding: RoundFunding, *, by: User | None
) -> LedgerEntry:
    """A round's money reserved for a grant (its GrantFunding was just made with the amount)."""
    cents = grant_funding.amount_cents
    RoundFunding.objects.filter(pk=round_funding.pk).update(
        awarded_cents=F("awarded_cents") + cents
    )
    Round.objects.filter(pk=round_funding.round_id).update(awarded_cents=F("awarded_cents") + cents)
    return LedgerEntry.objects.create(
        kind=Kind.AWARD,
        amount_cents=cents,
        contribution_id=grant_funding.contribution_id,
        round_id=round_funding.round_id,
        grant_id=grant_funding.grant_id,
        recorded_by=by,
    )


def move_out_of_grant(
    grant: Grant,
    grant_funding: GrantFunding,
    kind: str,
    cents: int,
    *,
    by: User | None,
    payout: Payout | None = None,
) -> LedgerEntry:
    """Paid out, paid back or released: `kind` is payout, repayment or release."""
    column = {
        Kind.PAYOUT: "paid_cents",
        Kind.REPAYMENT: "repaid_cents",
        Kind.RELEASE: "released_cents",
    }[Kind(kind)]
    GrantFunding.objects.filter(pk=grant_funding.pk).update(**{column: F(column) + cents})
    Grant.objects.filter(pk=grant.pk).update(**{column: F(column) + cents})
    if kind in (Kind.REPAYMENT, Kind.RELEASE):
        # Back to the fund, as money of the same contribution (so its earmark still holds).
        Contribution.objects.filter(pk=grant_funding.contribution_id).update(
            unallocated_cents=F("unallocated_cents") + cents
        )
    return LedgerEntry.objects.create(
        kind=kind,
        amount_cents=cents,
        contribution_id=grant_funding.contribution_id,
        round_id=grant.round_id,
        grant=grant,
        payout=payout,
        recorded_by=by,
    )


# --- The nightly check ---


@dataclass(frozen=True)
class Mismatch:
    what: str  # "contribution 12 unallocated_cents"
    kept: int
    ledger: int

    def __str__(self) -> str:
        return f"{self.what}: kept {self.kept}, ledger says {self.ledger}"


def _sums(*group_by: str) -> dict[tuple, int]:
    """Signed sums of the entries per kind and the given links: {(kind, *ids): cents}."""
    rows = LedgerEntry.objects.values("kind", *group_by).annotate(total=Sum("amount_cents"))
    return {(row["kind"], *(row[g] for g in group_by)): row["total"] for row in rows}


def derived_mismatches() -> Iterator[Mismatch]:
    """Every figure kept on a row that does not equal what the ledger's entries add up to.
    A fixed number of queries, however many rows; run it in a REPEATABLE READ transaction (the
    command does) so that rows and entries are read at one moment."""
    by_contribution = defaultdict(int, _sums("contribution"))
    for c in Contribution.objects.values("pk", "unallocated_cents", "amount_cents", "reversed_at"):
        pk = c["pk"]
        ledger = (
            by_contribution[(Kind.CONTRIBUTION, pk)]
            - by_contribution[(Kind.ROUND_BUDGET, pk)]
            + by_contribution[(Kind.ROUND_RELEASE, pk)]
            + by_contribution[(Kind.REPAYMENT, pk)]
            + by_contribution[(Kind.RELEASE, pk)]
        )
        if ledger != c["unallocated_cents"]:
            yield Mismatch(f"contribution {pk} unallocated_cents", c["unallocated_cents"], ledger)

    by_funding = defaultdict(int, _sums("round", "contribution"))
    by_round: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for f in RoundFunding.objects.values(
        "pk", "round", "contribution", "reserved_cents", "awarded_cents"
    ):
        key = (f["round"], f["contribution"])
        reserved = by_funding[(Kind.ROUND_BUDGET, *key)] - by_funding[(Kind.ROUND_RELEASE, *key)]
        awarded = by_funding[(Kind.AWARD, *key)]
        by_round[f["round"]][0] += reserved
        by_round[f["round"]][1] += awarded
        if reserved != f["reserved_cents"]:
            yield Mismatch(f"round funding {f['pk']} reserved_cents", f["reserved_cents"], reserved)
        if awarded != f["awarded_cents"]:
            yield Mismatch(f"round funding {f['pk']} awarded_cents", f["awarded_cents"], awarded)
    for r in Round.objects.values("pk", "budget_cents", "awarded_cents"):
        budget, awarded = by_round[r["pk"]]
        if budget != r["budget_cents"]:
            yield Mismatch(f"round {r['pk']} budget_cents", r["budget_cents"], budget)
        if awarded != r["awarded_cents"]:
            yield Mismatch(f"round {r['pk']} awarded_cents", r["awarded_cents"], awarded)

    columns = {
        Kind.AWARD: "amount_cents",
        Kind.PAYOUT: "paid_cents",
        Kind.REPAYMENT: "repaid_cents",
        Kind.RELEASE: "released_cents",
    }
    by_grant_funding = defaultdict(int, _sums("grant", "contribution"))
    by_grant: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for gf in GrantFunding.objects.values("pk", "grant", "contribution", *columns.values()):
        for kind, column in columns.items():
            ledger = by_grant_funding[(kind, gf["grant"], gf["contribution"])]
            by_grant[gf["grant"]][column] += ledger
            if ledger != gf[column]:
                yield Mismatch(f"grant funding {gf['pk']} {column}", gf[column], ledger)
    grant_columns = {"amount_cents": "awarded_cents"} | {
        c: c for c in ("paid_cents", "repaid_cents", "released_cents")
    }
    for g in Grant.objects.values("pk", *grant_columns.values()):
        for funding_column, grant_column in grant_columns.items():
            ledger = by_grant[g["pk"]][funding_column]
            if ledger != g[grant_column]:
                yield Mismatch(f"grant {g['pk']} {grant_column}", g[grant_column], ledger)

    paid_per_payout = dict(
        LedgerEntry.objects.filter(kind=Kind.PAYOUT, payout__isnull=False)
        .values_list("payout")
        .annotate(total=Sum("amount_cents"))
    )
    for p in Payout.objects.values("pk", "status", "amount_cents"):
        expected = p["amount_cents"] if p["status"] == Payout.Status.APPROVED else 0
        if paid_per_payout.get(p["pk"], 0) != expected:
            yield Mismatch(f"payout {p['pk']} paid", expected, paid_per_payout.get(p["pk"], 0))
