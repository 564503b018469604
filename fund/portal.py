"""What the fund adds to the rest of the portal, and what its front page shows: the key figures
(on the home page and the fund's page), the rounds open for applications, and the rounds whose
decisions are public. Registered from apps.py.

Every figure is a kept column or a sum of ledger entries (fund/ledger.py keeps them equal):
money in is the signed sum of the contribution entries (a reversal takes its money out again);
granted is the sum of the grants' `awarded_cents`, by the year of the award.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from fund.models import Decision, Funder, Grant, LedgerEntry, Round
from fund.money import euros
from fund.permissions import Person, is_committee, is_treasurer
from initiatives.models import Initiative
from omzien.home_sections import register_home_section
from omzien.key_figures import KeyFigure, register_key_figure
from omzien.sitemaps import pages_sitemap, register_sitemap
from omzien.work_queues import has_work_queues

# Rounds with a public decision list on the front page; the rest are on the rounds page.
DECIDED_ROUNDS = 5


@dataclass(frozen=True)
class Figures:
    money_in_cents: int
    funders: int
    year: int
    granted_this_year_cents: int
    granted_cents: int
    grants: int
    initiatives_supported: int


def figures(today: date | None = None) -> Figures:
    """The fund's key figures, in two queries however much there is."""
    year = (today or timezone.localdate()).year
    money = LedgerEntry.objects.filter(kind=LedgerEntry.Kind.CONTRIBUTION).aggregate(
        cents=Sum("amount_cents"),
        funders=Count(
            "contribution__funder", distinct=True, filter=Q(contribution__reversed_at=None)
        ),
    )
    grants = Grant.objects.aggregate(
        this_year=Sum("awarded_cents", filter=Q(awarded_on__year=year)),
        cents=Sum("awarded_cents"),
        count=Count("pk"),
        initiatives=Count("initiative", distinct=True),
    )
    return Figures(
        money_in_cents=money["cents"] or 0,
        funders=money["funders"],
        year=year,
        granted_this_year_cents=grants["this_year"] or 0,
        granted_cents=grants["cents"] or 0,
        grants=grants["count"],
        initiatives_supported=grants["initiatives"],
    )


def _granted_this_year() -> int:
    this_year = Grant.objects.filter(awarded_on__year=timezone.localdate().year)
    return this_year.aggregate(cents=Sum("awarded_cents"))["cents"] or 0


def _initiatives_supported() -> int:
    return Grant.objects.values("initiative").distinct().count()


def _granted_label() -> str:
    return gettext("granted in %(year)s") % {"year": timezone.localdate().year}


def coming_rounds(today: date | None = None) -> QuerySet[Round]:
    """Rounds open now or opening later, the first to close first."""
    today = today or timezone.localdate()
    return Round.objects.filter(closed_at=None, closes_on__gte=today).order_by(
        "closes_on", "opens_on", "pk"
    )


def open_rounds(today: date | None = None) -> QuerySet[Round]:
    today = today or timezone.localdate()
    return coming_rounds(today).filter(opens_on__lte=today)


def decided_rounds() -> list[Round]:
    """The newest rounds with a decision on their public list, with how many and what they
    awarded (one query)."""
    return list(
        Round.objects.annotate(
            decision_count=Count("decisions"),
            awarded_count=Count("decisions", filter=~Q(decisions__outcome=Decision.Outcome.REJECT)),
        )
        .filter(decision_count__gt=0)
        .order_by("-closes_on", "-pk")[:DECIDED_ROUNDS]
    )


def funders_with_money() -> list[Funder]:
    """Funders whose money came in (and was not reversed), the largest first (one query)."""
    return list(
        Funder.objects.annotate(
            given_cents=Sum(
                "contributions__amount_cents", filter=Q(contributions__reversed_at=None)
            )
        )
        .filter(given_cents__gt=0)
        .order_by("-given_cents", "name")
    )


@dataclass(frozen=True)
class YourPart:
    """What the front page shows one person: the initiatives they may apply for and the rounds
    open to them now, and the way to their work for the fund's roles."""

    signed_in: bool
    initiatives: list[Initiative]
    open_rounds: list[Round]
    committee: bool
    treasurer: bool
    has_work: bool


def your_part(user: Person, today: date | None = None) -> YourPart:
    """At most two queries (a person's roles are read with their session)."""
    if not user.is_authenticated:
        return YourPart(False, [], [], False, False, False)
    initiatives = list(
        Initiative.objects.approved().filter(memberships__user=user).order_by("name").distinct()
    )
    rounds = list(open_rounds(today)) if initiatives else []
    return YourPart(
        signed_in=True,
        initiatives=initiatives,
        open_rounds=rounds,
        committee=is_committee(user),
        treasurer=is_treasurer(user),
        has_work=has_work_queues(user),
    )


def open_rounds_for_home() -> dict[str, Any]:
    """The home page's section: the rounds open for applications now (one query)."""
    return {"rounds": list(open_rounds())}


def register() -> None:
    register_key_figure(
        KeyFigure(lazy(_granted_label, str)(), _granted_this_year, "fund:grants", format=euros)
    )
    register_key_figure(
        KeyFigure(
            _("initiatives supported by the fund"),
            _initiatives_supported,
            "fund:grants",
        )
    )
    register_home_section("fund/partials/_home_rounds.html", open_rounds_for_home)
    register_sitemap("fund", pages_sitemap("fund:index"))
    # My account, the data download and account deletion.
    from fund import personal_data

    personal_data.register()
