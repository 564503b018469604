"""The nightly check of the fund's ledger (`manage.py check_fund_ledger`).

`fund.ledger.derived_mismatches()` compares every figure kept on a row with the ledger's sums.
Here two more things the ledger itself must hold to:
- each contribution's own entries (kind "contribution") add up to its amount, or to nothing once
  it is reversed, and a reversed contribution has a reversal;
- each reversing entry moves exactly the opposite of the entry it reverses, of the same kind and
  for the same contribution, round and grant.
Everything is read in one REPEATABLE READ transaction, so rows and entries are seen at one moment
while the portal keeps working.
"""

from collections.abc import Iterator

from django.db import connection, transaction
from django.db.models import Sum

from fund.ledger import Mismatch, derived_mismatches
from fund.models import Contribution, LedgerEntry

Kind = LedgerEntry.Kind


def contribution_mismatches() -> Iterator[Mismatch]:
    """Contributions whose own entries do not add up to their amount (0 after a reversal)."""
    sums = dict(
        LedgerEntry.objects.filter(kind=Kind.CONTRIBUTION)
        .order_by()
        .values_list("contribution")
        .annotate(total=Sum("amount_cents"))
    )
    for pk, amount, reversed_at in Contribution.objects.order_by("pk").values_list(
        "pk", "amount_cents", "reversed_at"
    ):
        expected = 0 if reversed_at is not None else amount
        if sums.get(pk, 0) != expected:
            yield Mismatch(f"contribution {pk} entries", expected, sums.get(pk, 0))


def reversal_mismatches() -> Iterator[Mismatch]:
    """Reversing entries that do not mirror the entry they reverse (reversals are few: read
    all of them, with the entries they reverse, in one query)."""
    fields = ("amount_cents", "kind", "contribution_id", "round_id", "grant_id", "payout_id")
    rows = (
        LedgerEntry.objects.filter(reverses__isnull=False)
        .order_by("pk")
        .values_list("pk", *fields, *(f"reverses__{f}" for f in fields))
    )
    for pk, *values in rows:
        entry, original = values[: len(fields)], values[len(fields) :]
        mirrored = [-original[0], *original[1:]]
        if entry != mirrored:
            yield Mismatch(f"ledger entry {pk} as the reversal of its entry", mirrored[0], entry[0])


def check() -> tuple[list[Mismatch], int]:
    """Every mismatch, and the number of entries checked, read at one moment (a REPEATABLE
    READ, read-only transaction). Call it outside any transaction."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        mismatches = [*derived_mismatches(), *contribution_mismatches(), *reversal_mismatches()]
        return mismatches, LedgerEntry.objects.count()
