"""The demo community fund for `make run` (fund/demo_data.py holds its texts).

Four funders (the province, a municipality whose money is earmarked for its own initiatives, a
bank's fund, and a foundation whose money is only for the theme eenzaamheid); a closed round with
its decisions (awarded in full, in part, rejected, one with a recusal), payouts approved by a
second person (one still waiting), and reports (one accepted, one waiting for the committee, one
due); an open round with drafts, submitted applications, reviews in progress and a declared tie;
a round still to come. Accounts for the committee and the treasurer, who set up two-factor login
on their first login, as the coordinator does.

Every euro moves through the fund's core (fund/ledger.py, fund/allocation.py, fund/payments.py),
so `fund.ledger.derived_mismatches()` finds nothing. Made once: when the funder "Provincie
Utrecht" exists, the fund is left as it is. It runs after the directory's demo (INSTALLED_APPS
order) and uses its initiatives; without them it makes nothing.

The decisions go through the decision list's own `append`, and the revisions through
`fund.revisions.freeze`. Payouts are approved and reports accepted with the core's `pay` and
`release_unpaid` directly, because the parts' actions date what they do today and e-mail people,
while the demo tells a story spread over the past months.
"""

import io
import uuid
from datetime import date, datetime, timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from accounts.demo import demo_user
from accounts.models import User
from accounts.roles import FUND_COMMITTEE
from accounts.roles import TREASURER as TREASURER_ROLE
from fund import decision_list
from fund.allocation import add_to_budget, award, release_round
from fund.demo_data import (
    AMERSFOORT,
    APPLICANTS,
    APPLICATIONS,
    COMMITTEE,
    COMMITTEE_EMAIL,
    CRITERIA,
    DECIDED_DAY,
    FUNDERS,
    ROUNDS,
    TIES,
    TREASURER,
    TREASURER_EMAIL,
    DemoApplication,
    DemoPayout,
    DemoPerson,
    DemoReport,
    DemoReview,
    DemoRound,
)
from fund.ledger import record_contribution
from fund.models import (
    Application,
    ApplicationRevision,
    BudgetLine,
    Contribution,
    Criterion,
    Decision,
    Funder,
    Grant,
    Payout,
    Receipt,
    Recusal,
    Report,
    ReportLine,
    Review,
    Round,
    Score,
    Tie,
)
from fund.money import euros
from fund.payments import pay, release_unpaid
from fund.permissions import KEPT_TIES, conflicts
from fund.revisions import freeze
from initiatives.models import Initiative, Membership, Municipality, Theme
from omzien.demo import demo_loader

MARKER = FUNDERS[0].name


@demo_loader
def load_fund() -> list[str]:
    if not Funder.objects.filter(name=MARKER).exists():
        _load(timezone.localdate())
    if not Funder.objects.filter(name=MARKER).exists():
        return []
    return _summary()


def _summary() -> list[str]:
    rounds = Round.objects.count()
    grants = Grant.objects.count()
    money_in = sum(
        Contribution.objects.filter(reversed_at=None).values_list("amount_cents", flat=True)
    )
    return [
        f"Community fund: {Funder.objects.count()} funders, {euros(money_in)} in, {rounds} rounds, "
        f"{grants} grants; see /fund/",
        f"Fund committee: {COMMITTEE_EMAIL} (asks to set up two-factor login on first login)",
        f"Fund committee, with a declared tie: {COMMITTEE[1].email}",
        f"Treasurer: {TREASURER_EMAIL} (asks to set up two-factor login on first login)",
    ]


class _Clock:
    """Days counted from the day the demo is loaded, as dates and as moments (at ten o'clock)."""

    def __init__(self, today: date) -> None:
        self.today = today

    def day(self, offset: int) -> date:
        return self.today + timedelta(days=offset)

    def moment(self, offset: int, hour: int = 10) -> datetime:
        return timezone.make_aware(datetime.combine(self.day(offset), datetime.min.time())).replace(
            hour=hour
        )


