"""Rounds under simultaneous requests, with real parallel connections: the same form twice
opens one round and adds money once; two rounds with one name get their own address; two
rounds never take more than the fund holds; a round closes once."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from fund import rounds
from fund.errors import FundRuleError
from fund.ledger import derived_mismatches
from fund.models import Contribution, LedgerEntry, Round
from tests.concurrency import all_at_once
from tests.fund.factories import ContributionFactory, RoundFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


def values(name: str = "Voorjaar 2027") -> dict[str, object]:
    today = timezone.localdate()
    return {
        "name": name,
        "description": "Geld voor buren.",
        "opens_on": today,
        "closes_on": today + timedelta(days=30),
        "decisions_by": None,
        "max_per_application_cents": 1_000_00,
        "max_grants_per_year": None,
        "max_cents_per_year": None,
        "first_timers_first": False,
        "min_reviews": 2,
    }


CRITERIA = [rounds.CriterionText("Past bij de buurt", "", 2)]


def open_with(key: uuid.UUID, name: str = "Voorjaar 2027", cents: int = 5_000_00) -> object:
    return rounds.open_round(values(name), CRITERIA, budget_cents=cents, by=None, key=key)


def test_the_same_form_sent_twice_at_once_opens_one_round() -> None:
    ContributionFactory(amount_cents=50_000_00)
    key = uuid.uuid4()
    outcomes = all_at_once(lambda: open_with(key), lambda: open_with(key))
    assert all(isinstance(o, tuple) for o in outcomes), outcomes
    assert sorted(new for _round, new in outcomes) == [False, True]
    assert Round.objects.count() == 1
    assert Round.objects.get().budget_cents == 5_000_00
    assert list(derived_mismatches()) == []


def test_two_rounds_with_one_name_at_once_get_their_own_address() -> None:
    ContributionFactory(amount_cents=50_000_00)
    outcomes = all_at_once(*[lambda: open_with(uuid.uuid4()) for _ in range(3)])
    assert all(isinstance(o, tuple) for o in outcomes), outcomes
    assert sorted(Round.objects.values_list("slug", flat=True)) == [
        "voorjaar-2027",
        "voorjaar-2027-2",
        "voorjaar-2027-3",
    ]


def test_two_rounds_at_once_never_take_more_than_the_fund_holds() -> None:
    ContributionFactory(amount_cents=8_000_00)
    outcomes = all_at_once(
        lambda: open_with(uuid.uuid4(), "Een"), lambda: open_with(uuid.uuid4(), "Twee")
    )
    assert len([o for o in outcomes if isinstance(o, tuple)]) == 1, outcomes
    refused = [o for o in outcomes if isinstance(o, FundRuleError)]
    assert len(refused) == 1
    assert refused[0].field == "budget"
    assert Round.objects.count() == 1
    assert Contribution.objects.get().unallocated_cents == 3_000_00
    assert list(derived_mismatches()) == []


def test_money_added_twice_at_once_by_one_form_is_added_once() -> None:
    round_ = RoundFactory(budget_cents=1_000_00)
    ContributionFactory(amount_cents=10_000_00)

    def add() -> rounds.Added:
        return rounds.add_money(round_, 2_000_00, budget_was=1_000_00, by=None)

    outcomes = all_at_once(add, add)
    assert sorted(o.value for o in outcomes) == ["added", "already"], outcomes
    round_.refresh_from_db()
    assert round_.budget_cents == 3_000_00
    assert list(derived_mismatches()) == []


def test_a_round_closed_twice_at_once_gives_its_money_back_once() -> None:
    today = timezone.localdate()
    round_ = RoundFactory(
        budget_cents=4_000_00, opens_on=today - timedelta(days=30), closes_on=today - timedelta(1)
    )

    def close() -> rounds.Closed:
        return rounds.close_round(round_, by=None)

    outcomes = all_at_once(close, close)
    assert sorted((o.now, o.released_cents) for o in outcomes) == [(False, 0), (True, 4_000_00)]
    assert (
        LedgerEntry.objects.filter(round=round_, kind=LedgerEntry.Kind.ROUND_RELEASE).count() == 1
    )
    assert list(derived_mismatches()) == []
