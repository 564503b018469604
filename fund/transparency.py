"""Where the fund's money went, in the open: the public list of grants, its filters, and the
totals per municipality, funder, theme and year (issue 9, point 9).

Only what is meant to be public: a grant of an awarded application, its initiative, round,
purpose (the application's title and summary), the money (kept columns, which the ledger's
entries add up to: fund/ledger.py) and whether its report was accepted. Never a person, a review
or an application that was not awarded.

Every total is one grouped query over the grants' fundings (`GrantFunding`: the money of one
contribution in one grant), so it is the database that adds up, and the totals per funder use
the same rows as the others. With a funder chosen, every total counts only that funder's money
(and the list shows the grants it paid for).

The pages (fund/views/transparency.py) and the downloads share `GrantFilter`, so each state of
the page has one address that also works for the CSV and JSON files.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any
from urllib.parse import urlencode

import django_filters
from django import forms
from django.contrib.sitemaps import Sitemap
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fund.models import (
    Application,
    Decision,
    Funder,
    Grant,
    GrantFunding,
    Recusal,
    Report,
    Round,
)
from initiatives.models import Municipality, Theme
from omzien.sitemaps import pages_sitemap, register_sitemap
from omzien.widgets import QuickSelect

PAGE_SIZE = 20
# The filters, in the order of the form and of a canonical query string.
FILTERS = ("year", "municipality", "funder", "theme", "round")


def public_grants() -> QuerySet[Grant]:
    """Every grant the public sees: those of awarded applications (no draft, withdrawn or
    rejected application is ever a grant)."""
    return Grant.objects.filter(application__status=Application.Status.AWARDED)


def grant_years() -> list[int]:
    """The years in which grants were awarded, newest first (one query)."""
    return [day.year for day in public_grants().dates("awarded_on", "year", order="DESC")]


def rounds_with_grants() -> QuerySet[Round]:
    return Round.objects.filter(Exists(public_grants().filter(round=OuterRef("pk")))).order_by(
        "-opens_on", "-pk"
    )


class GrantFilter(django_filters.FilterSet):
    """The grants narrowed down by year, municipality, funder, theme and round (slugs, and the
    year as a number). Bad values are ignored and reported on the form, never a server error."""

    year = django_filters.TypedChoiceFilter(
        label=_("Year"),
        choices=[],  # the years with grants, set in __init__
        coerce=int,
        method="filter_year",
    )
    municipality = django_filters.ModelChoiceFilter(
        label=_("Municipality"),
        field_name="initiative__municipality",
        queryset=Municipality.objects.order_by("name"),
        to_field_name="slug",
        empty_label=_("All municipalities"),
        widget=QuickSelect,
    )
    funder = django_filters.ModelChoiceFilter(
        label=_("Funder"),
        queryset=Funder.objects.order_by("name"),
        to_field_name="slug",
        empty_label=_("All funders"),
        method="filter_funder",
        widget=QuickSelect,
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"),
        field_name="application__theme",
        queryset=Theme.objects.order_by("name"),
        to_field_name="slug",
        empty_label=_("All themes"),
        widget=QuickSelect,
    )
    round = django_filters.ModelChoiceFilter(
        label=_("Round"),
        field_name="round",
        queryset=rounds_with_grants(),
        to_field_name="slug",
        empty_label=_("All rounds"),
        widget=QuickSelect,
    )

    class Meta:
        model = Grant
        fields: list[str] = []

    def __init__(self, data: Any = None, queryset: QuerySet | None = None, **kwargs: Any) -> None:
        super().__init__(data, queryset if queryset is not None else public_grants(), **kwargs)

    @cached_property
    def form(self) -> forms.Form:
        form = super().form
        # The years are read once, when the form is first needed (validating or showing it).
        field = form.fields["year"]
        field.choices = [("", _("All years")), *((year, str(year)) for year in grant_years())]
        return form

    def filter_year(self, queryset: QuerySet, name: str, value: int | None) -> QuerySet:
        return queryset.filter(awarded_on__year=value) if value else queryset

    def filter_funder(self, queryset: QuerySet, name: str, value: Funder | None) -> QuerySet:
        if value is None:
            return queryset
        paid_by = GrantFunding.objects.filter(grant=OuterRef("pk"), contribution__funder=value)
        return queryset.filter(Exists(paid_by))

    @property
    def active(self) -> dict[str, Any]:
        """The chosen filters that hold, by name."""
        self.form.is_valid()
        return {k: v for k, v in self.form.cleaned_data.items() if v not in (None, "")}

    @property
    def chosen_funder(self) -> Funder | None:
        return self.active.get("funder")

    def listed(self) -> QuerySet[Grant]:
        """The grants to list, newest first, with what a row shows."""
        return self.qs.select_related(
            "initiative__municipality", "round", "application__theme", "report"
        ).order_by("-awarded_on", "-pk")

    def fundings(self) -> QuerySet[GrantFunding]:
        """The money in the chosen grants; with a funder chosen, only that funder's."""
        fundings = GrantFunding.objects.filter(grant__in=self.qs.order_by().values("pk"))
        if self.chosen_funder is not None:
            fundings = fundings.filter(contribution__funder=self.chosen_funder)
        return fundings


