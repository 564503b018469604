"""A fund with money that went places, for the transparency tests: several funders, an earmarked
contribution, partial awards, payouts, a repayment and a release at settlement, in two years.
Every euro moves through the fund's own functions (fund/allocation.py, fund/payments.py), so the
ledger is the truth the pages are checked against."""

import uuid
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils import timezone

from fund.allocation import add_to_budget, award
from fund.models import (
    Application,
    Contribution,
    Decision,
    Funder,
    Grant,
    Payout,
    Recusal,
    Report,
    Round,
)
from fund.payments import pay, release_unpaid, repay
from initiatives.models import Initiative, Municipality, Theme
from tests.factories import InitiativeFactory, UserFactory
from tests.fund.factories import (
    ApplicationFactory,
    ContributionFactory,
    FunderFactory,
    RoundFactory,
    submitted_application,
)


def grant_for(
    round_: Round,
    initiative: Initiative,
    cents: int,
    *,
    asked: int | None = None,
    on: date,
    theme: Theme | None = None,
    title: str = "",
) -> Grant:
    """An application of `initiative` awarded `cents` (of `asked`) on `on`, with its decision."""
    extra = {"title": title} if title else {}
    application = submitted_application(
        round=round_, initiative=initiative, amount_cents=asked or cents, theme=theme, **extra
    )
    with transaction.atomic():
        grant = award(application, cents, by=None, on=on)
        Application.objects.filter(pk=application.pk).update(status=Application.Status.AWARDED)
    number = Decision.objects.filter(round=round_).count() + 1
    Decision.objects.create(
        round=round_,
        number=number,
        application=application,
        outcome=Decision.Outcome.AWARD if cents == (asked or cents) else Decision.Outcome.PART,
        amount_cents=cents,
        reason="Past goed bij de ronde.",
        content="{}",
        previous_hash="0" * 64,
        hash=uuid.uuid4().hex * 2,
    )
    grant.refresh_from_db()
    return grant


def pay_out(grant: Grant, cents: int) -> Payout:
    """An approved payout of `cents` (proposed and approved by two people), paid."""
    with transaction.atomic():
        locked = Grant.objects.select_for_update().get(pk=grant.pk)
        payout = Payout.objects.create(
            grant=locked,
            amount_cents=cents,
            status=Payout.Status.APPROVED,
            idempotency_key=uuid.uuid4(),
            approved_at=timezone.now(),
        )
        pay(payout, by=None)
    grant.refresh_from_db()
    return payout


def pay_back(grant: Grant, cents: int) -> None:
    with transaction.atomic():
        repay(Grant.objects.select_for_update().get(pk=grant.pk), cents, by=None)
    grant.refresh_from_db()


def settle(grant: Grant, *, accepted: bool = True) -> None:
    """The report is accepted, the grant settled, and what was not paid out goes back."""
    with transaction.atomic():
        locked = Grant.objects.select_for_update().get(pk=grant.pk)
        release_unpaid(locked, by=None)
        Grant.objects.filter(pk=grant.pk).update(
            status=Grant.Status.SETTLED, settled_at=timezone.now()
        )
    Report.objects.create(
        grant=grant,
        story="We hebben het gedaan.",
        status=Report.Status.ACCEPTED if accepted else Report.Status.SUBMITTED,
        accepted_at=timezone.now() if accepted else None,
    )
    grant.refresh_from_db()


@dataclass
class MoneyWorld:
    province: Funder
    amersfoort_council: Funder
    foundation: Funder
    earmarked: Contribution
    spring: Round
    autumn: Round
    grants: dict[str, Grant] = field(default_factory=dict)
    not_grants: list[Application] = field(default_factory=list)


