"""The ledger's core: the database keeps it append-only, money goes only where its earmark lets
it, a round is never over-spent (with real parallel connections), and the nightly check finds a
figure that does not match the entries."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.utils import DatabaseError

from fund.allocation import add_to_budget, award
from fund.errors import FundRuleError
from fund.ledger import derived_mismatches, reverse_contribution
from fund.models import Application, Grant, LedgerEntry, Round
from initiatives.models import Municipality
from tests.concurrency import all_at_once
from tests.factories import InitiativeFactory, UserFactory
from tests.fund.factories import (
    ContributionFactory,
    RoundFactory,
    awarded_grant,
    submitted_application,
)

pytestmark = pytest.mark.usefixtures("reference_data")


@pytest.mark.django_db
def test_the_database_refuses_to_change_or_delete_a_ledger_entry() -> None:
    entry = ContributionFactory(amount_cents=500_00).ledger_entries.get()
    for statement in (
        "UPDATE fund_ledgerentry SET amount_cents = 1 WHERE id = %s",
        "DELETE FROM fund_ledgerentry WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement, [entry.pk])
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        LedgerEntry.objects.filter(pk=entry.pk).update(note="verbeterd")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        entry.delete()
    entry.refresh_from_db()
    assert entry.amount_cents == 500_00


@pytest.mark.django_db
def test_deleting_the_treasurer_keeps_their_entries_without_them() -> None:
    treasurer = UserFactory()
    contribution = ContributionFactory(amount_cents=250_00)
    # Recorded by a person: the one change the database lets through is forgetting them.
    reverse_contribution(contribution, by=treasurer, note="Dubbel ingevoerd")
    treasurer.delete()
    entries = list(
        contribution.ledger_entries.order_by("pk").values_list("amount_cents", "recorded_by")
    )
    assert entries == [(250_00, None), (-250_00, None)]


@pytest.mark.django_db
def test_a_reversed_contribution_leaves_nothing_to_spend_and_the_ledger_balanced() -> None:
    contribution = ContributionFactory(amount_cents=1_000_00)
    reverse_contribution(contribution, by=None, note="Verkeerd bedrag")
    contribution.refresh_from_db()
    assert contribution.unallocated_cents == 0
    assert sum(contribution.ledger_entries.values_list("amount_cents", flat=True)) == 0
    with pytest.raises(FundRuleError):
        reverse_contribution(contribution, by=None, note="Nog eens")
    assert list(derived_mismatches()) == []


@pytest.mark.django_db
def test_money_in_a_round_cannot_be_reversed() -> None:
    contribution = ContributionFactory(amount_cents=1_000_00)
    RoundFactory(budget_cents=400_00, budget_cents__contributions=[contribution])
    with pytest.raises(FundRuleError, match="ronde"):
        reverse_contribution(contribution, by=None, note="Toch niet")


@pytest.mark.django_db
def test_a_round_takes_only_what_the_fund_has() -> None:
    ContributionFactory(amount_cents=1_000_00)
    round_ = RoundFactory()
    with pytest.raises(FundRuleError, match=r"1\.000,00"):
        add_to_budget(round_, 1_500_00, by=None)
    add_to_budget(round_, 600_00, by=None)
    round_.refresh_from_db()
    assert round_.budget_cents == 600_00
    assert list(derived_mismatches()) == []


@pytest.mark.django_db
def test_earmarked_money_pays_only_for_what_fits_and_is_used_first() -> None:
    amersfoort = Municipality.objects.get(name="Amersfoort")
    general = ContributionFactory(amount_cents=1_000_00)
    earmarked = ContributionFactory(amount_cents=1_000_00, earmark_municipality=amersfoort)
    round_ = RoundFactory(budget_cents=2_000_00, budget_cents__contributions=[general, earmarked])

    in_utrecht = submitted_application(round=round_, amount_cents=1_200_00)
    with pytest.raises(FundRuleError, match=r"1\.000,00"), transaction.atomic():
        award(in_utrecht, 1_200_00, by=None)

    in_amersfoort = submitted_application(
        round=round_, initiative=InitiativeFactory(municipality=amersfoort), amount_cents=800_00
    )
    with transaction.atomic():
        grant = award(in_amersfoort, 800_00, by=None)
    assert [(f.contribution, f.amount_cents) for f in grant.fundings.all()] == [(earmarked, 800_00)]
    with transaction.atomic():
        grant = award(in_utrecht, 1_000_00, by=None)
    assert [(f.contribution, f.amount_cents) for f in grant.fundings.all()] == [(general, 1_000_00)]
    assert list(derived_mismatches()) == []


@pytest.mark.django_db
def test_the_check_finds_a_figure_that_does_not_match_the_ledger() -> None:
    grant = awarded_grant(cents=500_00)
    assert list(derived_mismatches()) == []
    Grant.objects.filter(pk=grant.pk).update(paid_cents=100_00)
    Round.objects.filter(pk=grant.round_id).update(awarded_cents=0)
    found = {m.what for m in derived_mismatches()}
    assert found == {f"grant {grant.pk} paid_cents", f"round {grant.round_id} awarded_cents"}


@pytest.mark.django_db
def test_the_database_refuses_a_round_awarding_past_its_budget() -> None:
    round_ = RoundFactory(budget_cents=500_00)
    with pytest.raises(IntegrityError), transaction.atomic():
        Round.objects.filter(pk=round_.pk).update(awarded_cents=500_01)


@pytest.mark.django_db(transaction=True)
def test_two_awards_at_the_same_moment_never_take_a_round_past_its_budget() -> None:
    round_ = RoundFactory(budget_cents=1_000_00)
    first, second, third = (
        submitted_application(round=round_, amount_cents=600_00) for _ in range(3)
    )

    def award_in_own_transaction(application: Application) -> Grant:
        with transaction.atomic():
            return award(application, 600_00, by=None)

    outcomes = all_at_once(
        *[lambda a=a: award_in_own_transaction(a) for a in (first, second, third)]
    )
    granted = [o for o in outcomes if isinstance(o, Grant)]
    refused = [o for o in outcomes if isinstance(o, FundRuleError)]
    assert len(granted) == 1, outcomes
    assert len(refused) == 2, outcomes
    round_.refresh_from_db()
    assert round_.awarded_cents == 600_00
    assert list(derived_mismatches()) == []
