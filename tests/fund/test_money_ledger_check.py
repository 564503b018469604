"""`manage.py check_fund_ledger` (the nightly timer) and the database's refusals the ledger relies
on that tests/fund/test_ledger_core.py does not show: the ORM's bulk_update, an upsert, a raw
DELETE of a reversal, a DELETE of every entry."""

import uuid
from datetime import timedelta

import pytest
from django.core.management import call_command, execute_from_command_line
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.db.models import ProtectedError

from fund.contributions import reverse
from fund.ledger_check import check
from fund.models import Contribution, Grant, LedgerEntry, Round
from tests.fund.factories import ContributionFactory, awarded_grant
from tests.fund.factories_money import paid_out

# The command reads in a REPEATABLE READ transaction of its own, which must be its first
# statement: these tests run outside the test's transaction.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


def run(capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """The command as the timer runs it: its exit status and everything it printed."""
    try:
        execute_from_command_line(["manage.py", "check_fund_ledger"])
    except SystemExit as exit_:
        status = int(exit_.code or 0)
    else:
        status = 0
    printed = capsys.readouterr()
    return status, printed.out + printed.err


def a_busy_ledger() -> Grant:
    grant = awarded_grant(cents=600_00)
    paid_out(grant, 250_00)
    reverse(ContributionFactory(amount_cents=75_00), by=None, reason="Dubbel")  # type: ignore[arg-type]
    return grant


def test_a_clean_ledger_passes_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    a_busy_ledger()
    status, printed = run(capsys)
    assert status == 0
    entries = LedgerEntry.objects.count()
    assert printed == f"fund ledger OK: every figure matches its {entries} entries\n"


def test_an_empty_ledger_passes(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys) == (0, "fund ledger OK: every figure matches its 0 entries\n")


def test_a_tampered_figure_is_found_and_the_command_fails(
    capsys: pytest.CaptureFixture[str],
) -> None:
    grant = a_busy_ledger()
    Grant.objects.filter(pk=grant.pk).update(paid_cents=300_00)
    Round.objects.filter(pk=grant.round_id).update(budget_cents=99_999_00)
    status, printed = run(capsys)
    assert status == 1
    assert f"MISMATCH grant {grant.pk} paid_cents: kept 30000, ledger says 25000" in printed
    assert f"MISMATCH round {grant.round_id} budget_cents: kept 9999900" in printed
    assert "2 figure(s) do not match the ledger" in printed
    assert "fund ledger OK" not in printed


def test_a_contribution_marked_reversed_without_its_reversal_is_found(
    capsys: pytest.CaptureFixture[str],
) -> None:
    contribution = ContributionFactory(amount_cents=400_00)
    # The one change the database lets through on a contribution's reversal moment, done by
    # hand: the contribution says reversed, its entries do not.
    Contribution.objects.filter(pk=contribution.pk).update(
        reversed_at="2027-03-01T12:00:00+01:00", unallocated_cents=0
    )
    status, printed = run(capsys)
    assert status == 1
    assert f"MISMATCH contribution {contribution.pk} entries: kept 0, ledger says 40000" in printed
    assert f"MISMATCH contribution {contribution.pk} unallocated_cents" in printed


def test_a_reversal_that_does_not_mirror_its_entry_is_found() -> None:
    contribution = ContributionFactory(amount_cents=400_00)
    original = contribution.ledger_entries.get()
    # Entries may be added (never changed): a "reversal" of the wrong amount.
    wrong = LedgerEntry.objects.create(
        kind=LedgerEntry.Kind.CONTRIBUTION,
        amount_cents=-100_00,
        contribution=contribution,
        reverses=original,
    )
    found = {m.what for m in check()[0]}
    assert f"ledger entry {wrong.pk} as the reversal of its entry" in found
    assert f"contribution {contribution.pk} entries" in found


def test_the_check_refuses_to_run_inside_another_transaction() -> None:
    ContributionFactory()
    with transaction.atomic():
        Contribution.objects.count()  # the transaction has read already
        with pytest.raises(DatabaseError):
            check()


def test_call_command_raises_with_the_exit_status() -> None:
    grant = awarded_grant(cents=100_00)
    Grant.objects.filter(pk=grant.pk).update(released_cents=1)
    with pytest.raises(CommandError) as raised:
        call_command("check_fund_ledger")
    assert raised.value.returncode == 1


# --- what the database refuses on the ledger, beyond test_ledger_core.py ---


def test_bulk_update_of_entries_is_refused() -> None:
    entries = list(
        LedgerEntry.objects.filter(pk__in=[ContributionFactory().ledger_entries.get().pk])
    )
    for entry in entries:
        entry.amount_cents = 1
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        LedgerEntry.objects.bulk_update(entries, ["amount_cents"])
    assert LedgerEntry.objects.get().amount_cents == 10_000_00


def test_an_upsert_over_an_entry_is_refused() -> None:
    entry = ContributionFactory(amount_cents=500_00).ledger_entries.get()
    copy = LedgerEntry(
        pk=entry.pk,
        kind=entry.kind,
        amount_cents=1,
        contribution_id=entry.contribution_id,
        note="overschreven",
    )
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        LedgerEntry.objects.bulk_create(
            [copy], update_conflicts=True, unique_fields=["id"], update_fields=["amount_cents"]
        )
    assert LedgerEntry.objects.get().amount_cents == 500_00


def test_a_reversal_cannot_be_deleted_to_bring_money_back() -> None:
    contribution = ContributionFactory(amount_cents=500_00)
    reversal = reverse(contribution, by=None, reason="Fout")  # type: ignore[arg-type]
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM fund_ledgerentry WHERE reverses_id IS NOT NULL")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        LedgerEntry.objects.filter(pk=reversal.pk).delete()
    # (The ORM may refuse first: the reversal protects the entry it reverses.)
    with pytest.raises((DatabaseError, ProtectedError)), transaction.atomic():
        LedgerEntry.objects.all().delete()
    # Nor can a reversal be pointed at another entry, or its reason rewritten.
    other = ContributionFactory().ledger_entries.get()
    earlier = reversal.created_at - timedelta(days=1)
    for change in ({"reverses": other}, {"note": "Toch goed"}, {"created_at": earlier}):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            LedgerEntry.objects.filter(pk=reversal.pk).update(**change)
    assert LedgerEntry.objects.filter(reverses__isnull=False).count() == 1
    assert check()[0] == []


def test_an_entry_cannot_be_added_twice_for_one_form() -> None:
    """The contribution's key is unique in the database, whatever code inserts it."""
    key = uuid.uuid4()
    first = ContributionFactory(idempotency_key=key)
    with pytest.raises(DatabaseError), transaction.atomic():
        ContributionFactory(funder=first.funder, idempotency_key=key)
    assert Contribution.objects.count() == 1
