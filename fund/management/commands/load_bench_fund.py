"""manage.py load_bench_fund [N]: a community fund for a benchmark network of N initiatives.

For the benchmarks in bench/ (after load_bench_data): three years of a fund that works. For the
realistic 150 initiatives: five funders (the province, two councils, a foundation, a bank; the
council of Amersfoort's money earmarked for initiatives in Amersfoort), six closed rounds of
about thirty applications each and one open round, 180 applications, about a hundred grants.
A network a hundred times bigger (15,000) has a hundred times the applications and grants, in
ten times as many rounds of ten times the size, and some thirty funders more; the committee and
the treasurers grow with the rounds. N defaults to the approved initiatives in the database.

Everything a real fund leaves behind is there: contributions and their ledger entries, round
budgets, applications with budget lines and their frozen first revision, reviews with scores,
decisions (award, award in part, reject) with their reasons and recusals in each round's
decision list, grants with the money of the contributions that paid for them, payouts in
tranches (proposed by one treasurer, approved by another; some still waiting), repayments,
releases at settlement, and reports (accepted, submitted, sent back, drafts). The open round has
drafts, submitted applications and reviews in progress.

It is all worked out in memory first, by the rules of fund/allocation.py and fund/payments.py
(earmarked money that fits first, then general money, oldest first; a payout spread over a
grant's fundings in order), and then inserted in bulk: each row once, with the figures the
ledger's entries add up to, so `derived_mismatches()` finds nothing (checked at the end), and
each round's decision list chained by hashes as fund/decision_list.py writes it. The ledger and
the decision lists are append-only, so the command fills a database without a bench fund only
(the benchmark's database is new for each size).

It prints the address of a closed round's page and of a grant's page (bench/pages.py reads them).
"""

import math
import random
import time
import uuid
from argparse import ArgumentParser
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock
from itertools import accumulate
from typing import Any, TypeVar

from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import User
from accounts.roles import FUND_COMMITTEE, TREASURER
from fund.accountability import due_on, needs_full_report
from fund.decision_list import GENESIS, canonical, hash_of
from fund.ledger import derived_mismatches
from fund.models import (
    Application,
    ApplicationRevision,
    BudgetLine,
    Contribution,
    Criterion,
    Decision,
    Funder,
    Grant,
    GrantFunding,
    LedgerEntry,
    Payout,
    Recusal,
    Report,
    Review,
    Round,
    RoundFunding,
    Score,
    Tie,
)
from initiatives.models import Initiative, Membership, Municipality, Theme

T = TypeVar("T")
Kind = LedgerEntry.Kind
SEED = 9
BATCH = 2000
BENCH_EMAIL = "bench-fund-{role}-{number:03d}@example.org"
ROUND_PREFIX = "bench-"

# At the realistic size (150 initiatives); the rest scales from these.
REALISTIC = 150
CLOSED_ROUNDS = 6
APPLICATIONS = 180  # over the closed rounds; the open round gets half a round more
COMMITTEE = 5
TREASURERS = 2
YEARS = 3

FUNDERS = [
    # name, kind, description, share of the general money
    ("Provincie Utrecht", Funder.Kind.PROVINCE, "De provincie draagt bij aan het fonds.", 4),
    ("Gemeente Utrecht", Funder.Kind.MUNICIPALITY, "De gemeente Utrecht draagt bij.", 2),
    ("Stichting Samen Sterk", Funder.Kind.FOUNDATION, "Een fonds voor buurten.", 1),
    ("Buurtbank Utrecht", Funder.Kind.BANK, "Het maatschappelijk fonds van een bank.", 1),
]
EARMARKED_FUNDER = ("Gemeente Amersfoort", Funder.Kind.MUNICIPALITY, "Alleen voor Amersfoort.")
EARMARKED_PLACE = "Amersfoort"

