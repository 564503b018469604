"""manage.py load_bench_fund: the benchmark's fund adds up (the ledger's check finds nothing),
its decision lists hold together, and it looks like a fund that works."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, F, Q
from django.test import Client

from fund import decision_list
from fund.ledger import derived_mismatches
from fund.models import (
    Application,
    Contribution,
    Decision,
    Grant,
    Payout,
    Recusal,
    Report,
    Review,
    Round,
)
from tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded() -> str:
    for number in range(1, 31):
        InitiativeFactory(name=f"Bench {number}", slug=f"bench-{number:06d}")
    out = StringIO()
    call_command("load_bench_fund", "30", stdout=out)
    return out.getvalue()


def test_the_bench_fund_adds_up_and_its_decision_lists_hold_together(loaded: str) -> None:
    assert list(derived_mismatches()) == []
    assert [str(found) for found in decision_list.verify()] == []
    assert Decision.objects.exists()
    assert not Round.objects.filter(awarded_cents__gt=F("budget_cents")).exists()
    # One contribution is earmarked, and its money paid for grants in its town only.
    earmarked = Contribution.objects.get(earmark_municipality__isnull=False)
    assert not earmarked.grant_fundings.exclude(
        grant__initiative__municipality=earmarked.earmark_municipality
    ).exists()


def test_the_bench_fund_has_everything_a_working_fund_leaves_behind(loaded: str) -> None:
    statuses = set(Application.objects.values_list("status", flat=True))
    assert statuses == {"draft", "submitted", "withdrawn", "awarded", "rejected"}
    assert set(Decision.objects.values_list("outcome", flat=True)) >= {"award", "reject"}
    assert Grant.objects.count() == Application.objects.filter(status="awarded").count()
    assert not Application.objects.filter(status="draft", revisions__isnull=False).exists()
    assert set(Payout.objects.values_list("status", flat=True)) >= {"approved"}
    assert not Payout.objects.filter(approved_by=F("proposed_by")).exists()
    assert Report.objects.filter(status="accepted").exists()
    assert Grant.objects.filter(status="settled").exists()
    # Decided applications had at least two reviews; nobody reviewed their own initiative's.
    decided = Application.objects.filter(status__in=["awarded", "rejected"])
    assert not decided.annotate(n=Count("reviews")).filter(n__lt=2).exists()
    assert not Review.objects.filter(
        reviewer__memberships__initiative=F("application__initiative")
    ).exists()
    assert not Recusal.objects.filter(
        Q(user__fund_reviews__application__decision=F("decision"))
    ).exists()
    assert "round page: /fund/rounds/bench-" in loaded
    assert "grant page: /fund/grants/" in loaded


def test_the_pages_of_the_bench_fund_answer(client: Client, loaded: str) -> None:
    lines = dict(line.split(": ", 1) for line in loaded.splitlines() if ": " in line)
    assert client.get("/fund/grants/").status_code == 200
    assert client.get(lines["grant page"]).status_code == 200
    round_ = Round.objects.get(slug=lines["round slug"])
    assert round_.closed_at is not None
    assert round_.decisions.exists()


def test_the_bench_fund_is_loaded_into_a_fresh_database_only(loaded: str) -> None:
    with pytest.raises(CommandError, match="fresh database"):
        call_command("load_bench_fund", "30", stdout=StringIO())
