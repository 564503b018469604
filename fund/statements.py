"""What the money pages show: the fund as a whole, each funder's statement, and the ledger.

Every figure here is a sum of ledger entries or of the columns kept from them, never typed in and
never a float; each is read in a fixed number of queries, however many rows there are.

Where money is, by the ledger's entries (see fund/models.py LedgerEntry for what each moves):

    in the fund (in no round)    = contributions - round budgets + round releases
                                   + repayments + releases
    in a round, not yet awarded  = round budgets - round releases - awards
    awarded, not yet paid out    = awards - payouts - releases
    paid out                     = payouts - repayments

and the four add up to what came in (the contributions, less their reversals).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from fund.models import (
    Contribution,
    Funder,
    Grant,
    GrantFunding,
    LedgerEntry,
    Round,
    RoundFunding,
)
from initiatives.models import Municipality, Theme

Kind = LedgerEntry.Kind


def earmark_text(municipality: str | None, theme: str | None) -> str:
    """An earmark in plain words: "alleen voor initiatieven in Amersfoort"; "" without one."""
    if municipality and theme:
        return _("only for initiatives in %(municipality)s, on the theme %(theme)s") % {
            "municipality": municipality,
            "theme": theme,
        }
    if municipality:
        return _("only for initiatives in %(municipality)s") % {"municipality": municipality}
    if theme:
        return _("only for the theme %(theme)s") % {"theme": theme}
    return ""


def theme_name(name: str | None, name_en: str | None) -> str | None:
    """A theme's name in the page's language, from values() rows (see Label.display_name)."""
    return (get_language() == "en" and name_en) or name


def contribution_earmark(contribution: Contribution) -> str:
    """The earmark of a contribution loaded with its municipality and theme."""
    municipality: Municipality | None = contribution.earmark_municipality
    theme: Theme | None = contribution.earmark_theme
    return earmark_text(
        municipality.name if municipality else None, theme.display_name if theme else None
    )


@dataclass(frozen=True)
class Split:
    """What came in, and where it is now (the module's docstring); from entries summed per kind."""

    came_in: int
    in_fund: int
    in_rounds: int
    awarded_unpaid: int
    paid_out: int
    awarded: int
    returned: int

    @classmethod
    def of(cls, by_kind: dict[str, int]) -> "Split":
        s = defaultdict(int, by_kind)
        return cls(
            came_in=s[Kind.CONTRIBUTION],
            in_fund=s[Kind.CONTRIBUTION]
            - s[Kind.ROUND_BUDGET]
            + s[Kind.ROUND_RELEASE]
            + s[Kind.REPAYMENT]
            + s[Kind.RELEASE],
            in_rounds=s[Kind.ROUND_BUDGET] - s[Kind.ROUND_RELEASE] - s[Kind.AWARD],
            awarded_unpaid=s[Kind.AWARD] - s[Kind.PAYOUT] - s[Kind.RELEASE],
            paid_out=s[Kind.PAYOUT] - s[Kind.REPAYMENT],
            awarded=s[Kind.AWARD],
            # Awarded and then not used: back to the fund (released or paid back).
            returned=s[Kind.RELEASE] + s[Kind.REPAYMENT],
        )


def sums_by_kind(entries: QuerySet[LedgerEntry]) -> dict[str, int]:
    """The signed sum of these entries per kind (one query); reversals count against."""
    return {
        row["kind"]: row["total"]
        for row in entries.order_by().values("kind").annotate(total=Sum("amount_cents"))
    }


# --- the fund as a whole (the treasurers' page) ---


@dataclass
class Holding:
    earmark: str  # "" for general money
    cents: int


@dataclass
class FundHoldings:
    """What the fund holds outside the rounds, general and per earmark, and the open rounds."""

    total: int = 0
    general: int = 0
    earmarked: list[Holding] = field(default_factory=list)

    @classmethod
    def now(cls) -> "FundHoldings":
        holdings = cls()
        rows = (
            Contribution.objects.filter(unallocated_cents__gt=0)
            .order_by()
            .values(
                "earmark_municipality__name",
                "earmark_theme__name",
                "earmark_theme__name_en",
            )
            .annotate(cents=Sum("unallocated_cents"))
        )
        for row in rows:
            holdings.total += row["cents"]
            text = earmark_text(
                row["earmark_municipality__name"],
                theme_name(row["earmark_theme__name"], row["earmark_theme__name_en"]),
            )
            if text:
                holdings.earmarked.append(Holding(text, row["cents"]))
            else:
                holdings.general += row["cents"]
        holdings.earmarked.sort(key=lambda h: h.earmark)
        return holdings


def open_rounds() -> QuerySet[Round]:
    """The rounds not closed yet, with their kept figures (budget, awarded)."""
    return Round.objects.filter(closed_at=None).order_by("closes_on", "pk")


def contributions_listed() -> QuerySet[Contribution]:
    return Contribution.objects.select_related(
        "funder", "earmark_municipality", "earmark_theme"
    ).order_by("-received_on", "-pk")


# --- a funder's statement ---


@dataclass
class Group:
    name: str
    grants: int
    awarded: int
    paid_out: int


@dataclass
class RoundShare:
    round: Round
    reserved: int
    awarded: int

    @property
    def left(self) -> int:
        return self.reserved - self.awarded


class FunderStatement:
    """Everything a funder's statement page shows. Each part is read when the page first asks
    for it, in one query (the page keeps its rendered parts under the content version)."""

    def __init__(self, funder: Funder) -> None:
        self.funder = funder

    def _entries(self) -> QuerySet[LedgerEntry]:
        return LedgerEntry.objects.filter(contribution__funder=self.funder)

    @cached_property
    def split(self) -> Split:
        return Split.of(sums_by_kind(self._entries()))

    @cached_property
    def contributions(self) -> list[Contribution]:
        """What came in, by date received (newest first), with the earmark in words."""
        contributions = list(
            self.funder.contributions.select_related(
                "earmark_municipality", "earmark_theme"
            ).order_by("-received_on", "-pk")
        )
        for contribution in contributions:
            contribution.earmark_text = contribution_earmark(contribution)  # type: ignore[attr-defined]
        return contributions

    @cached_property
    def earmarked_in_fund(self) -> int:
        return sum(
            c.unallocated_cents
            for c in self.contributions
            if c.is_earmarked and c.reversed_at is None
        )

    @cached_property
    def rounds(self) -> list[RoundShare]:
        """The rounds that hold (or held) this funder's money, with what they still have of it."""
        rows = (
            RoundFunding.objects.filter(contribution__funder=self.funder)
            .order_by()
            .values("round")
            .annotate(reserved=Sum("reserved_cents"), awarded=Sum("awarded_cents"))
        )
        figures = {row["round"]: row for row in rows}
        rounds = Round.objects.filter(pk__in=list(figures)).order_by("-opens_on", "-pk")
        return [
            RoundShare(r, figures[r.pk]["reserved"], figures[r.pk]["awarded"])
            for r in rounds
            if figures[r.pk]["reserved"] > figures[r.pk]["awarded"]
        ]

    def _grant_fundings(self) -> QuerySet[GrantFunding]:
        return GrantFunding.objects.filter(contribution__funder=self.funder).order_by()

    def _groups(self, *fields: str) -> QuerySet:
        return (
            self._grant_fundings()
            .values(*fields)
            .annotate(
                grants=Count("grant", distinct=True),
                awarded=Sum("amount_cents"),
                paid=Sum("paid_cents"),
                repaid=Sum("repaid_cents"),
            )
        )

    @cached_property
    def by_municipality(self) -> list[Group]:
        groups = [
            Group(
                row["grant__initiative__municipality__name"],
                row["grants"],
                row["awarded"],
                row["paid"] - row["repaid"],
            )
            for row in self._groups("grant__initiative__municipality__name")
        ]
        return sorted(groups, key=lambda g: g.name)

    @cached_property
    def grant_count(self) -> int:
        """The grants its money paid for (each grant is in one municipality)."""
        return sum(group.grants for group in self.by_municipality)

    @cached_property
    def by_theme(self) -> list[Group]:
        groups = [
            Group(
                theme_name(
                    row["grant__application__theme__name"],
                    row["grant__application__theme__name_en"],
                )
                or _("no theme"),
                row["grants"],
                row["awarded"],
                row["paid"] - row["repaid"],
            )
            for row in self._groups(
                "grant__application__theme__name", "grant__application__theme__name_en"
            )
        ]
        return sorted(groups, key=lambda g: g.name)

    def grants(self) -> QuerySet[Grant]:
        """The grants this funder's money paid for, newest first, each with what came from this
        funder (`from_funder`, `paid_by_funder`); for a paged list."""
        return (
            Grant.objects.filter(fundings__contribution__funder=self.funder)
            .annotate(
                from_funder=Sum("fundings__amount_cents"),
                paid_by_funder=Sum("fundings__paid_cents") - Sum("fundings__repaid_cents"),
            )
            .select_related(
                "initiative__municipality", "application__theme", "round", "application"
            )
            .order_by("-awarded_on", "-pk")
        )


def funders_listed() -> QuerySet[Funder]:
    """Every funder with what came in from it (net of reversals) and what its money was awarded
    to grants, from the ledger (one query)."""
    return Funder.objects.annotate(
        came_in=Sum(
            "contributions__ledger_entries__amount_cents",
            filter=Q(contributions__ledger_entries__kind=Kind.CONTRIBUTION),
            default=0,
        ),
        awarded=Sum(
            "contributions__ledger_entries__amount_cents",
            filter=Q(contributions__ledger_entries__kind=Kind.AWARD),
            default=0,
        ),
    ).order_by("name")


# --- the public ledger ---


def ledger_entries() -> QuerySet[LedgerEntry]:
    """Every entry, newest first, with what it is linked to (one query per page); never the
    person who recorded it."""
    return LedgerEntry.objects.select_related(
        "contribution__funder", "round", "grant__initiative", "reverses", "reversed_by"
    ).order_by("-created_at", "-pk")


def fund_split() -> Split:
    return Split.of(sums_by_kind(LedgerEntry.objects.all()))
