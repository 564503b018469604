"""Where the money of a round and of a grant comes from, and the rules that keep it in bounds.

- `add_to_budget`: a round takes money from the fund: the contributions it may use, oldest first.
- `release_round`: what a closed round did not award goes back to the fund.
- `award`: a grant takes money from its round. Under a row lock on the round (two committee
  members awarding at the same moment wait for each other), it picks the money that fits the
  application: earmarked money that fits it first (so earmarks get used), then general money,
  oldest first; it says which (the grant's `fundings`). `Round.awarded_cents <= budget_cents` is
  a CHECK constraint as well, so no code path can over-spend a round.
- `spread_problem`: the round's fair-spread caps per initiative per year.
"""

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.db.models import Count, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from fund.accountability import due_on
from fund.errors import FundRuleError
from fund.ledger import move_to_grant, move_to_round
from fund.models import Application, Contribution, Grant, GrantFunding, Round, RoundFunding
from fund.money import euros
from initiatives.models import Initiative


def fund_money_available(contributions: QuerySet[Contribution] | None = None) -> int:
    """What the fund holds outside any round (of these contributions, or of all)."""
    queryset = Contribution.objects.all() if contributions is None else contributions
    return queryset.aggregate(total=Sum("unallocated_cents"))["total"] or 0


def general_money() -> QuerySet[Contribution]:
    """Contributions without an earmark: money any round may use."""
    return Contribution.objects.filter(earmark_municipality=None, earmark_theme=None)


@transaction.atomic
def add_to_budget(
    round_: Round,
    cents: int,
    *,
    by: User | None,
    contributions: Iterable[Contribution] | None = None,
) -> list[RoundFunding]:
    """Moves `cents` from the fund into the round's budget, from `contributions` (default: the
    general money), oldest first. Refused, with what there is, when they hold too little."""
    if cents <= 0:
        raise FundRuleError(_("A budget must be more than € 0,00."), field="budget")
    Round.objects.select_for_update().get(pk=round_.pk)
    pool = (
        general_money()
        if contributions is None
        else Contribution.objects.filter(pk__in=[c.pk for c in contributions])
    )
    # Locked in one order everywhere (received, then pk), so two rounds at once never deadlock.
    sources = list(
        pool.filter(unallocated_cents__gt=0)
        .order_by("received_on", "pk")
        .select_for_update(of=("self",))
    )
    available = sum(c.unallocated_cents for c in sources)
    if available < cents:
        raise FundRuleError(
            _("The fund has %(available)s available for this; the budget asks %(asked)s.")
            % {"available": euros(available), "asked": euros(cents)},
            field="budget",
        )
    fundings = []
    left = cents
    for contribution in sources:
        if left == 0:
            break
        take = min(left, contribution.unallocated_cents)
        funding, _created = RoundFunding.objects.get_or_create(
            round=round_, contribution=contribution
        )
        move_to_round(funding, take, by=by)
        fundings.append(funding)
        left -= take
    return fundings


@transaction.atomic
def release_round(round_: Round, *, by: User | None) -> int:
    """Closes the round and gives what it did not award back to the fund; returns the cents.
    Closing twice releases nothing the second time."""
    locked = Round.objects.select_for_update().get(pk=round_.pk)
    if locked.closed_at is not None:
        return 0
    if locked.applications.filter(status=Application.Status.SUBMITTED).exists():
        raise FundRuleError(
            _(
                "Some applications still wait for a decision; decide on them (or wait for them to be withdrawn) first."
            )
        )
    released = 0
    for funding in locked.fundings.select_for_update().order_by("pk"):
        left = funding.reserved_cents - funding.awarded_cents
        if left > 0:
            move_to_round(funding, -left, by=by)
            released += left
    Round.objects.filter(pk=locked.pk).update(closed_at=timezone.now())
    return released


def fits(contribution: Contribution, application: Application) -> bool:
    """Whether an earmark allows this money to pay for this application."""
    municipality = contribution.earmark_municipality_id
    theme = contribution.earmark_theme_id
    return (municipality is None or municipality == application.initiative.municipality_id) and (
        theme is None or theme == application.theme_id
    )