def canonical_query(data: Any, **changes: object) -> str:
    """The filters of a query string in a fixed order, without the page (url-encoded): what the
    totals depend on, so every page of one filter state shares their cached copy. `changes` sets
    (or, with "" or None, drops) a filter."""
    pairs = []
    for name in FILTERS:
        value = changes[name] if name in changes else data.get(name, "")
        text = "" if value is None else str(value).strip()[:100]
        if text:
            pairs.append((name, text))
    return urlencode(pairs)


# --- The totals ---

MONEY = {
    "grants": Count("grant", distinct=True),
    "awarded": Coalesce(Sum("amount_cents"), 0, output_field=IntegerField()),
    "paid": Coalesce(Sum("paid_cents"), 0, output_field=IntegerField()),
    "repaid": Coalesce(Sum("repaid_cents"), 0, output_field=IntegerField()),
    "released": Coalesce(Sum("released_cents"), 0, output_field=IntegerField()),
}


@dataclass(frozen=True)
class Total:
    """The money of some grants: awarded, paid out, and back to the fund (paid back, or never
    paid out and released at settlement)."""

    label: str = ""
    slug: str = ""
    grants: int = 0
    awarded: int = 0
    paid: int = 0
    repaid: int = 0
    released: int = 0

    @property
    def returned(self) -> int:
        return self.repaid + self.released

    @classmethod
    def of(cls, row: dict[str, Any], label: str = "", slug: str = "") -> "Total":
        return cls(label, slug, *(row[name] for name in MONEY))


@dataclass(frozen=True)
class MatrixRow:
    municipality: Municipality
    cells: list[int]  # awarded cents per year, in the order of Matrix.years
    total: int

    @property
    def received_nothing(self) -> bool:
        return self.total == 0


@dataclass(frozen=True)
class Matrix:
    """Awarded euros per municipality (all of the province's, those with nothing too) and year."""

    years: list[int]
    rows: list[MatrixRow]
    year_totals: list[int]
    total: int

    @property
    def without_grants(self) -> int:
        return sum(1 for row in self.rows if row.received_nothing)


@dataclass
class Totals:
    overall: Total
    by_municipality: list[Total]
    by_funder: list[Total]
    by_theme: list[Total]
    by_year: list[Total]
    matrix: Matrix
    funder: Funder | None = None


def _grouped(fundings: QuerySet[GrantFunding], *keys: str, **named: Any) -> list[dict[str, Any]]:
    return list(fundings.order_by().values(*keys, **named).annotate(**MONEY))


def totals(filterset: GrantFilter) -> Totals:
    """Seven grouped queries (the municipalities included), however many grants there are."""
    fundings = filterset.fundings()
    overall = Total.of(fundings.aggregate(**MONEY))
    by_municipality = [
        Total.of(
            row,
            row["grant__initiative__municipality__name"],
            row["grant__initiative__municipality__slug"],
        )
        for row in _grouped(
            fundings,
            "grant__initiative__municipality__name",
            "grant__initiative__municipality__slug",
        )
    ]
    by_municipality.sort(key=lambda t: (-t.awarded, t.label))
    by_funder = [
        Total.of(row, row["contribution__funder__name"], row["contribution__funder__slug"])
        for row in _grouped(fundings, "contribution__funder__name", "contribution__funder__slug")
    ]
    by_funder.sort(key=lambda t: (-t.awarded, t.label))
    by_theme = [
        Total.of(
            row,
            row["grant__application__theme__name"] or "",
            row["grant__application__theme__slug"] or "",
        )
        for row in _grouped(
            fundings, "grant__application__theme__name", "grant__application__theme__slug"
        )
    ]
    # Grants without a theme last.
    by_theme.sort(key=lambda t: (not t.slug, -t.awarded, t.label))
    by_year = [
        Total.of(row, str(row["year"]))
        for row in _grouped(fundings, year=ExtractYear("grant__awarded_on"))
    ]
    by_year.sort(key=lambda t: t.label, reverse=True)
    return Totals(
        overall=overall,
        by_municipality=by_municipality,
        by_funder=by_funder,
        by_theme=by_theme,
        by_year=by_year,
        matrix=matrix(fundings, filterset),
        funder=filterset.chosen_funder,
    )


