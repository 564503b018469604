"""The committee's page: per open round, what a member has to review (no conflict, not reviewed
by them yet) and what is ready to decide (the round's rule met), ranked by weighted score, with
the first-timer priority; and the same as two per-person queues on the work overview."""

from collections.abc import Callable

import pytest
from django.db.models import Sum
from django.test import Client

from accounts.models import User
from fund.committee import candidates, to_decide, to_review
from fund.models import LedgerEntry
from initiatives.models import Membership
from tests.factories import InitiativeFactory
from tests.fund.factories import RoundFactory, awarded_grant, submitted_application
from tests.fund.factories_decisions import committee_member, ready_application, review, tie

pytestmark = pytest.mark.django_db


def fresh(user: User) -> User:
    """The person as a new request sees them: nothing kept on the object."""
    return User.objects.get(pk=user.pk)


def test_to_review_leaves_out_conflicts_and_what_was_reviewed(fund_committee: User) -> None:
    round_ = RoundFactory(budget_cents=5_000_00)
    fresh_one = submitted_application(round=round_, title="Nog te doen")
    drafted = submitted_application(round=round_, title="Half gedaan")
    review(drafted, fund_committee, submitted=False)
    done = submitted_application(round=round_, title="Al gedaan")
    review(done, fund_committee)
    mine = submitted_application(round=round_, title="Van mijn initiatief")
    Membership.objects.create(initiative=mine.initiative, user=fund_committee)
    tied = submitted_application(round=round_, title="Met een band")
    tie(fund_committee, tied.initiative)
    closed = RoundFactory(budget_cents=1_000_00)
    submitted_application(round=closed, title="Oude ronde")
    closed.closed_at = closed.created_at
    closed.save()

    found = candidates(fresh(fund_committee))
    assert {c.application for c in to_review(found)} == {fresh_one, drafted}
    assert {c.application for c in found if c.conflicts} == {mine, tied}

    page = Client()
    page.force_login(fund_committee)
    content = page.get("/fund/committee/").content.decode()
    assert "Nog te doen" in content
    assert "Half gedaan" in content
    assert "je concept is opgeslagen" in content
    assert "Hier doe je niet aan mee" in content
    assert "Van mijn initiatief" in content
    assert "Oude ronde" not in content


def test_to_decide_is_ranked_by_score_with_first_timers_first(fund_committee: User) -> None:
    other = committee_member()
    round_ = RoundFactory(budget_cents=5_000_00, first_timers_first=True)
    # Scores per criterion (weights 2 and 1).
    low = ready_application([fund_committee, other], [2, 2], round=round_, title="Laag")
    high = ready_application([fund_committee, other], [5, 5], round=round_, title="Hoog")
    veteran = InitiativeFactory()
    awarded_grant(initiative=veteran, round=RoundFactory(budget_cents=1_000_00))
    best_veteran = ready_application(
        [fund_committee, other], [5, 5], round=round_, initiative=veteran, title="Ervaren"
    )
    half = submitted_application(round=round_, title="Een beoordeling")
    review(half, other)

    found = candidates(fresh(fund_committee))
    ranked = to_decide(found)
    assert [c.application for c in ranked] == [high, low, best_veteran]
    assert [str(c.score) for c in ranked] == ["5.0", "2.0", "5.0"]
    assert [c.priority for c in ranked] == [True, True, False]

    client = Client()
    client.force_login(fund_committee)
    content = client.get("/fund/committee/").content.decode()
    assert "nog nooit geld gekregen" in content
    assert "score 5,0 uit 2 beoordelingen" in content
    assert content.index("Hoog") < content.index("Laag") < content.index("Ervaren")
    assert "Een beoordeling" in content  # to review, not to decide

    # Without the priority, the score alone ranks.
    round_.first_timers_first = False
    round_.save()
    ranked = to_decide(candidates(fresh(fund_committee)))
    assert [c.application for c in ranked] == [high, best_veteran, low]
    assert not any(c.priority for c in ranked)


def test_the_rounds_money_on_the_page_is_the_ledgers(fund_committee: User) -> None:
    round_ = RoundFactory(budget_cents=3_000_00)
    awarded_grant(cents=1_250_00, round=round_)
    entries = LedgerEntry.objects.filter(round=round_)
    budget = entries.filter(kind="round_budget").aggregate(s=Sum("amount_cents"))["s"]
    awarded = entries.filter(kind="award").aggregate(s=Sum("amount_cents"))["s"]
    assert (budget, awarded) == (3_000_00, 1_250_00)
    client = Client()
    client.force_login(fund_committee)
    content = client.get("/fund/committee/").content.decode()
    assert "Budget €\xa03.000,00, toegekend €\xa01.250,00, over €\xa01.750,00." in content


def test_the_committee_page_costs_the_same_queries_for_few_and_many(
    fund_committee: User, django_assert_max_num_queries: Callable
) -> None:
    other = committee_member()
    rounds = [RoundFactory(budget_cents=5_000_00) for _ in range(2)]

    def add(n: int) -> None:
        for i in range(n):
            application = ready_application([other], [4, 3], round=rounds[i % 2])
            application.co_applicants.add(InitiativeFactory())
            if i % 3 == 0:
                review(application, fund_committee)
            if i % 4 == 0:
                tie(fund_committee, application.initiative)

    client = Client()
    client.force_login(fund_committee)

    def count() -> int:
        with django_assert_max_num_queries(30) as queries:
            assert client.get("/fund/committee/").status_code == 200
        return len(queries)

    add(2)
    count()  # the first request of a session reads a few things once
    few = count()
    add(30)
    assert count() == few


def test_the_queues_are_on_the_work_overview_per_person(
    fund_committee: User, coordinator: User, django_assert_max_num_queries: Callable
) -> None:
    other = committee_member()
    ready = ready_application([fund_committee, other], title="Klaar voor besluit")
    waiting = submitted_application(title="Wacht op jou")
    client = Client()
    client.force_login(fund_committee)
    content = client.get("/coordination/").content.decode()
    assert "Te beoordelen" in content
    assert "Te besluiten" in content
    assert "Wacht op jou" in content
    assert "Klaar voor besluit" in content
    assert f"/fund/applications/{ready.pk}/decide/" in content
    assert f"/fund/applications/{waiting.pk}/review/" in content
    # Not the same for someone with a conflict.
    client.force_login(other)
    Membership.objects.create(initiative=waiting.initiative, user=other)
    assert "Wacht op jou" not in client.get("/coordination/").content.decode()
    # Coordinators do not see the fund's queues.
    client.force_login(coordinator)
    assert "Te besluiten" not in client.get("/coordination/").content.decode()
    client.force_login(fund_committee)
    assert client.get("/coordination/fund-to-decide/").status_code == 200


def test_only_the_committee_opens_its_page(
    login: Callable[[User], Client], treasurer: User, member: User
) -> None:
    for person in (treasurer, member):
        response = login(person).get("/fund/committee/")
        assert response.status_code == 403
        assert "Dit mag alleen een lid van de fondscommissie." in response.content.decode()