CRITERIA = [
    ("Past bij de buurt", "Komt het voort uit wat bewoners zelf willen?", 3),
    ("Haalbaar plan", "Kan het met deze mensen en dit geld?", 2),
    ("Bereikt wie het nodig heeft", "Wie doet mee, wie heeft er baat bij?", 2),
]
WHAT = [
    ("Buurtmaaltijd", "Elke maand koken buren samen voor wie alleen is."),
    ("Moestuin", "Een gezamenlijke moestuin met bakken op hoogte voor ouderen."),
    ("Taalcafé", "Wekelijks oefenen nieuwkomers Nederlands met buren."),
    ("Repair café", "Vrijwilligers repareren spullen en leren het anderen."),
    ("Wandelgroep", "Samen wandelen tegen eenzaamheid, met koffie na afloop."),
    ("Energiecoaches", "Buren helpen elkaar energie te besparen."),
    ("Kinderactiviteiten", "Spelmiddagen in de vakanties voor kinderen uit de wijk."),
    ("Buurtkamer", "Een open huiskamer waar iedereen binnen kan lopen."),
    ("Klussendienst", "Vrijwilligers doen kleine klussen voor wie het niet zelf kan."),
    ("Voedselbank-uitgifte", "Een extra uitgiftepunt dichter bij huis."),
]
LINES = [
    "Boodschappen",
    "Huur ruimte",
    "Materiaal",
    "Drukwerk",
    "Vrijwilligersavond",
    "Gereedschap",
]
RECOMMENDATIONS: dict[str, str] = {
    Decision.Outcome.AWARD: Review.Recommendation.AWARD,
    Decision.Outcome.PART: Review.Recommendation.PART,
    Decision.Outcome.REJECT: Review.Recommendation.REJECT,
}
REASONS: dict[str, list[str]] = {
    Decision.Outcome.AWARD: [
        "Een goed plan dat uit de buurt zelf komt; de commissie kent het volledig toe.",
        "Past bij de doelen van de ronde en bereikt mensen die anders buiten de boot vallen.",
    ],
    Decision.Outcome.PART: [
        "De commissie steunt het plan, maar de post materiaal is hoog; zij kent een deel toe.",
        "Goed plan; een deel van de kosten kan uit andere bronnen komen.",
    ],
    Decision.Outcome.REJECT: [
        "Het plan past niet bij deze ronde: het gaat vooral om vaste kosten.",
        "Er is in deze ronde te weinig geld voor alle goede plannen; dit plan scoorde lager.",
        "Het is nog niet duidelijk wie het gaat doen; dien het gerust opnieuw in.",
    ],
}
SEASONS = ["Voorjaar", "Najaar"]
# The columns of a grant (and of its fundings) that money leaving it moves.
COLUMNS: dict[str, str] = {
    Kind.PAYOUT: "paid_cents",
    Kind.REPAYMENT: "repaid_cents",
    Kind.RELEASE: "released_cents",
}


class Command(BaseCommand):
    help = "Fill the community fund with three years of generated work, for the benchmarks."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "initiatives",
            type=int,
            nargs="?",
            metavar="N",
            help="size of the benchmark network (default: the approved initiatives)",
        )

    def handle(self, *args: object, **options: object) -> None:
        size = options["initiatives"]
        if size is None:
            size = Initiative.objects.approved().count()
        size = int(size)  # type: ignore[call-overload]
        if size <= 0:
            raise CommandError("the network needs initiatives: N must be 1 or more")
        if Round.objects.filter(slug__startswith=ROUND_PREFIX).exists():
            raise CommandError(
                "this database holds a bench fund already; the ledger and the decision lists are "
                "append-only, so load the fund into a fresh database"
            )
        started = time.monotonic()

        def say(what: str) -> None:
            self.stdout.write(f"  {time.monotonic() - started:6.1f} s  {what}")

        with transaction.atomic():
            fund = plan(size, say)
            save(fund, say)
            mismatches = list(derived_mismatches())
            if mismatches:
                raise CommandError(f"the ledger does not add up: {mismatches[:5]}")
        with connection.cursor() as cursor:
            for model in SAVED_MODELS:
                cursor.execute(f"ANALYZE {model._meta.db_table}")
        say("checked: every kept figure equals the ledger's entries")
        counts = {
            "funders": len(fund.funders),
            "contributions": len(fund.contributions),
            "rounds": len(fund.rounds),
            "applications": len(fund.applications),
            "reviews": len(fund.reviews),
            "decisions": len(fund.decisions),
            "grants": len(fund.grants),
            "payouts": len(fund.payouts),
            "reports": len(fund.reports),
            "ledger entries": len(fund.entries),
        }
        self.stdout.write(", ".join(f"{count} {name}" for name, count in counts.items()))
        closed = fund.showcase_round
        self.stdout.write(f"round page: {round_address(closed)}")
        self.stdout.write(f"round slug: {closed.slug}")
        self.stdout.write(f"grant page: {fund.showcase_grant.get_absolute_url()}")


def round_address(round_: Round) -> str:
    """The round's public page (fund:round, `rounds/<slug>/` under /fund/, as fixed for every
    part of the fund; made by the rounds part)."""
    try:
        return round_.get_absolute_url()
    except NoReverseMatch:
        return f"/fund/rounds/{round_.slug}/"


SAVED_MODELS = [
    Funder,
    Contribution,
    Round,
    Criterion,
    RoundFunding,
    Application,
    BudgetLine,
    ApplicationRevision,
    Review,
    Score,
    Decision,
    Recusal,
    Grant,
    GrantFunding,
    Payout,
    Report,
    LedgerEntry,
]


# --- The plan: every row, worked out in memory ---


