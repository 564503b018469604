"""The decisions part's share of a person's data (see accounts.personal_data): their reviews,
their declared ties, the decisions they took and those they took no part in.

Deleting an account keeps the reviews and the decision list without the person (the reviewer,
the decider and the recused person become empty; the database lets exactly that change through
on a decision) and removes their ties.
"""

from typing import Any

from accounts.models import User
from accounts.personal_data import Section, register_section
from fund.models import Decision, Recusal, Review, Tie


def _moment(value: Any) -> str | None:
    return value.isoformat() if value else None


def export(user: User) -> dict[str, Any]:
    reviews = (
        Review.objects.filter(reviewer=user)
        .select_related("application")
        .prefetch_related("scores__criterion")
        .order_by("pk")
    )
    ties = Tie.objects.filter(user=user).select_related("initiative").order_by("pk")
    decided = Decision.objects.filter(decided_by=user).select_related("round").order_by("pk")
    recusals = Recusal.objects.filter(user=user).select_related("decision__round").order_by("pk")
    return {
        "reviews": [
            {
                "application": review.application.title,
                "scores": {s.criterion.name: s.score for s in review.scores.all()},
                "recommendation": review.recommendation,
                "recommended_cents": review.recommended_cents,
                "comment": review.comment,
                "submitted_at": _moment(review.submitted_at),
            }
            for review in reviews
        ],
        "ties": [
            {
                "initiative": tie.initiative.name,
                "description": tie.description,
                "declared_at": _moment(tie.declared_at),
                "ended_at": _moment(tie.ended_at),
            }
            for tie in ties
        ],
        "decisions_taken": [
            {"round": d.round.name, "number": d.number, "decided_at": _moment(d.decided_at)}
            for d in decided
        ],
        "took_no_part_in": [
            {
                "round": r.decision.round.name,
                "number": r.decision.number,
                "reason": r.reason,
            }
            for r in recusals
        ],
    }


def register() -> None:
    register_section(Section("fund_reviews_and_ties", export))
