"""The fund committee's work: per open round, what a member has to review and what is ready to
decide, ranked by the reviews' weighted score.

- to review: submitted applications this member has no conflict with and has not submitted a
  review of yet (a draft review counts as not yet);
- to decide: submitted applications whose round's rule is met (at least `min_reviews` submitted
  reviews), this member having no conflict; ranked by their score, and when the round gives
  priority to initiatives that never received a grant, those first ("nog nooit geld
  gekregen");
- no part in: the applications this member has a conflict with, and why.

`candidates(user)` reads it all in a constant number of queries (five, with the person's
memberships and ties), however many rounds, applications and reviews. `register()` adds the two
per-person queues to the work overview (omzien/work_queues.py).
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from fund.models import Application, Grant, Review, Round, Score
from fund.permissions import Person, conflicts, is_committee
from fund.reviews import average, weighted_score
from initiatives.models import Initiative
from omzien.work_queues import WorkQueue, register_work_queue


@dataclass
class Candidate:
    """A submitted application as the committee's page shows it to one member."""

    application: Application
    score: Decimal | None
    submitted_reviews: int
    own: str  # "", "draft" or "submitted": this member's review
    first_timer: bool
    conflicts: list[str] = field(default_factory=list)

    @property
    def round(self) -> Round:
        return self.application.round

    @property
    def rule_met(self) -> bool:
        return self.submitted_reviews >= self.application.round.min_reviews

    @property
    def reviews_missing(self) -> int:
        return max(self.application.round.min_reviews - self.submitted_reviews, 0)

    @property
    def priority(self) -> bool:
        """The round gives priority to initiatives that never received a grant, and this is one."""
        return self.application.round.first_timers_first and self.first_timer


def rank_key(candidate: Candidate) -> tuple:
    """First-timers first where the round says so, then the highest score, then the oldest."""
    app = candidate.application
    no_score = candidate.score is None
    return (
        app.round.closes_on,
        app.round_id,
        not candidate.priority,
        no_score,
        -(candidate.score or 0),
        app.submitted_at,
        app.pk,
    )


def candidates(user: User) -> list[Candidate]:
    """Every submitted application of the rounds not closed yet, with its score, the number of
    submitted reviews, this member's review state and conflicts; in the order of the ranking."""
    reviews = Review.objects.filter(application=OuterRef("pk"), reviewer=user.pk)
    applications = (
        Application.objects.filter(status=Application.Status.SUBMITTED, round__closed_at=None)
        .select_related("round", "initiative__municipality")
        .prefetch_related(Prefetch("co_applicants", queryset=Initiative.objects.only("pk")))
        .annotate(
            submitted_reviews=Count("reviews", filter=Q(reviews__submitted_at__isnull=False)),
            own_started=Exists(reviews),
            own_submitted=Exists(reviews.filter(submitted_at__isnull=False)),
            had_grant=Exists(Grant.objects.filter(initiative=OuterRef("initiative"))),
        )
        .order_by()
    )
    # Every score of every submitted review of those applications, in one query.
    pairs: dict[int, dict[int, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
    for application_id, review_id, score, weight in Score.objects.filter(
        review__submitted_at__isnull=False,
        review__application__status=Application.Status.SUBMITTED,
        review__application__round__closed_at=None,
    ).values_list("review__application_id", "review_id", "score", "criterion__weight"):
        pairs[application_id][review_id].append((score, weight))
    found = []
    for app in applications:
        by_review = pairs.get(app.pk, {})
        found.append(
            Candidate(
                application=app,
                score=average(weighted_score(p) for p in by_review.values()),
                submitted_reviews=app.submitted_reviews,  # type: ignore[attr-defined]
                own="submitted"
                if app.own_submitted  # type: ignore[attr-defined]
                else ("draft" if app.own_started else ""),  # type: ignore[attr-defined]
                first_timer=not app.had_grant,  # type: ignore[attr-defined]
                conflicts=conflicts(user, app),
            )
        )
    found.sort(key=rank_key)
    return found


def to_review(found: Sequence[Candidate]) -> list[Candidate]:
    return [c for c in found if not c.conflicts and c.own != "submitted"]


def to_decide(found: Sequence[Candidate]) -> list[Candidate]:
    return [c for c in found if not c.conflicts and c.rule_met]


def no_part_in(found: Sequence[Candidate]) -> list[Candidate]:
    return [c for c in found if c.conflicts]


@dataclass
class RoundWork:
    round: Round
    to_review: list[Candidate]
    to_decide: list[Candidate]
    no_part_in: list[Candidate]


def work_per_round(user: User) -> list[RoundWork]:
    """The rounds not closed yet, the one closing first first, each with its lists."""
    found = candidates(user)
    by_round: dict[int, list[Candidate]] = defaultdict(list)
    for candidate in found:
        by_round[candidate.application.round_id].append(candidate)
    return [
        RoundWork(
            round_,
            to_review(by_round[round_.pk]),
            to_decide(by_round[round_.pk]),
            no_part_in(by_round[round_.pk]),
        )
        for round_ in Round.objects.filter(closed_at=None).order_by("closes_on", "pk")
    ]


def _to_review_queue(user: Person) -> list[Candidate]:
    return to_review(candidates(user)) if isinstance(user, User) else []


def _to_decide_queue(user: Person) -> list[Candidate]:
    return to_decide(candidates(user)) if isinstance(user, User) else []


def register() -> None:
    """The committee's two queues ("to review", "to decide"), per person."""
    register_work_queue(
        WorkQueue(
            key="fund-to-review",
            title=_("To review"),
            items=_to_review_queue,
            item_template="fund/partials/_queue_to_review.html",
            visible_to=is_committee,
            intro=_(
                "Submitted applications you have not reviewed yet, leaving out those you take "
                "no part in."
            ),
            empty=_("You have reviewed every application that waits."),
            url_name="fund:committee",
            link_text=_("To the fund committee's page"),
            per_person=True,
        )
    )
    register_work_queue(
        WorkQueue(
            key="fund-to-decide",
            title=_("To decide"),
            items=_to_decide_queue,
            item_template="fund/partials/_queue_to_decide.html",
            visible_to=is_committee,
            intro=_("Enough reviews are in; the highest score first."),
            empty=_("No application is ready for a decision."),
            url_name="fund:committee",
            link_text=_("To the fund committee's page"),
            per_person=True,
        )
    )
