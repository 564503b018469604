"""Payouts under real parallel requests (each a thread with its own database connection and its
own signed-in client): a double-submitted proposal is one payout, two approvals at once pay
once, and two proposals at once never take a grant past its award."""

import pytest
from django.core.cache import cache
from django.db.models import Sum
from django.test import Client

from accounts.models import User
from accounts.roles import FUND_COMMITTEE
from fund import payouts
from fund.ledger import derived_mismatches
from fund.models import Grant, LedgerEntry, Payout
from tests.concurrency import all_at_once
from tests.factories import role_user
from tests.fund.factories import awarded_grant
from tests.fund.factories_payouts import proposed, treasurer_user

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("reference_data")]


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _paid_in_ledger(grant: Grant) -> int:
    entries = LedgerEntry.objects.filter(grant=grant, kind="payout")
    return entries.aggregate(total=Sum("amount_cents"))["total"] or 0


def test_a_triple_click_on_propose_makes_one_payout() -> None:
    cache.clear()
    grant = awarded_grant(1_000_00, amount_cents=1_000_00)
    treasurer = treasurer_user()
    data = {"amount": "1.000", "description": "Alles", "key": str(payouts.new_key())}
    url = f"/fund/grants/{grant.pk}/payouts/new/"
    outcomes = all_at_once(*[lambda: signed_in(treasurer).post(url, data) for _ in range(3)])
    assert [o.status_code for o in outcomes] == [302, 302, 302], outcomes
    assert Payout.objects.filter(grant=grant).count() == 1
    assert len({o["Location"] for o in outcomes}) == 1


def test_two_approvals_at_once_pay_once() -> None:
    cache.clear()
    grant = awarded_grant(1_000_00, amount_cents=1_000_00)
    payout = proposed(grant, 600_00)
    first, second = role_user(FUND_COMMITTEE), treasurer_user()
    url = f"/fund/payouts/{payout.pk}/approve/"
    outcomes = all_at_once(
        lambda: signed_in(first).post(url, follow=True),
        lambda: signed_in(second).post(url, follow=True),
    )
    assert [o.status_code for o in outcomes] == [200, 200], outcomes
    texts = [o.content.decode() for o in outcomes]
    assert sum("Goedgekeurd: " in t for t in texts) == 1
    assert sum("al goedgekeurd" in t for t in texts) == 1
    payout.refresh_from_db()
    grant.refresh_from_db()
    assert payout.status == Payout.Status.APPROVED
    assert grant.paid_cents == 600_00 == _paid_in_ledger(grant)
    assert LedgerEntry.objects.filter(payout=payout).count() == 1
    assert list(derived_mismatches()) == []


def test_two_proposals_at_once_never_exceed_the_award() -> None:
    cache.clear()
    grant = awarded_grant(1_000_00, amount_cents=1_000_00)
    first, second = treasurer_user(), treasurer_user()
    url = f"/fund/grants/{grant.pk}/payouts/new/"

    def propose(user: User) -> object:
        return signed_in(user).post(url, {"amount": "600", "key": str(payouts.new_key())})

    outcomes = all_at_once(lambda: propose(first), lambda: propose(second))
    assert sorted(o.status_code for o in outcomes) == [200, 302], outcomes
    refused = next(o for o in outcomes if o.status_code == 200).content.decode()
    assert "€\xa0400,00" in refused  # what may still be proposed
    assert Payout.objects.filter(grant=grant).count() == 1
    # Approved, they stay within the award as well.
    payouts.approve(Payout.objects.get(grant=grant), by=role_user(FUND_COMMITTEE), notify=False)
    grant.refresh_from_db()
    assert grant.paid_cents == 600_00 <= grant.awarded_cents
    assert list(derived_mismatches()) == []


def test_approving_and_cancelling_at_once_do_one_of_the_two() -> None:
    cache.clear()
    grant = awarded_grant(1_000_00, amount_cents=1_000_00)
    proposer = treasurer_user()
    payout = proposed(grant, 500_00, by=proposer)
    approver = role_user(FUND_COMMITTEE)
    outcomes = all_at_once(
        lambda: signed_in(approver).post(f"/fund/payouts/{payout.pk}/approve/"),
        lambda: signed_in(proposer).post(f"/fund/payouts/{payout.pk}/cancel/"),
    )
    assert [o.status_code for o in outcomes] == [302, 302], outcomes
    payout.refresh_from_db()
    grant.refresh_from_db()
    if payout.status == Payout.Status.APPROVED:
        assert grant.paid_cents == 500_00 == _paid_in_ledger(grant)
    else:
        assert payout.status == Payout.Status.CANCELLED
        assert grant.paid_cents == 0 == _paid_in_ledger(grant)
    assert list(derived_mismatches()) == []
