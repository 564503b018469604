"""The demo fund that `make run` loads (fund/demo.py): funders (one earmarked), a closed round with
its decisions, payouts and reports, an open round in progress, accounts for the committee and the
treasurer; and a ledger the nightly check finds right."""

import hashlib
import json

import pytest
from django.test import Client

from accounts.demo import load_people
from accounts.models import User
from accounts.permissions import must_use_two_factor
from accounts.roles import FUND_COMMITTEE, TREASURER
from fund.allocation import fits
from fund.demo import load_fund
from fund.demo_data import COMMITTEE_EMAIL, TREASURER_EMAIL
from fund.ledger import derived_mismatches
from fund.models import (
    Application,
    Contribution,
    Decision,
    Grant,
    GrantFunding,
    Payout,
    Recusal,
    Report,
    Review,
    Round,
    Tie,
)
from fund.permissions import conflicts
from initiatives.demo import load_initiatives

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded() -> list[str]:
    # In the order load_demo_data runs them (the meetings and the knowledge base play no part).
    load_people()
    load_initiatives()
    return load_fund()


def test_the_ledger_is_right_and_earmarks_hold(loaded: list[str]) -> None:
    assert list(derived_mismatches()) == []
    contributions = Contribution.objects.select_related("funder")
    assert {c.funder.kind for c in contributions} == {
        "province",
        "municipality",
        "bank",
        "foundation",
    }
    assert [c.funder.name for c in contributions if c.earmark_municipality_id] == [
        "Gemeente Amersfoort"
    ]
    assert [c.earmark_theme.name for c in contributions if c.earmark_theme_id] == ["Eenzaamheid"]
    for funding in GrantFunding.objects.select_related(
        "contribution", "grant__application__initiative"
    ):
        assert fits(funding.contribution, funding.grant.application)
    # The Amersfoort money went to the initiative in Amersfoort.
    earmarked = GrantFunding.objects.get(contribution__earmark_municipality__name="Amersfoort")
    assert earmarked.grant.initiative.municipality.name == "Amersfoort"


def test_the_closed_round_decided_paid_and_reported(loaded: list[str]) -> None:
    closed = Round.objects.get(closed_at__isnull=False)
    decisions = list(closed.decisions.order_by("number"))
    assert {d.outcome for d in decisions} == {"award", "part", "reject"}
    assert not closed.applications.filter(status=Application.Status.SUBMITTED).exists()
    assert closed.budget_cents == closed.awarded_cents  # what was left went back to the fund
    # The decision list is a chain, as fund/decision_list.py writes and verifies it: numbered
    # from 1, each hash the SHA-256 of the content, which names the hash before it (64 zeros
    # first) and says what the row's columns say.
    previous = "0" * 64
    for number, decision in enumerate(decisions, start=1):
        content = json.loads(decision.content)
        assert decision.number == content["number"] == number
        assert decision.previous_hash == content["previous_hash"] == previous
        assert decision.hash == hashlib.sha256(decision.content.encode()).hexdigest()
        assert decision.content == json.dumps(
            content, sort_keys=True, ensure_ascii=False, separators=(",", ":")
        )
        assert (
            content["application_id"],
            content["outcome"],
            content["amount_cents"],
            content["reason"],
        ) == (
            decision.application_id,
            decision.outcome,
            decision.amount_cents,
            decision.reason,
        )
        previous = decision.hash
    # A committee member of the applying initiative took no part, and the list says so.
    recusal = Recusal.objects.get()
    assert recusal.reason == Recusal.Reason.APPLICANT
    assert recusal.user is not None
    assert recusal.decision.decided_by != recusal.user
    assert json.loads(recusal.decision.content)["recusals"] == ["applicant"]
    assert not Review.objects.filter(
        application=recusal.decision.application, reviewer=recusal.user
    )
    # Every decided application was reviewed twice first, never by someone with a conflict.
    for decision in decisions:
        reviews = decision.application.reviews.exclude(submitted_at=None).select_related("reviewer")
        assert reviews.count() >= 2
        assert all(not conflicts(r.reviewer, decision.application) for r in reviews)

    # Four eyes on every payout; one still waits for its second person.
    approved = Payout.objects.filter(status=Payout.Status.APPROVED)
    assert approved.count() >= 4
    assert all(p.approved_by and p.approved_by != p.proposed_by for p in approved)
    waiting = Payout.objects.get(status=Payout.Status.PROPOSED)
    assert waiting.proposed_by.email == TREASURER_EMAIL
    # Reports: one accepted (the grant settled, with figures), one waiting, one still due.
    accepted = Report.objects.get(status=Report.Status.ACCEPTED)
    assert accepted.people_reached
    assert accepted.volunteers
    assert accepted.volunteer_hours
    assert accepted.grant.status == Grant.Status.SETTLED
    assert accepted.grant.released_cents == accepted.grant.awarded_cents - accepted.grant.paid_cents
    assert accepted.lines.count() == 3
    assert accepted.receipts.count() == 2
    assert Report.objects.filter(status=Report.Status.SUBMITTED).count() == 1
    due = Grant.objects.filter(status=Grant.Status.REPORTING, report=None)
    assert due.count() == 1
    assert due.get().paid_cents == due.get().awarded_cents


