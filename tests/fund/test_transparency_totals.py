"""Every total of the transparency page equals what the ledger's entries add up to: per
municipality, funder, theme and year, each cell of the municipality × year table, with and
without filters; with several funders, an earmark, partial awards, payouts, a repayment and a
release at settlement (tests/fund/factories_transparency.py)."""

from collections import defaultdict
from collections.abc import Callable
from typing import Any

import pytest
from django.db.models import F, Q, Sum
from django.db.models.functions import ExtractYear
from django.http import QueryDict
from django.test import Client

from fund.ledger import derived_mismatches
from fund.models import Application, LedgerEntry
from fund.transparency import GrantFilter, Total, totals
from initiatives.models import Municipality
from tests.fund.factories_transparency import MoneyWorld, money_world

pytestmark = pytest.mark.django_db

Kind = LedgerEntry.Kind
PUBLIC = Q(grant__application__status=Application.Status.AWARDED)


@pytest.fixture
def world() -> MoneyWorld:
    built = money_world()
    assert list(derived_mismatches()) == []
    return built


def ledger_by(key: str, where: Q = PUBLIC) -> dict[Any, dict[str, int]]:
    """The entries' signed sums by `key` (a lookup from the entry), per figure of the page."""
    figures: dict[Any, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    rows = (
        LedgerEntry.objects.filter(where, grant__isnull=False)
        .values(group=ExtractYear("grant__awarded_on") if key == "year" else F(key))
        .values("group", "kind")
        .annotate(total=Sum("amount_cents"))
    )
    for row in rows:
        figure = {
            Kind.AWARD: "awarded",
            Kind.PAYOUT: "paid",
            Kind.REPAYMENT: "returned",
            Kind.RELEASE: "returned",
        }[row["kind"]]
        figures[row["group"]][figure] += row["total"]
    return figures


def page_figures(total: Total) -> dict[str, int]:
    return {"awarded": total.awarded, "paid": total.paid, "returned": total.returned}


def as_dict(totals_: list[Total], key: Callable[[Total], Any]) -> dict[Any, dict[str, int]]:
    return {key(total): page_figures(total) for total in totals_}


def of(figures: dict[Any, dict[str, int]]) -> dict[Any, dict[str, int]]:
    return {
        group: {name: values.get(name, 0) for name in ("awarded", "paid", "returned")}
        for group, values in figures.items()
    }


def found(query: str = "") -> Any:
    return totals(GrantFilter(QueryDict(query)))


def test_each_total_equals_the_ledgers_sums(world: MoneyWorld) -> None:
    result = found()
    everything = of(ledger_by("kind"))
    assert page_figures(result.overall) == {
        name: sum(values[name] for values in everything.values())
        for name in ("awarded", "paid", "returned")
    }
    assert page_figures(result.overall) == {
        "awarded": 5_500_00,
        "paid": 2_300_00,
        "returned": 200_00 + 500_00,
    }
    slugs = dict(Municipality.objects.values_list("pk", "slug"))
    by_municipality = {
        slugs[pk]: values for pk, values in of(ledger_by("grant__initiative__municipality")).items()
    }
    assert as_dict(result.by_municipality, lambda t: t.slug) == by_municipality
    assert by_municipality["amersfoort"] == {"awarded": 2_500_00, "paid": 1_000_00, "returned": 0}
    assert as_dict(result.by_funder, lambda t: t.slug) == of(
        ledger_by("contribution__funder__slug")
    )
    assert as_dict(result.by_funder, lambda t: t.slug)["gemeente-amersfoort"] == {
        "awarded": 500_00,
        "paid": 500_00,  # the earmarked money is paid first: it was taken first
        "returned": 0,
    }
    assert as_dict(result.by_theme, lambda t: t.slug or None) == of(
        ledger_by("grant__application__theme__slug")
    )
    assert as_dict(result.by_year, lambda t: int(t.label)) == of(ledger_by("year"))


def test_the_number_of_grants_per_total(world: MoneyWorld) -> None:
    result = found()
    assert result.overall.grants == 4
    assert {t.slug: t.grants for t in result.by_funder} == {
        "provincie-utrecht": 3,
        "gemeente-amersfoort": 1,
        "stichting-buurtkracht": 1,
    }
    assert {t.slug: t.grants for t in result.by_municipality} == {
        "amersfoort": 1,
        "utrecht": 2,
        "zeist": 1,
    }


def test_every_cell_of_the_matrix_equals_the_ledger(world: MoneyWorld) -> None:
    matrix = found().matrix
    awarded: dict[tuple[int, int], int] = defaultdict(int)
    for row in LedgerEntry.objects.filter(PUBLIC, kind=Kind.AWARD).values(
        "grant__initiative__municipality", "grant__awarded_on", "amount_cents"
    ):
        key = (row["grant__initiative__municipality"], row["grant__awarded_on"].year)
        awarded[key] += row["amount_cents"]
    assert len(matrix.rows) == Municipality.objects.count()
    for row in matrix.rows:
        for year, cents in zip(matrix.years, row.cells, strict=True):
            assert cents == awarded[(row.municipality.pk, year)]
        assert row.received_nothing == (row.total == 0)
    assert matrix.total == sum(awarded.values()) == 5_500_00
    assert matrix.without_grants == Municipality.objects.count() - 3


@pytest.mark.parametrize(
    ("query", "where"),
    [
        ("funder=provincie-utrecht", Q(contribution__funder__slug="provincie-utrecht")),
        ("funder=gemeente-amersfoort", Q(contribution__funder__slug="gemeente-amersfoort")),
        ("municipality=utrecht", Q(grant__initiative__municipality__slug="utrecht")),
        ("theme=eenzaamheid", Q(grant__application__theme__slug="eenzaamheid")),
        ("round=voorjaar", Q(grant__round__slug="voorjaar")),
        (
            "round=voorjaar&funder=provincie-utrecht&municipality=amersfoort",
            Q(grant__round__slug="voorjaar")
            & Q(contribution__funder__slug="provincie-utrecht")
            & Q(grant__initiative__municipality__slug="amersfoort"),
        ),
    ],
)
def test_filtered_totals_equal_the_ledgers_sums_of_those_grants(
    world: MoneyWorld, query: str, where: Q
) -> None:
    result = found(query)
    ledger = of(ledger_by("contribution__funder__slug", PUBLIC & where))
    assert as_dict(result.by_funder, lambda t: t.slug) == ledger
    overall = {
        name: sum(v[name] for v in ledger.values()) for name in ("awarded", "paid", "returned")
    }
    assert page_figures(result.overall) == overall
    assert result.matrix.total == overall["awarded"]


def test_a_year_filter_counts_that_year_only(world: MoneyWorld) -> None:
    year = world.grants["foundation"].awarded_on.year
    result = found(f"year={year}")
    assert result.matrix.years == [year]
    assert page_figures(result.overall) == {"awarded": 1_200_00, "paid": 0, "returned": 0}


def test_the_page_shows_the_ledgers_sums(client: Client, world: MoneyWorld) -> None:
    html = client.get("/fund/grants/").content.decode().replace("\xa0", " ")
    # The province's row: € 2.000 + € 1.000 + € 800 awarded; paid € 500 + € 1.000 + € 300 of it
    # (Amersfoort's first € 500 came from the earmarked money); € 200 + € 500 back.
    province = html[html.index('href="/fund/grants/?funder=provincie-utrecht"') :]
    province = province[: province.index("</tr>")]
    assert [cell.split(">")[-1] for cell in province.split("</td>")[:-1]] == [
        "3",
        "€ 3.800,00",
        "€ 1.800,00",
        "€ 700,00",
    ]