@dataclass
class Money:
    """A grant's money from one contribution (a GrantFunding in the making)."""

    row: GrantFunding
    round_funding: RoundFunding

    def room_to_pay(self) -> int:
        return self.row.amount_cents - self.row.released_cents - self.row.paid_cents


@dataclass
class Fund:
    now: datetime
    users: list[User] = field(default_factory=list)
    committee: list[User] = field(default_factory=list)
    treasurers: list[User] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    ties: list[Tie] = field(default_factory=list)
    funders: list[Funder] = field(default_factory=list)
    contributions: list[Contribution] = field(default_factory=list)
    rounds: list[Round] = field(default_factory=list)
    criteria: list[Criterion] = field(default_factory=list)
    criteria_of: dict[int, list[Criterion]] = field(default_factory=dict)
    round_fundings: list[RoundFunding] = field(default_factory=list)
    applications: list[Application] = field(default_factory=list)
    budget_lines: list[BudgetLine] = field(default_factory=list)
    revisions: list[ApplicationRevision] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)
    scores: list[Score] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    recusals: list[Recusal] = field(default_factory=list)
    grants: list[Grant] = field(default_factory=list)
    grant_fundings: list[GrantFunding] = field(default_factory=list)
    payouts: list[Payout] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)
    entries: list[LedgerEntry] = field(default_factory=list)
    # The hashed facts of each decision, by the decision's identity (chained in save()).
    facts: dict[int, dict[str, Any]] = field(default_factory=dict)
    # Conflicts of interest: committee member -> initiatives they are in or tied to, and why.
    conflicts: dict[int, dict[int, str]] = field(default_factory=dict)
    showcase_round: Round = field(default_factory=Round)
    showcase_grant: Grant = field(default_factory=Grant)

    def entry(
        self, kind: str, cents: int, contribution: Contribution, at: datetime, **links: Any
    ) -> None:
        self.entries.append(
            LedgerEntry(
                kind=kind, amount_cents=cents, contribution=contribution, created_at=at, **links
            )
        )


def moment(day: date, hour: int = 12) -> datetime:
    return timezone.make_aware(datetime.combine(day, clock(hour)))