def matrix(fundings: QuerySet[GrantFunding], filterset: GrantFilter) -> Matrix:
    """Every municipality of the province by every year from the first grant to this one (or
    the chosen year): the awarded cents, added up by the database."""
    cells = {
        (row["grant__initiative__municipality"], row["year"]): row["awarded"]
        for row in fundings.order_by()
        .values("grant__initiative__municipality", year=ExtractYear("grant__awarded_on"))
        .annotate(awarded=Sum("amount_cents"))
    }
    chosen = filterset.active.get("year")
    if chosen:
        years = [chosen]
    else:
        found = grant_years_of(cells)
        this_year = timezone.localdate().year
        years = list(range(min(found), max(*found, this_year) + 1)) if found else []
    rows = []
    for municipality in Municipality.objects.order_by("name"):
        amounts = [cells.get((municipality.pk, year), 0) for year in years]
        rows.append(MatrixRow(municipality, amounts, sum(amounts)))
    year_totals = [sum(row.cells[i] for row in rows) for i in range(len(years))]
    return Matrix(years, rows, year_totals, sum(year_totals))


def grant_years_of(cells: dict[tuple[int, int], int]) -> list[int]:
    return sorted({year for _municipality, year in cells})


# --- What a grant shows ---


def earmark_text(municipality: str | None, theme: str | None) -> str:
    """ "geoormerkt voor Amersfoort", "... voor het thema Eenzaamheid", or both; "" without."""
    if municipality and theme:
        return str(
            _("earmarked for %(municipality)s and the theme %(theme)s")
            % {"municipality": municipality, "theme": theme}
        )
    if municipality:
        return str(_("earmarked for %(municipality)s") % {"municipality": municipality})
    if theme:
        return str(_("earmarked for the theme %(theme)s") % {"theme": theme})
    return ""


def fundings_with_funders(grants: Iterable[Grant]) -> dict[int, list[GrantFunding]]:
    """The money of each grant by grant id, with its funder and earmark (one query)."""
    by_grant: dict[int, list[GrantFunding]] = {}
    for funding in (
        GrantFunding.objects.filter(grant__in=[grant.pk for grant in grants])
        .select_related(
            "contribution__funder",
            "contribution__earmark_municipality",
            "contribution__earmark_theme",
        )
        .order_by("grant", "pk")
    ):
        contribution = funding.contribution
        funding.earmark = earmark_text(  # type: ignore[attr-defined]
            contribution.earmark_municipality.name if contribution.earmark_municipality else None,
            contribution.earmark_theme.name if contribution.earmark_theme else None,
        )
        funding.returned_cents = funding.repaid_cents + funding.released_cents  # type: ignore[attr-defined]
        by_grant.setdefault(funding.grant_id, []).append(funding)
    return by_grant


def recusal_counts(decision: Decision) -> list[tuple[str, int]]:
    """How many of the committee took no part in a decision, by reason (never who: one query)."""
    labels = dict(Recusal.Reason.choices)
    rows = decision.recusals.order_by("reason").values_list("reason").annotate(count=Count("pk"))
    return [(str(labels.get(reason, reason)), count) for reason, count in rows]


def report_accepted(grant: Grant) -> bool:
    """Whether the grant's report was accepted (a grant loaded with select_related("report"))."""
    report = getattr(grant, "report", None)
    return report is not None and report.status == Report.Status.ACCEPTED


# --- The downloads ---


def euro_string(cents: int) -> str:
    """Cents as euros for a download: 125050 -> "1250.50" (a string, never a float)."""
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(int(cents)), 100)
    return f"{sign}{whole}.{part:02d}"


def export_grants(filterset: GrantFilter) -> Iterator[tuple[Grant, list[GrantFunding]]]:
    """Every chosen grant with its money, in chunks: one query for a chunk's grants and one for
    their fundings, so a large download never holds all grants at once."""
    chunk = 1000
    grants = filterset.listed()
    last: tuple[date, int] | None = None
    while True:
        batch = grants
        if last is not None:
            day, pk = last
            batch = grants.filter(Q(awarded_on__lt=day) | Q(awarded_on=day, pk__lt=pk))
        rows = list(batch[:chunk])
        if not rows:
            return
        money = fundings_with_funders(rows)
        for grant in rows:
            yield grant, money.get(grant.pk, [])
        last = (rows[-1].awarded_on, rows[-1].pk)


# --- The sitemap ---


class GrantSitemap(Sitemap):
    """Every public grant's page (fund:grant)."""

    changefreq = "monthly"

    def items(self) -> QuerySet[Grant]:
        return public_grants().only("pk").order_by("pk")


def register() -> None:
    """The grants in sitemap.xml: the transparency page and every grant's page."""
    register_sitemap("fund-grant-pages", pages_sitemap("fund:grants"))
    register_sitemap("fund-grants", GrantSitemap)
