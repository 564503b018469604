"""Where the network is and where it is not yet: the white spots matrix and the growth by year.

Both read aggregates only, so the number of queries stays the same however many initiatives
there are: the matrix takes three (municipalities with their totals, themes, counts per
municipality × theme) and the growth one.
"""

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from initiatives.models import Initiative, Municipality, Theme

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

# The chart shows at most this many years; earlier ones are counted in the first year shown.
MAX_YEARS = 25


@dataclass(frozen=True)
class Cell:
    municipality: Municipality
    theme: Theme
    count: int
    url: str

    @property
    def label(self) -> str:
        """What the count is of, for screen readers (gettext here is much cheaper per cell than
        a blocktranslate in the template: the matrix has ~300 cells)."""
        return _("on %(theme)s in %(municipality)s") % {
            "theme": self.theme.name,
            "municipality": self.municipality.name,
        }

    @property
    def is_white_spot(self) -> bool:
        return self.count == 0

    @property
    def level(self) -> int:
        """How dark the cell is shaded: 1 for one initiative, 2 for a few, 3 for five or more."""
        return 1 if self.count == 1 else 2 if self.count < 5 else 3


@dataclass(frozen=True)
class MatrixRow:
    municipality: Municipality
    cells: list[Cell]
    total: int
    url: str

    @property
    def white_spots(self) -> int:
        return sum(cell.is_white_spot for cell in self.cells)


@dataclass(frozen=True)
class ThemeTotal:
    theme: Theme
    count: int
    white_spots: int


@dataclass(frozen=True)
class Matrix:
    themes: list[Theme]
    rows: list[MatrixRow]
    theme_totals: list[ThemeTotal]

    @property
    def total(self) -> int:
        return sum(row.total for row in self.rows)

    @property
    def white_spots(self) -> int:
        return sum(row.white_spots for row in self.rows)

    @property
    def municipalities_with_initiatives(self) -> int:
        return sum(row.total > 0 for row in self.rows)

    @property
    def municipalities_without(self) -> list[Municipality]:
        return [row.municipality for row in self.rows if row.total == 0]


def directory_url(municipality: Municipality, theme: Theme | None = None) -> str:
    """The directory narrowed to a municipality (and a theme): where a count in the matrix leads."""
    query = {"municipality": municipality.slug}
    if theme is not None:
        query["theme"] = theme.slug
    return f"{reverse('initiatives:directory')}?{urlencode(query)}"


def _counts_per_cell() -> Counter[tuple[int, int]]:
    """Approved initiatives per (municipality id, theme id), in one aggregate query."""
    through = Initiative.themes.through
    rows = (
        through.objects.filter(initiative__status=Initiative.Status.APPROVED)
        .values_list("initiative__municipality_id", "theme_id")
        .annotate(count=Count("initiative_id"))
        .order_by()
    )
    return Counter({(municipality, theme): count for municipality, theme, count in rows})


class _Total(TypedDict):
    total: int


def _municipalities_with_totals() -> "list[WithAnnotations[Municipality, _Total]]":
    approved = Q(initiatives__status=Initiative.Status.APPROVED)
    # Explicit order: Meta.ordering does not apply to a query with GROUP BY.
    totals = Municipality.objects.annotate(total=Count("initiatives", filter=approved))
    return list(totals.order_by("name"))


def theme_matrix() -> Matrix:
    themes = list(Theme.objects.all())
    counts = _counts_per_cell()
    rows = [
        MatrixRow(
            municipality=municipality,
            cells=[
                Cell(
                    municipality,
                    theme,
                    counts[municipality.pk, theme.pk],
                    directory_url(municipality, theme),
                )
                for theme in themes
            ],
            total=municipality.total,
            url=directory_url(municipality),
        )
        for municipality in _municipalities_with_totals()
    ]
    return Matrix(themes=themes, rows=rows, theme_totals=_theme_totals(themes, rows))


def _theme_totals(themes: list[Theme], rows: list[MatrixRow]) -> list[ThemeTotal]:
    columns = list(zip(*(row.cells for row in rows), strict=True)) if rows else []
    return [
        ThemeTotal(
            theme=theme,
            count=sum(cell.count for cell in column),
            white_spots=sum(cell.is_white_spot for cell in column),
        )
        for theme, column in zip(themes, columns, strict=True)
    ]


@dataclass(frozen=True)
class YearCount:
    year: int
    new: int
    total: int
    includes_earlier: bool = False


@dataclass(frozen=True)
class Growth:
    years: list[YearCount]
    without_year: int

    @property
    def first(self) -> YearCount | None:
        return self.years[0] if self.years else None

    @property
    def last(self) -> YearCount | None:
        return self.years[-1] if self.years else None


def network_growth() -> Growth:
    """Approved initiatives by founding year, new and cumulative, up to this year."""
    rows = (
        Initiative.objects.approved()
        .values_list("founded_year")
        .annotate(count=Count("id"))
        .order_by()
    )
    founded = dict(rows)
    without_year = founded.pop(None, 0)
    return Growth(years=_cumulative(founded), without_year=without_year)


def _cumulative(founded: dict[int, int]) -> list[YearCount]:
    if not founded:
        return []
    last = max(*founded, timezone.now().year)
    first = max(min(founded), last - MAX_YEARS + 1)
    earlier = sum(count for year, count in founded.items() if year < first)
    years, total = [], earlier
    for year in range(first, last + 1):
        new = founded.get(year, 0) + (earlier if year == first else 0)
        total += founded.get(year, 0)
        years.append(YearCount(year, new, total, includes_earlier=year == first and earlier > 0))
    return years