def test_the_open_round_is_in_progress(loaded: list[str]) -> None:
    open_round = next(r for r in Round.objects.all() if r.is_open)
    applications = open_round.applications.all()
    assert applications.filter(status=Application.Status.DRAFT).count() == 2
    submitted = applications.filter(status=Application.Status.SUBMITTED)
    assert submitted.count() == 3
    assert all(a.revisions.filter(number=1).exists() for a in submitted)
    reviews = {a.title: sorted(bool(r.submitted_at) for r in a.reviews.all()) for a in submitted}
    assert sorted(reviews.values()) == [[], [False, True], [True, True]]
    # One declared tie, to an applying initiative; the member with it did not review it.
    tie = Tie.objects.select_related("user", "initiative").get()
    tied = submitted.get(initiative=tie.initiative)
    assert conflicts(tie.user, tied) == [Recusal.Reason.TIE]
    assert not tied.reviews.filter(reviewer=tie.user).exists()
    assert Round.objects.filter(opens_on__gt=open_round.closes_on).count() == 1  # one to come


def test_the_demo_accounts_and_the_summary(loaded: list[str]) -> None:
    committee = User.objects.get(email=COMMITTEE_EMAIL)
    treasurer = User.objects.get(email=TREASURER_EMAIL)
    assert list(committee.groups.values_list("name", flat=True)) == [FUND_COMMITTEE]
    assert list(treasurer.groups.values_list("name", flat=True)) == [TREASURER]
    assert must_use_two_factor(committee)
    assert must_use_two_factor(treasurer)
    assert any(COMMITTEE_EMAIL in line for line in loaded)
    assert any(TREASURER_EMAIL in line for line in loaded)
    assert (
        loaded[0]
        .replace("\xa0", " ")
        .startswith("Community fund: 4 funders, € 95.000,00 in, 3 rounds, 4 grants")
    )


def test_loading_twice_keeps_what_the_first_run_made(loaded: list[str]) -> None:
    counts = [m.objects.count() for m in (Contribution, Round, Application, Decision, Payout)]
    assert load_fund() == loaded
    assert [m.objects.count() for m in (Contribution, Round, Application, Decision, Payout)] == (
        counts
    )


def test_the_pages_show_the_demo(loaded: list[str], client: Client) -> None:
    fund = client.get("/fund/").content.decode()
    assert "Gemeente Amersfoort" in fund
    assert "Besluitenlijst van Startronde" in fund
    home = " ".join(client.get("/").content.decode().split())
    assert "toegekend in" in home
    assert "Open voor aanvragen" in home
    client.force_login(User.objects.get(email="lid@demo.omziennaarelkaar.nl"))
    account = client.get("/my-account/").content.decode()
    assert "Huiskamer op zaterdag" in account  # the draft of De Kracht van Zuilen
