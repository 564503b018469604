"""Deciding on an application: award it in full, in part, or reject it, with a reason.

`decide()` does it all in one transaction: it locks the round's row first (two decisions in one
round are numbered one after the other on its decision list, and two awards never take the round
past its budget), re-reads the application under a lock (someone may just have decided on it, or
the applicant withdrawn it), checks the round's rule (enough submitted reviews) and the decider's
right, reserves the money (`fund.allocation.award`), sets the status, writes the entry of the
decision list (fund/decision_list.py) and the recusals: every member of the committee with a
conflict of interest at that moment, and why. Once it commits, the applying initiative's members
get an e-mail with the outcome and the reason.
"""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from accounts.roles import FUND_COMMITTEE
from fund import decision_list
from fund.allocation import award
from fund.errors import FundRuleError
from fund.models import Application, Decision, Recusal, Review, Round, Tie
from fund.money import EuroField, euros
from fund.permissions import conflicts, is_committee
from initiatives.models import Membership
from omzien.mailing import send_after_commit

Outcome = Decision.Outcome
# The strongest reason first: one recusal per person, for the first of these that holds.
REASON_ORDER = [Recusal.Reason.APPLICANT, Recusal.Reason.CO_APPLICANT, Recusal.Reason.TIE]


class NotAllowed(Exception):
    """The person may not decide on this application (the view answers 403 with the message)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def recusal_notice(reasons: list[str]) -> str:
    """The notice a recused member reads, for example (in Dutch): "Je doet niet mee aan dit
    besluit: je bent lid van het aanvragende initiatief."."""
    why = {
        Recusal.Reason.APPLICANT: _("you are a member of the applying initiative"),
        Recusal.Reason.CO_APPLICANT: _("you are a member of an initiative applying with it"),
        Recusal.Reason.TIE: _("you declared a tie to the initiative"),
    }
    return _("You take no part in this decision: %(why)s.") % {
        "why": _(" and ").join(str(why[Recusal.Reason(r)]) for r in reasons)
    }


def submitted_reviews(application: Application) -> int:
    return application.reviews.filter(submitted_at__isnull=False).count()


def rule_problem(application: Application, round_: Round, count: int) -> str:
    """What the round's rule still asks before a decision, or ""."""
    if count >= round_.min_reviews:
        return ""
    return _(
        "This round decides after %(needed)s submitted reviews; this application has %(count)s."
    ) % {"needed": round_.min_reviews, "count": count}


def committee_conflicts(application: Application) -> list[tuple[int, str]]:
    """Every member of the committee with a conflict of interest in this application now, with
    their strongest reason: [(user id, reason)], in order of user id (three queries)."""
    co_applicants = set(application.co_applicants.values_list("pk", flat=True))
    initiatives = {application.initiative_id} | co_applicants
    committee = User.objects.filter(groups__name=FUND_COMMITTEE)
    reasons: dict[int, set[str]] = {}
    for user_id, initiative_id in Membership.objects.filter(
        user__in=committee, initiative_id__in=initiatives
    ).values_list("user_id", "initiative_id"):
        reason = (
            Recusal.Reason.APPLICANT
            if initiative_id == application.initiative_id
            else Recusal.Reason.CO_APPLICANT
        )
        reasons.setdefault(user_id, set()).add(reason)
    for user_id in Tie.objects.filter(
        user__in=committee, initiative_id__in=initiatives, ended_at=None
    ).values_list("user_id", flat=True):
        reasons.setdefault(user_id, set()).add(Recusal.Reason.TIE)
    return [
        (user_id, next(r for r in REASON_ORDER if r in found))
        for user_id, found in sorted(reasons.items())
    ]


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        # As the reviews recommend it: "award in full", "award in part", "reject".
        choices=[(value, capfirst(label)) for value, label in Review.Recommendation.choices],
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose a decision.")},
    )
    amount = EuroField(
        label=gettext_lazy("Amount to award, when awarding in part"),
        required=False,
        help_text=gettext_lazy("In euros, for example 750 or 750,50."),
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=4000,
        help_text=gettext_lazy(
            "The applicant gets this by e-mail, and it is published in the round's decision list. "
            "Write it for them: what you decided and why."
        ),
        error_messages={"required": gettext_lazy("Write the reason for the decision.")},
    )

    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.application = application

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        application = self.application
        round_max = application.round.max_per_application_cents
        outcome = data.get("outcome")
        amount = data.get("amount")
        if outcome == Outcome.PART:
            if amount is None:
                if "amount" not in self.errors:
                    self.add_error("amount", _("Type the amount to award."))
            elif amount > application.amount_cents:
                self.add_error(
                    "amount",
                    _("The application asks %(asked)s; you cannot award more than that.")
                    % {"asked": euros(application.amount_cents)},
                )
            elif amount > round_max:
                self.add_error(
                    "amount",
                    _("This round awards at most %(maximum)s per application.")
                    % {"maximum": euros(round_max)},
                )
            elif amount == application.amount_cents:
                data["outcome"] = Outcome.AWARD
        elif outcome == Outcome.AWARD and application.amount_cents > round_max:
            self.add_error(
                "outcome",
                _(
                    "The application asks %(asked)s and this round awards at most %(maximum)s per "
                    "application; award it in part."
                )
                % {"asked": euros(application.amount_cents), "maximum": euros(round_max)},
            )
        return data

    def cents(self) -> int:
        outcome = self.cleaned_data["outcome"]
        if outcome == Outcome.REJECT:
            return 0
        if outcome == Outcome.AWARD:
            return self.application.amount_cents
        return self.cleaned_data["amount"]


