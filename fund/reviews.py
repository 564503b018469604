"""Reviews of an application by the fund committee.

A member of the committee without a conflict of interest scores each criterion of the round from
1 to 5, recommends awarding in full, in part (with an amount) or rejecting, and adds a comment.
They may save a draft as often as they like; submitting makes the review final. A submitted
review is not changed any more: from then on its author sees the others' reviews, and those
must not change what they thought themselves (the committee's independence is the point of
reviewing before seeing the others). The decision's reason is where a second thought goes.

Applicants never see a review; a reviewer sees the others' only after submitting their own.

The weighted score of a review is the average of its scores, each counted as often as its
criterion's weight, to one decimal (Decimal, never a float); an application's score is the
average of the weighted scores of its submitted reviews.

`page_context(request, application)` is what the application's page shows of all this
(`fund/partials/_review_panel.html` reads `review_panel`): for a member of the committee, their
own review, the others' when they may see them, the round's rule and the way to decide, or the
notice that they take no part in this decision; for anyone else nothing. A constant number of
queries.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django import forms
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.http import HttpRequest
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from fund.decisions import recusal_notice
from fund.errors import FundRuleError
from fund.models import Application, Criterion, Decision, Review, Score
from fund.money import EuroField, euros
from fund.permissions import can_decide, can_review, can_see_reviews, conflicts, is_committee

ONE_DECIMAL = Decimal("0.1")
SCORE_LABELS = {
    1: gettext_lazy("1 – weak"),
    2: gettext_lazy("2 – meagre"),
    3: gettext_lazy("3 – reasonable"),
    4: gettext_lazy("4 – good"),
    5: gettext_lazy("5 – excellent"),
}


def weighted_score(pairs: Iterable[tuple[int, int]]) -> Decimal | None:
    """(score, weight) pairs -> their weighted average to one decimal, or None without any."""
    pairs = list(pairs)
    weights = sum(weight for _score, weight in pairs)
    if not weights:
        return None
    total = sum(score * weight for score, weight in pairs)
    return (Decimal(total) / Decimal(weights)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def average(values: Iterable[Decimal | None]) -> Decimal | None:
    known = [v for v in values if v is not None]
    if not known:
        return None
    return (sum(known, Decimal(0)) / len(known)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class ScoredReview:
    """A review with its score per criterion (None where none was given) and weighted score."""

    review: Review
    scores: list[tuple[Criterion, int | None]]
    weighted: Decimal | None

    @property
    def recommendation_text(self) -> str:
        """For example "Gedeeltelijk toekennen: € 750,00"; "" without a recommendation."""
        if not self.review.recommendation:
            return ""
        text = capfirst(self.review.get_recommendation_display())
        if self.review.recommended_cents:
            return f"{text}: {euros(self.review.recommended_cents)}"
        return text


def scored(review: Review, criteria: Sequence[Criterion]) -> ScoredReview:
    """Uses `review.scores.all()` (prefetch it)."""
    given = {s.criterion_id: s.score for s in review.scores.all()}
    pairs = [(given[c.pk], c.weight) for c in criteria if c.pk in given]
    return ScoredReview(review, [(c, given.get(c.pk)) for c in criteria], weighted_score(pairs))


class ReviewForm(forms.Form):
    """A score per criterion (radio buttons 1 to 5, each with its words), a recommendation, an
    amount when awarding in part, and a comment. A draft may leave anything open; submitting
    asks for everything but the comment."""

    recommendation = forms.ChoiceField(
        label=gettext_lazy("Your recommendation"),
        choices=[(value, capfirst(label)) for value, label in Review.Recommendation.choices],
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose your recommendation.")},
    )
    amount = EuroField(
        label=gettext_lazy("Amount to award, when awarding in part"),
        required=False,
        help_text=gettext_lazy("In euros, for example 750 or 750,50."),
    )
    comment = forms.CharField(
        label=gettext_lazy("Comment for the committee"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=4000,
        required=False,
        help_text=gettext_lazy("Only the committee reads this; the applicant never does."),
    )

    def __init__(
        self,
        *args: Any,
        application: Application,
        criteria: Sequence[Criterion],
        submitting: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.application = application
        self.criteria = list(criteria)
        self.submitting = submitting
        score_fields = {}
        for criterion in self.criteria:
            score_fields[self.score_name(criterion)] = forms.TypedChoiceField(
                label=gettext_lazy("%(criterion)s (weight %(weight)s)")
                % {"criterion": criterion.name, "weight": criterion.weight},
                help_text=criterion.description,
                choices=list(SCORE_LABELS.items()),
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": gettext_lazy("Give a score from 1 to 5.")},
            )
        # The criteria first, in the round's order.
        self.fields = score_fields | self.fields

    def full_clean(self) -> None:
        """The scores and the recommendation are required (and shown so), but a draft may
        leave them open."""
        loosened = [] if self.submitting else [f for f in self.fields.values() if f.required]
        for field_ in loosened:
            field_.required = False
        try:
            super().full_clean()
        finally:
            for field_ in loosened:
                field_.required = True

    @staticmethod
    def score_name(criterion: Criterion) -> str:
        return f"score_{criterion.pk}"

    @classmethod
    def initial_for(cls, review: Review | None) -> dict[str, Any]:
        if review is None:
            return {}
        initial: dict[str, Any] = {f"score_{s.criterion_id}": s.score for s in review.scores.all()}
        initial |= {
            "recommendation": review.recommendation,
            "amount": review.recommended_cents,
            "comment": review.comment,
        }
        return initial

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        recommendation = data.get("recommendation")
        amount = data.get("amount")
        asked = self.application.amount_cents
        if recommendation == Review.Recommendation.PART and amount is not None:
            if amount > asked:
                self.add_error(
                    "amount",
                    _("The application asks %(asked)s; recommend at most that.")
                    % {"asked": euros(asked)},
                )
            elif amount > self.application.round.max_per_application_cents:
                self.add_error(
                    "amount",
                    _("This round awards at most %(maximum)s per application.")
                    % {"maximum": euros(self.application.round.max_per_application_cents)},
                )
        if (
            self.submitting
            and recommendation == Review.Recommendation.PART
            and amount is None
            and "amount" not in self.errors
        ):
            self.add_error("amount", _("Type the amount you recommend."))
        return data

    def scores(self) -> dict[int, int]:
        """The scores given, by criterion id."""
        return {
            c.pk: self.cleaned_data[self.score_name(c)]
            for c in self.criteria
            if self.cleaned_data.get(self.score_name(c)) not in (None, "")
        }


def save_review(
    application: Application, reviewer: User, form: ReviewForm, *, submit: bool
) -> Review:
    """Saves the reviewer's draft, or submits it. Under a lock on the application (a decision
    taken at this moment waits, or is waited for) and on the review (a double click submits
    once). FundRuleError when the review was submitted already or the application is no longer
    waiting for a decision."""
    with transaction.atomic():
        locked = (
            Application.objects.select_for_update(of=("self",))
            .select_related("round")
            .get(pk=application.pk)
        )
        if locked.status != Application.Status.SUBMITTED:
            raise FundRuleError(
                _("This application is no longer waiting for a decision; it cannot be reviewed.")
            )
        if not can_review(reviewer, locked):
            raise FundRuleError(_("You cannot review this application."))
        review, _created = Review.objects.get_or_create(application=locked, reviewer=reviewer)
        review = Review.objects.select_for_update().get(pk=review.pk)
        if review.submitted_at is not None:
            raise FundRuleError(
                _("You submitted your review of this application already; it is final.")
            )
        data = form.cleaned_data
        recommendation = data.get("recommendation") or ""
        review.recommendation = recommendation
        review.recommended_cents = (
            data.get("amount") if recommendation == Review.Recommendation.PART else None
        )
        review.comment = data.get("comment") or ""
        fields = ["recommendation", "recommended_cents", "comment"]
        if submit:
            review.submitted_at = timezone.now()
            fields.append("submitted_at")
        review.save(update_fields=fields)
        review.scores.all().delete()
        Score.objects.bulk_create(
            Score(review=review, criterion_id=criterion_id, score=value)
            for criterion_id, value in form.scores().items()
        )
    return review


@dataclass
class ReviewPanel:
    """What the application's page shows a member of the committee."""

    recused: str = ""
    own: ScoredReview | None = None
    can_review: bool = False
    can_see_others: bool = False
    others: list[ScoredReview] = field(default_factory=list)
    average: Decimal | None = None
    submitted_count: int = 0
    min_reviews: int = 0
    rule_met: bool = False
    can_decide: bool = False
    decision: Decision | None = None

    @property
    def reviews_missing(self) -> int:
        return max(self.min_reviews - self.submitted_count, 0)