def _load(today: date) -> None:
    initiatives = {i.name: i for i in Initiative.objects.approved()}
    if not initiatives:
        return
    clock = _Clock(today)
    with transaction.atomic():
        people = _people(initiatives)
        initiatives |= _amersfoort_initiative(people)
        contributions = _contributions(clock, people[TREASURER_EMAIL])
        rounds = {r.key: _round(r, clock, contributions, people[COMMITTEE_EMAIL]) for r in ROUNDS}
        for email, initiative_name, description in TIES:
            if initiative_name in initiatives:
                _tie(people[email], initiatives[initiative_name], description, clock)
        for spec in APPLICATIONS:
            initiative = initiatives.get(spec.initiative or AMERSFOORT_KEY)
            if initiative is not None:
                _application(spec, rounds[spec.round], initiative, people, clock)
        release_round(rounds["closed"], by=people[COMMITTEE_EMAIL])
        Round.objects.filter(pk=rounds["closed"].pk).update(closed_at=clock.moment(-150))


AMERSFOORT_KEY = "__amersfoort__"


def _people(initiatives: dict[str, Initiative]) -> dict[str, User]:
    people: dict[str, User] = {}
    for person in COMMITTEE:
        people[person.email] = demo_user(person.email, person.name, groups=(FUND_COMMITTEE,))
    people[TREASURER_EMAIL] = demo_user(TREASURER_EMAIL, TREASURER.name, groups=(TREASURER_ROLE,))
    for person in [*COMMITTEE, *APPLICANTS]:
        if person.admin_of and person.admin_of in initiatives:
            user = people.get(person.email) or demo_user(person.email, person.name)
            people[person.email] = user
            _admin(user, initiatives[person.admin_of])
    return people


def _admin(user: User, initiative: Initiative) -> None:
    Membership.objects.get_or_create(
        initiative=initiative, user=user, defaults={"role": Membership.Role.ADMIN}
    )


def _amersfoort_initiative(people: dict[str, User]) -> dict[str, Initiative]:
    """An approved initiative in Amersfoort without a team, which gets one to apply."""
    initiative = (
        Initiative.objects.approved()
        .filter(municipality__name=AMERSFOORT.municipality, memberships=None)
        .exclude(claims__isnull=False)
        .order_by("name")
        .first()
    )
    if initiative is None:
        return {}
    person: DemoPerson = AMERSFOORT.admin
    user = demo_user(person.email, person.name)
    people[person.email] = user
    _admin(user, initiative)
    return {AMERSFOORT_KEY: initiative}


def _contributions(clock: _Clock, treasurer: User) -> dict[str, Contribution]:
    municipalities = {m.name: m for m in Municipality.objects.all()}
    themes = {t.name: t for t in Theme.objects.all()}
    made = {}
    for spec in FUNDERS:
        funder = Funder.objects.create(
            name=spec.name,
            slug=spec.slug,
            kind=spec.kind,
            description=spec.description,
            website=spec.website,
        )
        contribution = Contribution.objects.create(
            funder=funder,
            amount_cents=spec.amount_cents,
            received_on=clock.day(spec.received_day),
            reference=spec.reference,
            earmark_municipality=municipalities.get(spec.earmark_municipality),
            earmark_theme=themes.get(spec.earmark_theme),
            note=spec.note,
            recorded_by=treasurer,
        )
        record_contribution(contribution, by=treasurer)
        made[spec.name] = contribution
    return made


def _round(
    spec: DemoRound, clock: _Clock, contributions: dict[str, Contribution], by: User
) -> Round:
    opens = clock.day(spec.opens_day)
    name = f"{spec.name} {opens.year}"
    round_ = Round.objects.create(
        name=name,
        slug=slugify(name),
        description=spec.description,
        opens_on=opens,
        closes_on=clock.day(spec.closes_day),
        decisions_by=clock.day(spec.decisions_day),
        max_per_application_cents=spec.max_per_application_cents,
        max_grants_per_year=1,
        first_timers_first=spec.first_timers_first,
        min_reviews=2,
        created_by=by,
    )
    for position, criterion in enumerate(CRITERIA):
        Criterion.objects.create(
            round=round_,
            name=criterion.name,
            description=criterion.description,
            weight=criterion.weight,
            position=position,
        )
    for funder, cents in spec.budget:
        add_to_budget(round_, cents, by=by, contributions=[contributions[funder]])
    round_.refresh_from_db()
    return round_


def _tie(user: User, initiative: Initiative, description: str, clock: _Clock) -> None:
    tie = Tie.objects.create(user=user, initiative=initiative, description=description)
    Tie.objects.filter(pk=tie.pk).update(declared_at=clock.moment(-30))
    if hasattr(user, KEPT_TIES):
        delattr(user, KEPT_TIES)