@dataclass(frozen=True)
class Decided:
    decision: Decision
    recusals: list[Recusal]


def decide(application: Application, *, outcome: str, cents: int, reason: str, by: User) -> Decided:
    """Decides on a submitted application (see the module's docstring). FundRuleError with a
    message for the person (on `amount` when the money or a cap is the problem); NotAllowed when
    this person may not decide on it."""
    with transaction.atomic():
        # The round first, for rejections as well: its decision list is numbered under this lock.
        round_ = Round.objects.select_for_update().get(pk=application.round_id)
        locked = (
            Application.objects.select_for_update(of=("self",))
            .select_related("initiative__municipality")
            .get(pk=application.pk)
        )
        if locked.status != Application.Status.SUBMITTED:
            raise FundRuleError(
                _(
                    "This application is no longer waiting for a decision: someone decided on "
                    "it just now, or the applicant withdrew it."
                )
            )
        if not is_committee(by):
            raise NotAllowed(_("Only members of the fund committee may decide."))
        if reasons := conflicts(by, locked):
            raise NotAllowed(recusal_notice(reasons))
        own = Review.objects.filter(application=locked, reviewer=by).first()
        if own is None or own.submitted_at is None:
            raise FundRuleError(_("Submit your own review of this application before you decide."))
        if problem := rule_problem(locked, round_, submitted_reviews(locked)):
            raise FundRuleError(problem)
        if outcome not in Outcome.values or (outcome == Outcome.REJECT) != (cents == 0):
            raise FundRuleError(_("Choose a decision."), field="outcome")
        if cents > locked.amount_cents:
            raise FundRuleError(
                _("The application asks %(asked)s; you cannot award more than that.")
                % {"asked": euros(locked.amount_cents)},
                field="amount",
            )
        now = timezone.now()
        if outcome != Outcome.REJECT:
            award(locked, cents, by=by, on=timezone.localdate(now))
            status = Application.Status.AWARDED
        else:
            status = Application.Status.REJECTED
        Application.objects.filter(pk=locked.pk).update(status=status, updated_at=timezone.now())
        recused = committee_conflicts(locked)
        decision = decision_list.append(
            round_,
            locked,
            outcome=outcome,
            amount_cents=cents,
            reason=reason,
            recusals=[r for _user, r in recused],
            by=by,
            at=now,
        )
        recusals = Recusal.objects.bulk_create(
            Recusal(decision=decision, user_id=user_id, reason=r) for user_id, r in recused
        )
        _tell_the_applicants(locked, decision)
    return Decided(decision, recusals)


def _tell_the_applicants(application: Application, decision: Decision) -> None:
    addresses = Membership.objects.filter(initiative_id=application.initiative_id).values_list(
        "user__email", flat=True
    )
    send_after_commit(
        "fund/email/decision",
        {
            "application": application,
            "decision": decision,
            "amount": euros(decision.amount_cents),
            "list_path": reverse("fund:decisions", args=[application.round.slug]),
        },
        to=list(addresses),
    )