def panel_for(user: User, application: Application) -> ReviewPanel | None:
    """None for anyone outside the committee. Seven queries at most (four of them kept for the
    rest of the request), however many reviews."""
    if not is_committee(user):
        return None
    # The predicates below each ask for the co-applicants: read them once.
    prefetch_related_objects([application], "co_applicants")
    if reasons := conflicts(user, application):
        return ReviewPanel(recused=recusal_notice(reasons))
    round_ = application.round
    criteria = list(round_.criteria.all())
    reviews = list(
        application.reviews.select_related("reviewer")
        .prefetch_related("scores")
        .order_by("submitted_at", "pk")
    )
    own = next((r for r in reviews if r.reviewer_id == user.pk), None)
    submitted = [scored(r, criteria) for r in reviews if r.submitted_at is not None]
    see = can_see_reviews(user, application, own)
    decided = application.status in (Application.Status.AWARDED, Application.Status.REJECTED)
    panel = ReviewPanel(
        own=scored(own, criteria) if own is not None else None,
        can_review=can_review(user, application) and (own is None or own.submitted_at is None),
        can_see_others=see,
        submitted_count=len(submitted),
        min_reviews=round_.min_reviews,
        rule_met=len(submitted) >= round_.min_reviews,
        can_decide=can_decide(user, application, own),
        decision=Decision.objects.filter(application=application).first() if decided else None,
    )
    if see:
        panel.others = [s for s in submitted if own is None or s.review.pk != own.pk]
        panel.average = average(s.weighted for s in submitted)
    return panel


def page_context(request: HttpRequest, application: Application) -> dict[str, Any]:
    panel = panel_for(request.user, application)  # type: ignore[arg-type]
    return {"review_panel": panel} if panel is not None else {}