def _application(
    spec: DemoApplication,
    round_: Round,
    initiative: Initiative,
    people: dict[str, User],
    clock: _Clock,
) -> None:
    author = (
        User.objects.filter(
            memberships__initiative=initiative, memberships__role=Membership.Role.ADMIN
        )
        .order_by("pk")
        .first()
    )
    themes = {t.name: t for t in Theme.objects.all()}
    application = Application.objects.create(
        round=round_,
        initiative=initiative,
        title=spec.title,
        summary=spec.summary,
        plan=spec.plan,
        why=spec.why,
        for_whom=spec.for_whom,
        theme=themes.get(spec.theme),
        amount_cents=spec.amount_cents,
        created_by=author,
    )
    for position, (description, cents) in enumerate(spec.lines):
        BudgetLine.objects.create(
            application=application, description=description, amount_cents=cents, position=position
        )
    Application.objects.filter(pk=application.pk).update(
        created_at=clock.moment(spec.created_day), updated_at=clock.moment(spec.created_day)
    )
    if spec.submitted_day is None:
        return
    _submit(application, author, clock.moment(spec.submitted_day))
    criteria = list(round_.criteria.order_by("position"))
    for review in spec.reviews:
        _review(application, review, criteria, people[review.reviewer], clock)
    if not spec.outcome:
        return
    committee = [people[p.email] for p in COMMITTEE]
    # One evening meeting of the committee, the decisions a few minutes apart.
    earlier = Decision.objects.filter(round=round_).count()
    decided_at = clock.moment(DECIDED_DAY, hour=20) + timedelta(minutes=5 * earlier)
    grant = decide(
        application,
        spec.outcome,
        spec.awarded_cents,
        spec.reason,
        by=people[spec.decided_by],
        committee=committee,
        at=decided_at,
    )
    if grant is None:
        return
    for payout in spec.payouts:
        _payout(grant, payout, people, clock)
    if spec.report is not None:
        _report(grant, spec.report, author, people, clock)
    status = {"awarded": Grant.Status.AWARDED, "reporting": Grant.Status.REPORTING}
    if spec.grant_status in status:
        Grant.objects.filter(pk=grant.pk).update(status=status[spec.grant_status])


def _submit(application: Application, author: User | None, at: datetime) -> None:
    """Submitted at `at`, with its first frozen revision."""
    with transaction.atomic():
        freeze(application, by=author)
    ApplicationRevision.objects.filter(application=application).update(created_at=at)
    Application.objects.filter(pk=application.pk).update(
        status=Application.Status.SUBMITTED, submitted_at=at, revision=1, updated_at=at
    )
    application.refresh_from_db()


def _review(
    application: Application,
    spec: DemoReview,
    criteria: list[Criterion],
    reviewer: User,
    clock: _Clock,
) -> None:
    assert application.submitted_at is not None
    written = application.submitted_at + timedelta(days=3, hours=11)
    review = Review.objects.create(
        application=application,
        reviewer=reviewer,
        recommendation=spec.recommendation if spec.submitted else "",
        recommended_cents=spec.recommended_cents,
        comment=spec.comment,
        submitted_at=written if spec.submitted else None,
    )
    Review.objects.filter(pk=review.pk).update(created_at=written)
    Score.objects.bulk_create(
        Score(review=review, criterion=criterion, score=score)
        for criterion, score in zip(criteria, spec.scores, strict=True)
        if score
    )


# The first entry of a round's decision list names this as the hash before it.


def decide(
    application: Application,
    outcome: str,
    cents: int,
    reason: str,
    *,
    by: User,
    committee: list[User],
    at: datetime,
) -> Grant | None:
    """A decision on the round's decision list, with the award in the same transaction, and the
    committee members who took no part in it, dated `at`."""
    with transaction.atomic():
        round_ = Round.objects.select_for_update().get(pk=application.round_id)
        grant = None
        if outcome != Decision.Outcome.REJECT:
            grant = award(application, cents, by=by, on=at.date())
            status = Application.Status.AWARDED
        else:
            cents, status = 0, Application.Status.REJECTED
        Application.objects.filter(pk=application.pk).update(status=status)
        recusals = [
            (member, reason) for member in committee for reason in conflicts(member, application)
        ]
        decision = decision_list.append(
            round_,
            application,
            outcome=outcome,
            amount_cents=cents,
            reason=reason,
            recusals=[str(reason) for _member, reason in recusals],
            by=by,
            at=at,
        )
        Recusal.objects.bulk_create(
            Recusal(decision=decision, user=member, reason=reason) for member, reason in recusals
        )
    if grant is not None:
        grant.refresh_from_db()
    return grant