def cents(rng: random.Random, low: int, high: int, step: int = 50) -> int:
    """A round amount in euros between low and high, as cents."""
    return rng.randrange(low // step, high // step + 1) * step * 100


class Zipf:
    """Picks from `values`, the first ones more often (busy initiatives apply more)."""

    def __init__(self, values: Sequence[T], exponent: float) -> None:
        self.values = values
        self.cumulative = list(accumulate(1 / rank**exponent for rank in range(1, len(values) + 1)))

    def pick(self, rng: random.Random) -> Any:
        return rng.choices(self.values, cum_weights=self.cumulative)[0]


def plan(size: int, say: Callable[[str], None]) -> Fund:
    rng = random.Random(SEED)  # noqa: S311 - benchmark data, not secrets
    scale = size / REALISTIC
    grow = math.sqrt(scale)
    fund = Fund(now=timezone.now())
    today = timezone.localdate()
    initiatives = list(
        Initiative.objects.approved()
        .filter(slug__startswith="bench-")
        .select_related("municipality")
        .order_by("pk")
    ) or list(Initiative.objects.approved().select_related("municipality").order_by("pk"))
    if not initiatives:
        raise CommandError("no approved initiatives: run load_bench_data first")
    themes = list(Theme.objects.order_by("pk"))
    earmark_place = Municipality.objects.filter(name=EARMARKED_PLACE).first()

    people(fund, rng, initiatives, committee=max(COMMITTEE, round(COMMITTEE * grow)), grow=grow)
    funders(fund, size)
    say(f"{len(fund.committee)} committee members, {len(fund.treasurers)} treasurers")

    closed_rounds = max(1, round(CLOSED_ROUNDS * grow))
    per_round = max(4, round(APPLICATIONS * scale / closed_rounds))
    first_day = today - timedelta(days=365 * YEARS)
    span = (today - timedelta(days=120) - first_day).days
    # The one earmarked contribution: the council's money, only for initiatives in its town.
    earmarked = Contribution(
        funder=fund.funders[-1],
        amount_cents=2_500_00 * closed_rounds,
        received_on=first_day - timedelta(days=30),
        reference="BIJ-00000",
        earmark_municipality=earmark_place,
    )
    earmarked.unallocated_cents = earmarked.amount_cents
    fund.contributions.append(earmarked)
    fund.entry(Kind.CONTRIBUTION, earmarked.amount_cents, earmarked, moment(earmarked.received_on))
    picker = Zipf(initiatives, 0.3)
    general_funders = [f for f in fund.funders if f is not fund.funders[-1]]
    weights = [share for *_, share in FUNDERS] + [1] * (len(general_funders) - len(FUNDERS))
    for number in range(closed_rounds):
        opens_on = first_day + timedelta(days=span * number // closed_rounds)
        round_ = new_round(fund, number, closed_rounds, opens_on)
        applications = applications_of(fund, rng, round_, picker, themes, per_round)
        decide(
            fund,
            rng,
            round_,
            applications,
            earmarked,
            earmark_place,
            rng.choices(general_funders, weights)[0],
            today,
        )
        if number % max(1, closed_rounds // 6) == 0:
            say(f"round {number + 1} of {closed_rounds} planned")
    fund.showcase_round = fund.rounds[-1]
    open_round = new_round(fund, closed_rounds, closed_rounds, today - timedelta(days=14))
    open_round.closes_on = today + timedelta(days=28)
    open_round.decisions_by = open_round.closes_on + timedelta(days=21)
    applications = applications_of(
        fund, rng, open_round, picker, themes, max(4, per_round // 2), drafts=0.4
    )
    in_progress(fund, rng, applications)
    for grant in fund.grants:
        if grant.status == Grant.Status.SETTLED:
            fund.showcase_grant = grant
            break
    else:
        fund.showcase_grant = fund.grants[0] if fund.grants else Grant(pk=1)
    say(
        f"{len(fund.applications)} applications, {len(fund.grants)} grants, "
        f"{len(fund.entries)} ledger entries planned"
    )
    return fund


def people(
    fund: Fund, rng: random.Random, initiatives: list[Initiative], committee: int, grow: float
) -> None:
    """The committee (each also a member of an initiative, and some with a declared tie) and
    the treasurers."""
    for number in range(1, committee + 1):
        user = User(
            email=BENCH_EMAIL.format(role="commissie", number=number),
            name=f"Commissielid {number}",
        )
        user.set_unusable_password()
        fund.committee.append(user)
    for number in range(1, max(TREASURERS, round(TREASURERS * grow)) + 1):
        user = User(
            email=BENCH_EMAIL.format(role="penningmeester", number=number),
            name=f"Penningmeester {number}",
        )
        user.set_unusable_password()
        fund.treasurers.append(user)
    fund.users = fund.committee + fund.treasurers
    for index, user in enumerate(fund.committee):
        own = rng.choice(initiatives)
        fund.memberships.append(Membership(initiative=own, user=user))
        fund.conflicts[index] = {own.pk: Recusal.Reason.APPLICANT}
        if index % 2 == 0:
            tied = rng.choice(initiatives)
            if tied.pk not in fund.conflicts[index]:
                fund.ties.append(
                    Tie(user=user, initiative=tied, description="Mijn buurvrouw is trekker.")
                )
                fund.conflicts[index][tied.pk] = Recusal.Reason.TIE


def funders(fund: Fund, size: int) -> None:
    for name, kind, description, _share in FUNDERS:
        fund.funders.append(
            Funder(name=name, slug=slugify(name), kind=kind, description=description)
        )
    for number in range(1, round(size / 500) + 1):
        name = f"Stichting Buurtfonds {number:03d}"
        fund.funders.append(
            Funder(name=name, slug=slugify(name), kind=Funder.Kind.FOUNDATION, description="")
        )
    name, kind, description = EARMARKED_FUNDER
    earmarking = Funder(name=name, slug=slugify(name), kind=kind, description=description)
    fund.funders.append(earmarking)


def new_round(fund: Fund, number: int, closed: int, opens_on: date) -> Round:
    """Round `number` (from 0; `closed` of them are closed, the one after those is open)."""
    name = f"{SEASONS[0] if opens_on.month < 7 else SEASONS[1]} {opens_on.year}"
    if number < closed and closed > YEARS * len(SEASONS):
        name += f", ronde {number + 1}"  # a bigger network runs more rounds a season
    closes_on = opens_on + timedelta(days=42)
    round_ = Round(
        name=name,
        slug=f"{ROUND_PREFIX}{slugify(name)}-{number + 1:03d}",
        description="Geld voor wat buren samen doen: een plan van bewoners, voor bewoners.",
        opens_on=opens_on,
        closes_on=closes_on,
        decisions_by=closes_on + timedelta(days=21),
        max_per_application_cents=5_000_00,
        min_reviews=2,
        first_timers_first=number % 2 == 1,
    )
    fund.rounds.append(round_)
    criteria = [
        Criterion(
            round=round_, name=title, description=explanation, weight=weight, position=position
        )
        for position, (title, explanation, weight) in enumerate(CRITERIA)
    ]
    fund.criteria += criteria
    fund.criteria_of[id(round_)] = criteria
    return round_


def applications_of(
    fund: Fund,
    rng: random.Random,
    round_: Round,
    picker: Zipf,
    themes: list[Theme],
    count: int,
    drafts: float = 0.0,
) -> list[Application]:
    """Submitted applications (with their first revision), `drafts` of them drafts."""
    made = []
    for number in range(count):
        initiative = picker.pick(rng)
        what, summary = rng.choice(WHAT)
        asked = cents(rng, 250, 5_000)
        application = Application(
            round=round_,
            initiative=initiative,
            title=f"{what} {initiative.place or initiative.municipality.name}"[:150],
            summary=summary,
            plan="We zoeken vrijwilligers, regelen een plek en beginnen klein.",
            why="In de buurt is behoefte aan ontmoeting en hulp dichtbij.",
            for_whom="Bewoners van de wijk, vooral wie er alleen voor staat.",
            theme=rng.choice(themes) if themes and rng.random() < 0.85 else None,
            amount_cents=asked,
            status=Application.Status.SUBMITTED,
            revision=1,
            submitted_at=moment(round_.opens_on + timedelta(days=rng.randint(1, 40)), 20),
        )
        # With drafts, the first is one and the second is not; the rest as it falls.
        if drafts and (number == 0 or (number > 1 and rng.random() < drafts)):
            application.status = Application.Status.DRAFT
            application.revision = 0
            application.submitted_at = None
        fund.applications.append(application)
        made.append(application)
        parts = rng.randint(2, 3)
        shares = split(asked, parts, rng)
        lines = []
        for position, (description, share) in enumerate(
            zip(rng.sample(LINES, parts), shares, strict=True)
        ):
            lines.append({"description": description, "amount_cents": share})
            fund.budget_lines.append(
                BudgetLine(
                    application=application,
                    description=description,
                    amount_cents=share,
                    position=position,
                )
            )
        if application.status == Application.Status.DRAFT:
            continue
        fund.revisions.append(
            ApplicationRevision(
                application=application,
                number=1,
                content={
                    "title": application.title,
                    "summary": summary,
                    "amount_cents": asked,
                    "budget_lines": lines,
                },
            )
        )
    return made


def split(total: int, parts: int, rng: random.Random) -> list[int]:
    """`total` cents in `parts` positive amounts of whole euros (the last takes the rest)."""
    shares = []
    left = total
    for remaining in range(parts, 1, -1):
        share = max(100, (left * rng.randint(30, 60) // 100) // 100 * 100)
        share = min(share, left - 100 * (remaining - 1))
        shares.append(share)
        left -= share
    return [*shares, left]


def reviewers_for(fund: Fund, application: Application) -> list[int]:
    """The committee members (by index) without a conflict with this application."""
    return [
        index
        for index in range(len(fund.committee))
        if application.initiative_id not in fund.conflicts[index]
    ]


def review(
    fund: Fund,
    rng: random.Random,
    application: Application,
    index: int,
    outcome: str,
    at: datetime,
    submitted: bool = True,
) -> None:
    recommendation: str = RECOMMENDATIONS[outcome]
    if rng.random() < 0.2:  # reviewers do not always agree
        recommendation = rng.choice(list(Review.Recommendation))
    item = Review(
        application=application,
        reviewer=fund.committee[index],
        recommendation=recommendation if submitted else "",
        recommended_cents=(
            application.amount_cents * 3 // 4 // 100 * 100
            if recommendation == Review.Recommendation.PART and submitted
            else None
        ),
        comment="Sterk plan; let op de kosten van de ruimte." if submitted else "",
        submitted_at=at if submitted else None,
    )
    fund.reviews.append(item)
    high = 5 if outcome != Decision.Outcome.REJECT else 3
    for criterion in fund.criteria_of[id(application.round)]:
        if submitted or rng.random() < 0.5:
            fund.scores.append(Score(review=item, criterion=criterion, score=rng.randint(1, high)))


def decide(
    fund: Fund,
    rng: random.Random,
    round_: Round,
    applications: list[Application],
    earmarked: Contribution,
    earmark_place: Municipality | None,
    funder: Funder,
    today: date,
) -> None:
    """Reviews, decisions, the round's money, grants, payouts and reports of a closed round."""
    decided_on = round_.closes_on + timedelta(days=rng.randint(10, 20))
    # Model instances without an id yet are kept by their identity.
    outcomes: dict[int, str | None] = {}
    for application in applications:
        draw = rng.random()
        if draw < 0.08:
            outcomes[id(application)] = None  # withdrawn before a decision
        elif draw < 0.45:
            outcomes[id(application)] = Decision.Outcome.REJECT
        elif draw < 0.60:
            outcomes[id(application)] = Decision.Outcome.PART
        else:
            outcomes[id(application)] = Decision.Outcome.AWARD
    awards: dict[int, int] = {}
    for application in applications:
        if outcomes[id(application)] == Decision.Outcome.AWARD:
            awards[id(application)] = application.amount_cents
        elif outcomes[id(application)] == Decision.Outcome.PART:
            part = application.amount_cents * rng.randint(50, 80) // 100 // 50_00 * 50_00
            awards[id(application)] = max(100_00, part)
    # The round's budget: a little more than it awards; the earmarked money first for what fits.
    fitting_earmark = sum(
        awards.get(id(a), 0)
        for a in applications
        if earmark_place is not None and a.initiative.municipality_id == earmark_place.pk
    )
    total = sum(awards.values())
    budget = max(1_000_00, math.ceil(total * 1.1 / 1_000_00) * 1_000_00)
    from_earmark = min(earmarked.unallocated_cents, fitting_earmark)
    general_need = budget - from_earmark
    contribution = Contribution(
        funder=funder,
        amount_cents=math.ceil(general_need * 1.2 / 1_000_00) * 1_000_00,
        received_on=round_.opens_on - timedelta(days=rng.randint(20, 60)),
        reference=f"BIJ-{len(fund.contributions) + 1:05d}",
    )
    contribution.unallocated_cents = contribution.amount_cents
    fund.contributions.append(contribution)
    fund.entry(
        Kind.CONTRIBUTION,
        contribution.amount_cents,
        contribution,
        moment(contribution.received_on, 10),
    )
    fundings: list[RoundFunding] = []
    budget_at = moment(round_.opens_on, 9)
    for source, amount in ((earmarked, from_earmark), (contribution, general_need)):
        if amount <= 0:
            continue
        funding = RoundFunding(round=round_, contribution=source, reserved_cents=amount)
        fund.round_fundings.append(funding)
        fundings.append(funding)
        source.unallocated_cents -= amount
        round_.budget_cents += amount
        fund.entry(Kind.ROUND_BUDGET, amount, source, budget_at, round=round_)

    # Reviews, then the decisions in the order the committee took them.
    decided = [a for a in applications if outcomes[id(a)] is not None]
    rng.shuffle(decided)
    previous = GENESIS
    for number, application in enumerate(decided, start=1):
        outcome = outcomes[id(application)]
        assert outcome is not None
        free = reviewers_for(fund, application)
        for index in rng.sample(free, min(len(free), rng.randint(2, 3))):
            review(
                fund, rng, application, index, outcome, moment(decided_on - timedelta(days=3), 21)
            )
        amount = awards.get(id(application), 0)
        recusals = sorted(
            fund.conflicts[index][application.initiative_id]
            for index in range(len(fund.committee))
            if application.initiative_id in fund.conflicts[index]
        )
        reason = rng.choice(REASONS[outcome])
        facts = {
            "round": round_.slug,
            "number": number,
            "application_id": None,  # filled in once the application has its id (save())
            "application_title": application.title,
            "initiative": application.initiative.name,
            "municipality": application.initiative.municipality.name,
            "outcome": outcome,
            "amount_cents": amount,
            "reason": reason,
            "date": decided_on.isoformat(),
            "recusals": recusals,
            "previous_hash": previous,
        }
        decision = Decision(
            round=round_,
            number=number,
            application=application,
            outcome=outcome,
            amount_cents=amount,
            reason=reason,
            content="",
            previous_hash="",
            hash="",
            decided_by=fund.committee[rng.choice(free)] if free else None,
            decided_at=moment(decided_on, 20),
        )
        fund.facts[id(decision)] = facts  # chained in save()
        fund.decisions.append(decision)
        for index in range(len(fund.committee)):
            reason_of = fund.conflicts[index].get(application.initiative_id)
            if reason_of:
                fund.recusals.append(
                    Recusal(decision=decision, user=fund.committee[index], reason=reason_of)
                )
        application.status = (
            Application.Status.REJECTED
            if outcome == Decision.Outcome.REJECT
            else Application.Status.AWARDED
        )
        if amount:
            grant_of(fund, rng, round_, application, amount, fundings, decided_on, today)
    for application in applications:
        if outcomes[id(application)] is None:
            application.status = Application.Status.WITHDRAWN
            application.withdrawn_at = moment(round_.closes_on + timedelta(days=2), 18)

    # Closing the round: what it did not award goes back to the fund.
    closed_at = moment(decided_on + timedelta(days=7), 10)
    round_.closed_at = closed_at
    for funding in fundings:
        left = funding.reserved_cents - funding.awarded_cents
        if left > 0:
            funding.reserved_cents -= left
            round_.budget_cents -= left
            funding.contribution.unallocated_cents += left
            fund.entry(Kind.ROUND_RELEASE, left, funding.contribution, closed_at, round=round_)


def grant_of(
    fund: Fund,
    rng: random.Random,
    round_: Round,
    application: Application,
    amount: int,
    fundings: list[RoundFunding],
    decided_on: date,
    today: date,
) -> None:
    """A grant that takes its money as fund.allocation.award() does, and what happened since."""
    grant = Grant(
        application=application,
        round=round_,
        initiative=application.initiative,
        awarded_on=decided_on,
        awarded_cents=amount,
        report_due_on=due_on(decided_on),
    )
    fund.grants.append(grant)
    at = moment(decided_on, 20)
    fitting = [
        f
        for f in fundings
        if (
            not f.contribution.is_earmarked
            or f.contribution.earmark_municipality_id == application.initiative.municipality_id
        )
        and f.reserved_cents > f.awarded_cents
    ]
    fitting.sort(key=lambda f: not f.contribution.is_earmarked)
    money: list[Money] = []
    left = amount
    for funding in fitting:
        if left == 0:
            break
        take = min(left, funding.reserved_cents - funding.awarded_cents)
        row = GrantFunding(
            grant=grant, round_funding=funding, contribution=funding.contribution, amount_cents=take
        )
        fund.grant_fundings.append(row)
        money.append(Money(row, funding))
        funding.awarded_cents += take
        round_.awarded_cents += take
        fund.entry(Kind.AWARD, take, funding.contribution, at, round=round_, grant=grant)
        left -= take
    if left:
        raise CommandError(f"round {round_.slug} cannot pay for {application.title}")

    age = (today - decided_on).days
    treasurers = fund.treasurers
    if age > 240:  # settled: paid in two tranches, a report accepted, the rest back
        grant.status = Grant.Status.SETTLED
        spent = max(100_00, amount * rng.randint(85, 100) // 100 // 100 * 100)
        first = spent * 7 // 10 // 100 * 100
        pay(fund, rng, grant, money, first, decided_on + timedelta(days=10), treasurers)
        pay(fund, rng, grant, money, spent - first, decided_on + timedelta(days=120), treasurers)
        repaid = 0
        if rng.random() < 0.08:
            repaid = max(100, spent * rng.randint(5, 20) // 100 // 100 * 100)
            spread(
                fund, grant, money, Kind.REPAYMENT, repaid, moment(decided_on + timedelta(days=200))
            )
        settled = moment(decided_on + timedelta(days=rng.randint(190, 230)), 15)
        rest = amount - grant.paid_cents - grant.released_cents
        if rest:
            spread(fund, grant, money, Kind.RELEASE, rest, settled)
        grant.settled_at = settled
        report(fund, rng, grant, Report.Status.ACCEPTED, spent - repaid, settled)
    elif age > 60:  # report due: paid in full, a report on its way
        grant.status = Grant.Status.REPORTING
        first = amount // 2 // 100 * 100 if rng.random() < 0.6 else amount
        pay(fund, rng, grant, money, first, decided_on + timedelta(days=10), treasurers)
        if first < amount:
            pay(
                fund, rng, grant, money, amount - first, decided_on + timedelta(days=50), treasurers
            )
        status = rng.choice(
            [
                Report.Status.SUBMITTED,
                Report.Status.SUBMITTED,
                Report.Status.DRAFT,
                Report.Status.CHANGES_REQUESTED,
                None,
            ]
        )
        if status is not None:
            report(fund, rng, grant, status, amount, moment(decided_on + timedelta(days=55)))
    else:  # just awarded: a first tranche, or one waiting for its second pair of eyes
        draw = rng.random()
        if draw < 0.6:
            pay(
                fund,
                rng,
                grant,
                money,
                amount // 2 // 100 * 100 or amount,
                decided_on + timedelta(days=7),
                treasurers,
            )
        elif draw < 0.8:
            fund.payouts.append(
                Payout(
                    grant=grant,
                    amount_cents=amount,
                    description="Eerste en enige tranche",
                    status=Payout.Status.PROPOSED,
                    idempotency_key=uuid.UUID(int=rng.getrandbits(128)),
                    proposed_by=rng.choice(treasurers),
                )
            )


def pay(
    fund: Fund,
    rng: random.Random,
    grant: Grant,
    money: list[Money],
    amount: int,
    day: date,
    treasurers: list[User],
) -> None:
    """A payout proposed by one treasurer and approved by another (or a committee member)."""
    if amount <= 0:
        return
    proposer = rng.choice(treasurers)
    approvers = [t for t in treasurers if t is not proposer] or fund.committee
    payout = Payout(
        grant=grant,
        amount_cents=amount,
        description="Tranche",
        status=Payout.Status.APPROVED,
        idempotency_key=uuid.UUID(int=rng.getrandbits(128)),
        proposed_by=proposer,
        approved_by=rng.choice(approvers),
        approved_at=moment(day, 11),
    )
    fund.payouts.append(payout)
    spread(fund, grant, money, Kind.PAYOUT, amount, moment(day, 11), payout=payout)


def spread(
    fund: Fund,
    grant: Grant,
    money: list[Money],
    kind: str,
    amount: int,
    at: datetime,
    payout: Payout | None = None,
) -> None:
    """As fund.payments._spread: over the grant's fundings in their order."""
    left = amount
    for item in money:
        row = item.row
        room = row.paid_cents - row.repaid_cents if kind == Kind.REPAYMENT else item.room_to_pay()
        take = min(left, room)
        if take <= 0:
            continue
        column = COLUMNS[kind]
        setattr(row, column, getattr(row, column) + take)
        setattr(grant, column, getattr(grant, column) + take)
        if kind in (Kind.REPAYMENT, Kind.RELEASE):
            row.contribution.unallocated_cents += take
        fund.entry(kind, take, row.contribution, at, round=grant.round, grant=grant, payout=payout)
        left -= take
    if left:
        raise CommandError(f"{kind} of {amount} does not fit grant {grant.application.title}")


def report(
    fund: Fund, rng: random.Random, grant: Grant, status: str, spent: int, at: datetime
) -> None:
    accepted = status == Report.Status.ACCEPTED
    fund.reports.append(
        Report(
            grant=grant,
            story="We zijn begonnen met een kleine groep en het groeide snel. Buren kennen elkaar nu.",
            people_reached=rng.randint(10, 400),
            volunteers=rng.randint(2, 30),
            volunteer_hours=rng.randint(20, 900),
            spent_cents=spent if needs_full_report(grant.awarded_cents) or accepted else None,
            status=status,
            committee_note="Dank voor het mooie verslag." if accepted else "",
            submitted_at=at if status != Report.Status.DRAFT else None,
            accepted_at=at if accepted else None,
            accepted_by=rng.choice(fund.committee) if accepted else None,
        )
    )


def in_progress(fund: Fund, rng: random.Random, applications: list[Application]) -> None:
    """The open round's submitted applications: some reviews started, some done."""
    for application in applications:
        if application.status == Application.Status.DRAFT:
            continue
        free = reviewers_for(fund, application)
        for index in rng.sample(free, min(len(free), rng.randint(0, 2))):
            review(
                fund,
                rng,
                application,
                index,
                Decision.Outcome.AWARD,
                moment(timezone.localdate(), 9),
                submitted=rng.random() < 0.6,
            )


# --- Saving: each table once, in bulk, parents before children ---


def save(fund: Fund, say: Callable[[str], None]) -> None:
    User.objects.bulk_create(fund.users, batch_size=BATCH)
    for group_name, members in ((FUND_COMMITTEE, fund.committee), (TREASURER, fund.treasurers)):
        group, _created = Group.objects.get_or_create(name=group_name)
        group.user_set.add(*members)
    Membership.objects.bulk_create(fund.memberships, batch_size=BATCH)
    Tie.objects.bulk_create(fund.ties, batch_size=BATCH)
    insert(Funder, fund.funders)
    insert(Contribution, fund.contributions)
    insert(Round, fund.rounds)
    insert(Criterion, fund.criteria)
    insert(RoundFunding, fund.round_fundings)
    insert(Application, fund.applications)
    say(f"{len(fund.applications)} applications inserted")
    insert(BudgetLine, fund.budget_lines)
    insert(ApplicationRevision, fund.revisions)
    insert(Review, fund.reviews)
    insert(Score, fund.scores)
    chain(fund.decisions, fund.facts)
    insert(Decision, fund.decisions)
    insert(Recusal, fund.recusals)
    insert(Grant, fund.grants)
    insert(GrantFunding, fund.grant_fundings)
    insert(Payout, fund.payouts)
    insert(Report, fund.reports)
    fund.entries.sort(key=lambda entry: entry.created_at)
    insert(LedgerEntry, fund.entries)
    say(f"{len(fund.entries)} ledger entries inserted")


def insert(model: type, rows: Iterable[Any]) -> None:
    model.objects.bulk_create(rows, batch_size=BATCH)  # type: ignore[attr-defined]


def chain(decisions: list[Decision], all_facts: dict[int, dict[str, Any]]) -> None:
    """Each round's entries hashed in order of number, each holding the hash of the one before
    (the applications have their ids now)."""
    previous: dict[int, str] = {}
    for decision in sorted(decisions, key=lambda d: (id(d.round), d.number)):
        facts = all_facts[id(decision)]
        facts["application_id"] = decision.application.pk
        facts["previous_hash"] = previous.get(id(decision.round), GENESIS)
        decision.previous_hash = facts["previous_hash"]
        decision.content = canonical(facts)
        decision.hash = hash_of(decision.content)
        previous[id(decision.round)] = decision.hash
