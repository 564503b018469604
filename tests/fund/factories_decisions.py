"""Factories of the decisions part: committee members, reviews, ties, and applications ready for
a decision. Decisions themselves are always taken through fund/decisions.py."""

from collections.abc import Sequence

from django.utils import timezone

from accounts.models import User
from accounts.roles import FUND_COMMITTEE
from fund.models import Application, Review, Round, Score, Tie
from initiatives.models import Initiative
from tests.factories import role_user
from tests.fund.factories import submitted_application


def committee_member(**kwargs: object) -> User:
    return role_user(FUND_COMMITTEE, **kwargs)


def review(
    application: Application,
    reviewer: User,
    scores: Sequence[int] | None = None,
    *,
    recommendation: str = Review.Recommendation.AWARD,
    submitted: bool = True,
    comment: str = "Een goed plan voor de buurt.",
    recommended_cents: int | None = None,
) -> Review:
    """A review with a score per criterion of the round (in the round's order; default all 4)."""
    criteria = list(application.round.criteria.order_by("position", "pk"))
    made = Review.objects.create(
        application=application,
        reviewer=reviewer,
        recommendation=recommendation,
        recommended_cents=recommended_cents,
        comment=comment,
        submitted_at=timezone.now() if submitted else None,
    )
    values = list(scores) if scores is not None else [4] * len(criteria)
    Score.objects.bulk_create(
        Score(review=made, criterion=c, score=v) for c, v in zip(criteria, values, strict=False)
    )
    return made


def ready_application(
    reviewers: Sequence[User], scores: Sequence[int] | None = None, **kwargs: object
) -> Application:
    """A submitted application with a submitted review by each of `reviewers`."""
    application = submitted_application(**kwargs)
    for reviewer in reviewers:
        review(application, reviewer, scores)
    return application


def tie(user: User, initiative: Initiative, description: str = "Ik ben er vrijwilliger.") -> Tie:
    return Tie.objects.create(user=user, initiative=initiative, description=description)


def round_with(budget_cents: int, **kwargs: object) -> Round:
    from tests.fund.factories import RoundFactory

    return RoundFactory(budget_cents=budget_cents, **kwargs)