def money_world() -> MoneyWorld:
    """Two rounds in two years; four grants:

    - "amersfoort" (last year, spring): € 2.500,00 to an initiative in Amersfoort: € 500,00 of the
      council's money earmarked for Amersfoort first, then € 2.000,00 of the province's; paid
      € 1.000,00 so far;
    - "utrecht" (last year, spring): € 1.000,00 of € 1.500,00 asked (in part), paid in full, € 200,00
      paid back;
    - "zeist" (last year, spring): € 800,00, € 300,00 paid, settled: € 500,00 back to the fund,
      report accepted; theme Eenzaamheid;
    - "foundation" (this year, autumn): € 1.200,00 of the foundation's money to Utrecht, nothing
      paid yet.

    And a draft, a submitted, a rejected and a withdrawn application, none of them a grant.
    """
    this_year = timezone.localdate().year
    last_year = this_year - 1
    amersfoort = Municipality.objects.get(name="Amersfoort")
    province = FunderFactory(name="Provincie Utrecht", slug="provincie-utrecht")
    council = FunderFactory(name="Gemeente Amersfoort", slug="gemeente-amersfoort")
    foundation = FunderFactory(name="Stichting Buurtkracht", slug="stichting-buurtkracht")
    earmarked = ContributionFactory(
        funder=council,
        amount_cents=500_00,
        earmark_municipality=amersfoort,
        received_on=date(last_year, 1, 5),
    )
    general = ContributionFactory(
        funder=province, amount_cents=10_000_00, received_on=date(last_year, 1, 10)
    )
    from_foundation = ContributionFactory(
        funder=foundation, amount_cents=3_000_00, received_on=date(this_year, 1, 10)
    )
    spring = RoundFactory(
        name="Voorjaar",
        slug="voorjaar",
        opens_on=date(last_year, 3, 1),
        closes_on=date(last_year, 4, 1),
        max_per_application_cents=5_000_00,
    )
    add_to_budget(spring, 6_000_00, by=None, contributions=[earmarked, general])
    autumn = RoundFactory(
        name="Najaar",
        slug="najaar",
        opens_on=date(this_year, 1, 15),
        closes_on=date(this_year, 2, 15),
    )
    add_to_budget(autumn, 2_000_00, by=None, contributions=[from_foundation])

    in_amersfoort = InitiativeFactory(name="Buren van de Kruiskamp", municipality=amersfoort)
    in_utrecht = InitiativeFactory(name="Moestuin Ondiep")
    in_zeist = InitiativeFactory(
        name="Koffie in Kerckebosch", municipality=Municipality.objects.get(name="Zeist")
    )
    loneliness = Theme.objects.get(name="Eenzaamheid")
    world = MoneyWorld(province, council, foundation, earmarked, spring, autumn)
    spring_day = date(last_year, 5, 1)
    world.grants["amersfoort"] = grant_for(
        spring, in_amersfoort, 2_500_00, on=spring_day, title="Buurtfeest Kruiskamp"
    )
    pay_out(world.grants["amersfoort"], 1_000_00)
    world.grants["utrecht"] = grant_for(
        spring, in_utrecht, 1_000_00, asked=1_500_00, on=spring_day, title="Kas voor de moestuin"
    )
    pay_out(world.grants["utrecht"], 1_000_00)
    pay_back(world.grants["utrecht"], 200_00)
    world.grants["zeist"] = grant_for(
        spring, in_zeist, 800_00, on=spring_day, theme=loneliness, title="Koffieochtenden"
    )
    pay_out(world.grants["zeist"], 300_00)
    settle(world.grants["zeist"])
    world.grants["foundation"] = grant_for(
        autumn, in_utrecht, 1_200_00, on=date(this_year, 3, 1), title="Tweede kas"
    )
    reviewer = UserFactory(name="Geheime Beoordelaar", email="beoordelaar@example.nl")
    Recusal.objects.create(
        decision=world.grants["utrecht"].application.decision,
        user=reviewer,
        reason=Recusal.Reason.TIE,
    )

    world.not_grants = [
        ApplicationFactory(round=autumn, initiative=in_utrecht, title="Concept-aanvraag"),
        submitted_application(round=autumn, initiative=in_utrecht, title="Ingediende aanvraag"),
        submitted_application(round=spring, initiative=in_zeist, title="Afgewezen aanvraag"),
        submitted_application(round=autumn, initiative=in_zeist, title="Ingetrokken aanvraag"),
    ]
    rejected, withdrawn = world.not_grants[2], world.not_grants[3]
    Application.objects.filter(pk=rejected.pk).update(status=Application.Status.REJECTED)
    Application.objects.filter(pk=withdrawn.pk).update(
        status=Application.Status.WITHDRAWN, withdrawn_at=timezone.now()
    )
    return world


def many_grants(count: int, round_: Round | None = None) -> list[Grant]:
    """`count` grants in one round of one funder, in several municipalities, each paid in part
    and with a report: for the query counts."""
    funder = FunderFactory()
    contribution = ContributionFactory(funder=funder, amount_cents=count * 1_000_00)
    round_ = round_ or RoundFactory(
        budget_cents=count * 1_000_00, budget_cents__contributions=[contribution]
    )
    places = list(Municipality.objects.order_by("pk")[:5])
    welfare = Theme.objects.get(name="Welzijn")
    grants = []
    for number in range(count):
        grant = grant_for(
            round_,
            InitiativeFactory(municipality=places[number % len(places)]),
            500_00,
            on=timezone.localdate(),
            theme=welfare,
        )
        pay_out(grant, 100_00)
        Report.objects.create(grant=grant, story="Verhaal", status=Report.Status.SUBMITTED)
        grants.append(grant)
    return grants
