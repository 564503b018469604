"""The public pages of rounds: the list and a round's page show the kept figures, which equal the
ledger's sums; whose money is in a round and what is earmarked; the rules in plain Dutch; never a
draft; the same number of queries with few and many applications."""

import re
from collections.abc import Callable
from datetime import date

import pytest
from django.db import connection
from django.db.models import Sum
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.formats import date_format

from accounts.models import User
from fund.allocation import add_to_budget, release_round
from fund.models import Application, LedgerEntry, Round
from initiatives.models import Municipality
from tests.fund.factories import (
    ApplicationFactory,
    ContributionFactory,
    FunderFactory,
    RoundFactory,
    awarded_grant,
    submitted_application,
)
from tests.fund.factories_rounds import day

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]

HOSTILE = '<script>alert("x")</script> =HYPERLINK("http://x") ' + "Lang" * 40


def text(response: HttpResponse) -> str:
    return response.content.decode().replace("\u00a0", " ")


def euro(cents: int) -> str:
    whole, part = divmod(cents, 100)
    return f"€ {whole:,}".replace(",", ".") + f",{part:02d}"


def long_date(value: date) -> str:
    from django.utils import translation

    with translation.override("nl"):
        return date_format(value, "j F Y")


def ledger_figures(round_: Round) -> tuple[int, int]:
    """The round's budget and awarded money, as the ledger's entries add up."""

    def total(kind: str) -> int:
        return (
            LedgerEntry.objects.filter(round=round_, kind=kind).aggregate(t=Sum("amount_cents"))[
                "t"
            ]
            or 0
        )

    kinds = LedgerEntry.Kind
    return total(kinds.ROUND_BUDGET) - total(kinds.ROUND_RELEASE), total(kinds.AWARD)


def test_the_list_groups_rounds_by_open_coming_and_closed_with_their_figures(
    client: Client,
) -> None:
    open_round = RoundFactory(name="Voorjaar", opens_on=day(-5), closes_on=day(20))
    upcoming = RoundFactory(name="Najaar", opens_on=day(40), closes_on=day(70))
    closed = RoundFactory(
        name="Vorig jaar", opens_on=day(-90), closes_on=day(-30), budget_cents=8_000_00
    )
    awarded_grant(cents=2_500_00, round=closed)
    release_round(closed, by=None)
    deciding = RoundFactory(name="Bijna klaar", opens_on=day(-60), closes_on=day(-1))
    open_round.refresh_from_db()
    page = text(client.get("/fund/rounds/"))
    opened, coming, past = (
        page.index("Nu open"),
        page.index("Binnenkort"),
        page.index("Gesloten voor aanvragen"),
    )
    assert opened < page.index("Voorjaar") < coming < page.index("Najaar") < past
    assert past < page.index("Vorig jaar")
    assert past < page.index("Bijna klaar")
    assert f"Aanvragen tot en met {long_date(open_round.closes_on)}" in page
    assert (
        f"Open van {long_date(upcoming.opens_on)} tot en met {long_date(upcoming.closes_on)}"
        in page
    )
    assert f"Gesloten op {long_date(deciding.closes_on)}; de commissie besluit nu" in page
    assert f"Gesloten op {long_date(closed.closes_on)}; alle besluiten zijn genomen" in page
    closed.refresh_from_db()
    assert (
        ledger_figures(closed)
        == (closed.budget_cents, closed.awarded_cents)
        == (
            2_500_00,
            2_500_00,
        )
    )
    assert euro(2_500_00) in page


def test_the_committee_finds_the_way_to_open_a_round(client: Client, fund_committee: User) -> None:
    assert "/fund/rounds/new/" not in text(client.get("/fund/rounds/"))
    client.force_login(fund_committee)
    assert "/fund/rounds/new/" in text(client.get("/fund/rounds/"))