def spread_problem(round_: Round, application: Application, cents: int, year: int) -> str:
    """What a grant of `cents` to this application's initiative in `year` would break of the
    round's fair-spread caps, or "" (counted over every round's grants of that year)."""
    if round_.max_grants_per_year is None and round_.max_cents_per_year is None:
        return ""
    given = (
        Grant.objects.filter(initiative_id=application.initiative_id, awarded_on__year=year)
        .exclude(application=application)
        .aggregate(grants=Count("pk"), cents=Sum("awarded_cents"))
    )
    if round_.max_grants_per_year is not None and given["grants"] >= round_.max_grants_per_year:
        return _(
            "%(initiative)s received %(count)s grant(s) in %(year)s already; this round allows "
            "at most %(cap)s per initiative per year."
        ) % {
            "initiative": application.initiative.name,
            "count": given["grants"],
            "year": year,
            "cap": round_.max_grants_per_year,
        }
    total = (given["cents"] or 0) + cents
    if round_.max_cents_per_year is not None and total > round_.max_cents_per_year:
        return _(
            "With this, %(initiative)s would receive %(total)s in %(year)s; this round allows "
            "at most %(cap)s per initiative per year."
        ) % {
            "initiative": application.initiative.name,
            "total": euros(total),
            "year": year,
            "cap": euros(round_.max_cents_per_year),
        }
    return ""


def award(
    application: Application, cents: int, *, by: User | None, on: date | None = None
) -> Grant:
    """Reserves `cents` of the round's money for the application, as a new grant. Must run in
    the caller's transaction (the decision is written in it too); the round's row is locked
    here, before anything is read. FundRuleError when the round has too little fitting money or
    a cap would be broken."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("award() must run inside the decision's transaction")
    round_ = Round.objects.select_for_update().get(pk=application.round_id)
    on = on or timezone.localdate()
    if round_.max_grants_per_year is not None or round_.max_cents_per_year is not None:
        # Awards to one initiative in two rounds at once count each other's grants.
        Initiative.objects.select_for_update(no_key=True).filter(pk=application.initiative_id).get()
    if problem := spread_problem(round_, application, cents, on.year):
        raise FundRuleError(problem, field="amount")
    fundings = list(
        round_.fundings.select_for_update(of=("self",))
        .select_related("contribution")
        .order_by("contribution__received_on", "contribution__pk")
    )
    fitting = [
        f
        for f in fundings
        if fits(f.contribution, application) and f.reserved_cents > f.awarded_cents
    ]
    # Earmarked money that fits first: general money can pay for anything, it cannot.
    fitting.sort(key=lambda f: not f.contribution.is_earmarked)
    available = sum(f.reserved_cents - f.awarded_cents for f in fitting)
    if available < cents:
        raise FundRuleError(
            _(
                "This round has %(available)s left that may pay for this application; it cannot award %(asked)s."
            )
            % {"available": euros(available), "asked": euros(cents)},
            field="amount",
        )
    grant = Grant.objects.create(
        application=application,
        round=round_,
        initiative_id=application.initiative_id,
        awarded_on=on,
        awarded_cents=cents,
        report_due_on=due_on(on),
    )
    left = cents
    for funding in fitting:
        if left == 0:
            break
        take = min(left, funding.reserved_cents - funding.awarded_cents)
        grant_funding = GrantFunding.objects.create(
            grant=grant, round_funding=funding, contribution=funding.contribution, amount_cents=take
        )
        move_to_grant(grant_funding, funding, by=by)
        left -= take
    return grant


def money_by_funder(grants: Iterable[Grant]) -> dict[int, list[GrantFunding]]:
    """The fundings of these grants with their contributions and funders, by grant id: which
    money paid for each (one query)."""
    by_grant: dict[int, list[GrantFunding]] = {}
    for funding in (
        GrantFunding.objects.filter(grant__in=list(grants))
        .select_related("contribution__funder")
        .order_by("grant", "pk")
    ):
        by_grant.setdefault(funding.grant_id, []).append(funding)
    return by_grant