def _payout(grant: Grant, spec: DemoPayout, people: dict[str, User], clock: _Clock) -> None:
    treasurer = people[TREASURER_EMAIL]
    payout = Payout.objects.create(
        grant=grant,
        amount_cents=spec.cents,
        description=spec.description,
        idempotency_key=uuid.uuid4(),
        proposed_by=treasurer,
    )
    Payout.objects.filter(pk=payout.pk).update(proposed_at=clock.moment(spec.proposed_day))
    if spec.approved_by:
        approve_payout(payout, people[spec.approved_by], clock.moment(spec.approved_day, hour=16))
    grant.refresh_from_db()


def approve_payout(payout: Payout, by: User, at: datetime) -> None:
    """The second person approves, and the money is paid."""
    with transaction.atomic():
        Grant.objects.select_for_update().get(pk=payout.grant_id)
        Payout.objects.filter(pk=payout.pk, status=Payout.Status.PROPOSED).update(
            status=Payout.Status.APPROVED, approved_by=by, approved_at=at
        )
        payout.refresh_from_db()
        pay(payout, by=by)


def _report(
    grant: Grant,
    spec: DemoReport,
    author: User | None,
    people: dict[str, User],
    clock: _Clock,
) -> None:
    report = Report.objects.create(
        grant=grant,
        story=spec.story,
        photo_description=spec.photo_description,
        people_reached=spec.people_reached,
        volunteers=spec.volunteers,
        volunteer_hours=spec.volunteer_hours,
        spent_cents=spec.spent_cents,
        status=Report.Status.SUBMITTED,
        created_by=author,
        submitted_at=clock.moment(spec.submitted_day, hour=19),
    )
    report.photo.save(f"verantwoording-{grant.pk}.jpg", ContentFile(_picture(grant.pk)), save=True)
    lines = list(grant.application.budget_lines.order_by("position"))
    ReportLine.objects.bulk_create(
        ReportLine(report=report, budget_line=line, spent_cents=cents)
        for line, cents in zip(lines, spec.spent_per_line, strict=False)
    )
    for name in spec.receipts:
        receipt = Receipt(report=report, name=name, size=0)
        content = _receipt(name)
        receipt.size = len(content)
        receipt.file.save(name, ContentFile(content), save=True)
    if spec.status == Report.Status.ACCEPTED:
        _accept_report(report, people[spec.accepted_by], clock.moment(spec.accepted_day), spec)


def _accept_report(report: Report, by: User, at: datetime, spec: DemoReport) -> None:
    """Accepted, and the grant settled: unspent money back to the fund."""
    with transaction.atomic():
        grant = Grant.objects.select_for_update().get(pk=report.grant_id)
        Report.objects.filter(pk=report.pk).update(
            status=Report.Status.ACCEPTED,
            accepted_at=at,
            accepted_by=by,
            committee_note=spec.committee_note,
        )
        release_unpaid(grant, by=by)
        Grant.objects.filter(pk=grant.pk).update(status=Grant.Status.SETTLED, settled_at=at)


def _picture(seed: int) -> bytes:
    """A small photo-like picture: a sky, a field, and a bench (JPEG)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (800, 533), (170, 205, 230))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 330, 800, 533), fill=(110, 160, 80))
    draw.ellipse((620 - seed % 5 * 20, 50, 720 - seed % 5 * 20, 150), fill=(250, 215, 120))
    draw.rectangle((220, 300, 580, 330), fill=(120, 80, 50))
    draw.rectangle((220, 250, 580, 270), fill=(120, 80, 50))
    for x in (240, 540):
        draw.rectangle((x, 330, x + 20, 400), fill=(70, 70, 70))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


def _receipt(name: str) -> bytes:
    """A photo of a receipt (JPEG): a white slip with lines of text."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (400, 600), (235, 235, 230))
    draw = ImageDraw.Draw(image)
    draw.rectangle((60, 30, 340, 570), fill=(255, 255, 255))
    draw.text((80, 50), name.removesuffix(".jpg").replace("-", " ").upper(), fill=(20, 20, 20))
    for row in range(12):
        draw.line((80, 100 + row * 30, 320 - (row * 37) % 90, 100 + row * 30), fill=(90, 90, 90))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()