def test_the_round_page_shows_the_money_as_the_ledger_adds_it_up(client: Client) -> None:
    amersfoort = Municipality.objects.get(name="Amersfoort")
    province = FunderFactory(name="Provincie Utrecht", slug="provincie-utrecht")
    town = FunderFactory(name="Gemeente Amersfoort", slug="gemeente-amersfoort")
    general = ContributionFactory(funder=province, amount_cents=30_000_00)
    earmarked = ContributionFactory(
        funder=town, amount_cents=5_000_00, earmark_municipality=amersfoort
    )
    round_ = RoundFactory(
        name="Voorjaar 2027", budget_cents=15_000_00, budget_cents__contributions=[general]
    )
    add_to_budget(round_, 5_000_00, by=None, contributions=[earmarked])
    awarded_grant(cents=1_234_56, round=round_)
    round_.refresh_from_db()
    budget, awarded = ledger_figures(round_)
    assert (budget, awarded) == (round_.budget_cents, round_.awarded_cents)
    page = text(client.get(round_.get_absolute_url()))
    for label, cents in (
        ("Budget", budget),
        ("Toegekend", awarded),
        ("Nog beschikbaar", budget - awarded),
    ):
        assert re.search(rf"{label}</dt>\s*<dd>\s*{re.escape(euro(cents))}", page), label
    # (A link to the funder's page once the money part adds it.)
    assert re.search(r"Provincie Utrecht(</a>)?: € 15\.000,00", page)
    assert re.search(r"Gemeente Amersfoort(</a>)?: € 5\.000,00", page)
    assert "€ 5.000,00 hiervan is alleen voor initiatieven in Amersfoort" in page


def test_the_round_page_explains_criteria_scores_caps_and_priority(client: Client) -> None:
    round_ = RoundFactory(
        criteria=[("Past bij de buurt", 3), ("Haalbaar plan", 1)],
        max_per_application_cents=2_500_00,
        max_grants_per_year=1,
        max_cents_per_year=4_000_00,
        first_timers_first=True,
        min_reviews=3,
        decisions_by=day(50),
    )
    page = text(client.get(round_.get_absolute_url()))
    assert "een score van 1 (zwak) tot 5 (sterk)" in page
    assert "Past bij de buurt" in page
    assert "75%" in page
    assert "25%" in page
    assert "om hoogstens <strong>€ 2.500,00</strong> vragen" in page
    assert "hoogstens <strong>1 toekenning</strong> van het fonds" in page
    assert "hoogstens <strong>€ 4.000,00</strong> van het fonds" in page
    assert "nog nooit geld van het fonds kregen, gaan voor" in page
    assert "Minstens 3 leden van de commissie beoordelen elke aanvraag" in page
    assert f"Open voor aanvragen tot en met {long_date(round_.closes_on)}." in page
    assert long_date(round_.decisions_by) in page


def test_a_round_without_caps_says_nothing_about_them(client: Client) -> None:
    round_ = RoundFactory(min_reviews=1)
    page = text(client.get(round_.get_absolute_url()))
    assert "per kalenderjaar" not in page
    assert "gaan voor." not in page
    assert "Minstens 1 lid van de commissie beoordeelt" in page


def test_the_count_of_applications_never_counts_drafts_or_withdrawn_ones(
    client: Client,
) -> None:
    round_ = RoundFactory(budget_cents=20_000_00)
    ApplicationFactory(round=round_)
    ApplicationFactory(round=round_)
    submitted_application(round=round_)
    withdrawn = submitted_application(round=round_)
    Application.objects.filter(pk=withdrawn.pk).update(status=Application.Status.WITHDRAWN)
    awarded_grant(round=round_)
    page = text(client.get(round_.get_absolute_url()))
    assert "2 ingediend" in page
    # A new submission shows at once: the cached part moves with the content version.
    submitted_application(round=round_)
    assert "3 ingediend" in text(client.get(round_.get_absolute_url()))


def test_hostile_text_in_every_field_shows_as_text(client: Client) -> None:
    funder = FunderFactory(name=f"Fonds {HOSTILE}"[:120], slug="fonds-x")
    contribution = ContributionFactory(funder=funder, amount_cents=10_000_00)
    round_ = RoundFactory(
        name=HOSTILE[:120],
        slug="vijandig",
        description=HOSTILE,
        criteria=[(HOSTILE[:120], 1)],
        budget_cents=1_000_00,
        budget_cents__contributions=[contribution],
    )
    for url in (round_.get_absolute_url(), "/fund/rounds/"):
        page = client.get(url).content.decode()
        assert "<script>alert" not in page
        assert "&lt;script&gt;alert" in page


def test_the_phases_of_a_round_on_its_page(client: Client) -> None:
    upcoming = RoundFactory(opens_on=day(3), closes_on=day(30))
    deciding = RoundFactory(opens_on=day(-30), closes_on=day(-1))
    closed = RoundFactory(opens_on=day(-60), closes_on=day(-30), budget_cents=1_000_00)
    release_round(closed, by=None)
    assert f"Gaat open voor aanvragen op {long_date(upcoming.opens_on)}." in text(
        client.get(upcoming.get_absolute_url())
    )
    assert "De commissie besluit nu." in text(client.get(deciding.get_absolute_url()))
    page = text(client.get(closed.get_absolute_url()))
    assert "Deze ronde is gesloten" in page
    assert "Terug naar het fonds" in page
    assert "€ 1.000,00" in page


def test_the_committee_sees_its_tools_and_nobody_else_does(
    client: Client, fund_committee: User, treasurer: User
) -> None:
    round_ = RoundFactory()
    assert "/edit/" not in text(client.get(round_.get_absolute_url()))
    client.force_login(treasurer)
    assert "/edit/" not in text(client.get(round_.get_absolute_url()))
    client.force_login(fund_committee)
    page = text(client.get(round_.get_absolute_url()))
    for tool in ("edit", "budget", "close"):
        assert f"/fund/rounds/{round_.slug}/{tool}/" in page


def test_a_round_that_does_not_exist_is_not_found(client: Client) -> None:
    assert client.get("/fund/rounds/bestaat-niet/").status_code == 404


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("persona", ["visitor", "member", "fund_committee"])
def test_the_round_page_costs_the_same_queries_with_few_and_many_applications(
    client: Client,
    persona: str,
    request: pytest.FixtureRequest,
    django_assert_max_num_queries: Callable,
) -> None:
    if persona != "visitor":
        client.force_login(request.getfixturevalue(persona))
    few = RoundFactory(name="Weinig", budget_cents=50_000_00)
    many = RoundFactory(
        name="Veel", budget_cents=50_000_00, criteria=[(f"C{i}", 1) for i in range(8)]
    )
    for round_, count in ((few, 1), (many, 25)):
        for index in range(count):
            submitted_application(round=round_)
            ApplicationFactory(round=round_)
            if index % 3 == 0:
                awarded_grant(cents=100_00, round=round_)
        ContributionFactory(amount_cents=1_000_00)
    # Many funders' money in the many round.
    for _ in range(6):
        contribution = ContributionFactory(amount_cents=500_00)
        add_to_budget(many, 500_00, by=None, contributions=[contribution])
    client.get("/fund/rounds/")  # the session's first request reads more
    cold = [_queries(client, r.get_absolute_url()) for r in (few, many)]
    warm = [_queries(client, r.get_absolute_url()) for r in (few, many)]
    assert cold[0] == cold[1], cold
    assert warm[0] == warm[1], warm
    with django_assert_max_num_queries(12):
        client.get(many.get_absolute_url())


def test_the_list_costs_the_same_queries_with_few_and_many_rounds(client: Client) -> None:
    RoundFactory(budget_cents=1_000_00)
    few = _queries(client, "/fund/rounds/")
    for offset in range(15):
        RoundFactory(opens_on=day(-100 + offset), closes_on=day(-50 + offset * 5))
    many = _queries(client, "/fund/rounds/")
    assert few == many, (few, many)
