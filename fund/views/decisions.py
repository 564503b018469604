"""Reviews, conflicts of interest and decisions: thin views over fund/reviews.py, fund/ties.py,
fund/committee.py, fund/decisions.py and fund/decision_list.py."""

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.models import User
from fund import committee as committee_work
from fund import decision_list
from fund import decisions as deciding
from fund import ties as ties_module
from fund.decisions import (
    DecisionForm,
    NotAllowed,
    recusal_notice,
    rule_problem,
    submitted_reviews,
)
from fund.errors import FundRuleError
from fund.models import Application, Decision, Recusal, Review, Round, Tie
from fund.money import euros
from fund.permissions import (
    can_declare_ties,
    can_view_application,
    conflicts,
    is_committee,
)
from fund.reviews import ReviewForm, panel_for, save_review
from initiatives.views.export import cell, csv_lines


def only_committee() -> str:
    return _("Only members of the fund committee may do this.")


def only_insiders() -> str:
    return _("Only members of the fund committee and treasurers may do this.")


def _signed_in(request: HttpRequest) -> HttpResponse | None:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return None


def _application(request: HttpRequest, pk: int) -> Application:
    """The application, if this person may know it exists (else 404)."""
    application = get_object_or_404(
        Application.objects.select_related("round", "initiative__municipality"), pk=pk
    )
    if not can_view_application(request.user, application):
        raise Http404
    return application


def _committee_member_without_conflict(request: HttpRequest, application: Application) -> User:
    """403 for anyone outside the committee, and for a member with a conflict of interest (the
    page says why)."""
    user = request.user
    if not is_committee(user):
        raise PermissionDenied(only_committee())
    if reasons := conflicts(user, application):
        raise PermissionDenied(recusal_notice(reasons))
    assert isinstance(user, User)
    return user


# --- the committee's page ---


@require_safe
def committee(request: HttpRequest) -> HttpResponse:
    if response := _signed_in(request):
        return response
    if not is_committee(request.user):
        raise PermissionDenied(only_committee())
    assert isinstance(request.user, User)
    rounds = committee_work.work_per_round(request.user)
    return render(request, "fund/committee.html", {"rounds": rounds})


# --- ties ---


@require_http_methods(["GET", "HEAD", "POST"])
def ties(request: HttpRequest) -> HttpResponse:
    if response := _signed_in(request):
        return response
    user = request.user
    if not can_declare_ties(user):
        raise PermissionDenied(only_insiders())
    assert isinstance(user, User)
    form = ties_module.TieForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        initiative = form.cleaned_data["initiative"]
        try:
            ties_module.declare(user, initiative, form.cleaned_data["description"])
        except FundRuleError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(
                request,
                _(
                    "Your tie to %(initiative)s is recorded. You take no part in its "
                    "applications and grants."
                )
                % {"initiative": initiative.name},
            )
            return redirect("fund:ties")
    context = {
        "form": form,
        "memberships": ties_module.memberships(user),
        "current": ties_module.current_ties(user),
        "ended": ties_module.ended_ties(user)[:50],
    }
    return render(request, "fund/ties.html", context)


@require_POST
def tie_end(request: HttpRequest, pk: int) -> HttpResponse:
    if response := _signed_in(request):
        return response
    if not can_declare_ties(request.user):
        raise PermissionDenied(only_insiders())
    tie = get_object_or_404(Tie.objects.select_related("initiative"), pk=pk, user=request.user)
    if ties_module.end(tie):
        messages.success(
            request,
            _("Your tie to %(initiative)s has ended.") % {"initiative": tie.initiative.name},
        )
    else:
        messages.info(request, _("This tie had ended already."))
    return redirect("fund:ties")


# --- reviewing ---


@require_http_methods(["GET", "HEAD", "POST"])
def review(request: HttpRequest, pk: int) -> HttpResponse:
    if response := _signed_in(request):
        return response
    application = _application(request, pk)
    user = _committee_member_without_conflict(request, application)
    criteria = list(application.round.criteria.all())
    own = (
        Review.objects.filter(application=application, reviewer=user)
        .prefetch_related("scores")
        .first()
    )
    open_for_review = application.status == Application.Status.SUBMITTED and (
        own is None or own.submitted_at is None
    )
    submitting = "submit" in request.POST
    form = None
    if open_for_review:
        form = ReviewForm(
            request.POST if request.method == "POST" else None,
            initial=ReviewForm.initial_for(own),
            application=application,
            criteria=criteria,
            submitting=submitting,
        )
    if request.method == "POST":
        if form is None:
            messages.error(request, _closed_message(application, own))
            return redirect("fund:review", pk=application.pk)
        if form.is_valid():
            try:
                save_review(application, user, form, submit=submitting)
            except FundRuleError as error:
                messages.error(request, error.message)
            else:
                messages.success(
                    request,
                    _(
                        "Your review is submitted. You can now read the other reviews of this "
                        "application."
                    )
                    if submitting
                    else _("Your draft is saved. Only you see it until you submit it."),
                )
            return redirect("fund:review", pk=application.pk)
    context = {
        "application": application,
        "budget_lines": application.budget_lines.all(),
        "criteria": criteria,
        "form": form,
        "panel": panel_for(user, application),
        "closed_message": "" if open_for_review else _closed_message(application, own),
    }
    return render(request, "fund/review.html", context)


def _closed_message(application: Application, own: Review | None) -> str:
    if application.status != Application.Status.SUBMITTED:
        return _("This application is no longer waiting for a decision; it cannot be reviewed.")
    return _("You submitted your review of this application already; it is final.")


# --- deciding ---


@require_http_methods(["GET", "HEAD", "POST"])
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    if response := _signed_in(request):
        return response
    application = _application(request, pk)
    user = _committee_member_without_conflict(request, application)
    if application.status != Application.Status.SUBMITTED:
        if request.method == "POST":
            messages.error(request, _no_longer_waiting())
            return redirect("fund:decide", pk=application.pk)
        decision = Decision.objects.filter(application=application).first()
        return render(
            request,
            "fund/decide.html",
            {"application": application, "decision": decision, "closed": True},
        )
    own = Review.objects.filter(application=application, reviewer=user).first()
    problem = rule_problem(application, application.round, submitted_reviews(application))
    if own is None or own.submitted_at is None:
        problem = problem or _("Submit your own review of this application before you decide.")
    form = DecisionForm(request.POST if request.method == "POST" else None, application=application)
    if request.method == "POST" and not problem and form.is_valid():
        try:
            decided = deciding.decide(
                application,
                outcome=form.cleaned_data["outcome"],
                cents=form.cents(),
                reason=form.cleaned_data["reason"],
                by=user,
            )
        except NotAllowed as refused:
            raise PermissionDenied(refused.message) from None
        except FundRuleError as error:
            if error.field:
                form.add_error(error.field, error.message)
            else:
                messages.error(request, error.message)
                return redirect("fund:decide", pk=application.pk)
        else:
            messages.success(request, _decided_message(decided.decision))
            return redirect("fund:committee")
    context = {
        "application": application,
        "budget_lines": application.budget_lines.all(),
        "form": form,
        "problem": problem,
        "panel": panel_for(user, application),
        "money_left": euros(application.round.available_cents),
    }
    return render(request, "fund/decide.html", context)


def _no_longer_waiting() -> str:
    return _(
        "This application is no longer waiting for a decision: someone decided on it just now, "
        "or the applicant withdrew it."
    )


def _decided_message(decision: Decision) -> str:
    if decision.outcome == Decision.Outcome.REJECT:
        what = _("Rejected")
    else:
        what = _("Awarded %(amount)s") % {"amount": euros(decision.amount_cents)}
    return _(
        "%(what)s. The decision is number %(number)s on the round's decision list; the "
        "applicant gets an e-mail with your reason."
    ) % {"what": what, "number": decision.number}


# --- the decision list ---


@dataclass(frozen=True)
class Entry:
    """A decision as the public list shows it: its hashed facts, and who took no part."""

    decision: Decision
    facts: dict[str, Any]
    recusals: list[Recusal]

    @property
    def outcome_text(self) -> str:
        """For example "Gedeeltelijk toegekend: € 750,00", or "Afgewezen"."""
        text = capfirst(self.decision.get_outcome_display())
        if self.decision.amount_cents:
            return f"{text}: {euros(self.decision.amount_cents)}"
        return text


def _entries(round_: Round) -> list[Entry]:
    """Two queries, however many decisions and recusals."""
    decisions: QuerySet[Decision] = (
        Decision.objects.filter(round=round_)
        .select_related("application__initiative")
        .prefetch_related(
            Prefetch("recusals", queryset=Recusal.objects.select_related("user").order_by("pk"))
        )
        .order_by("number")
    )
    return [Entry(d, decision_list.facts_of(d), list(d.recusals.all())) for d in decisions]


def recused_name(recusal: Recusal) -> str:
    """The name the public list gives a recused member: never an e-mail address."""
    if recusal.user is not None and recusal.user.name.strip():
        return recusal.user.name
    return _("A member of the fund committee")


@require_safe
def decision_list_page(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = get_object_or_404(Round, slug=slug)
    # Read only when the page's cached fragment is missing for this content version.
    entries = SimpleLazyObject(lambda: _entries(round_))
    context = {"round": round_, "entries": entries, "genesis": decision_list.GENESIS}
    return render(request, "fund/decision_list.html", context)


@require_safe
def decisions_json(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = get_object_or_404(Round, slug=slug)
    data = {
        "round": {
            "name": round_.name,
            "slug": round_.slug,
            "url": request.build_absolute_uri(reverse("fund:decisions", args=[round_.slug])),
        },
        "how_to_verify": _(
            "For each entry, the SHA-256 of its content (as UTF-8 text) is its hash, and its "
            "content names the hash of the entry before it as previous_hash; the first entry "
            "names 64 zeros."
        ),
        "first_previous_hash": decision_list.GENESIS,
        "entries": [
            {
                "number": entry.decision.number,
                "content": entry.decision.content,
                "hash": entry.decision.hash,
                "previous_hash": entry.decision.previous_hash,
                "amount_euros": f"{entry.decision.amount_cents // 100}.{entry.decision.amount_cents % 100:02d}",
                "recusals": [{"name": recused_name(r), "reason": r.reason} for r in entry.recusals],
            }
            for entry in _entries(round_)
        ],
    }
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'inline; filename="besluitenlijst-{round_.slug}.json"'
    return response


@require_safe
def decisions_csv(request: HttpRequest, slug: str) -> StreamingHttpResponse:
    round_ = get_object_or_404(Round, slug=slug)
    outcomes = dict(Decision.Outcome.choices)
    reasons = dict(Recusal.Reason.choices)

    def rows() -> Iterator[list[str]]:
        yield [
            _("Number"),
            _("Date"),
            _("Initiative"),
            _("Municipality"),
            _("Application"),
            _("Decision"),
            _("Amount in euros"),
            _("Reason"),
            _("Taking no part"),
            _("Previous hash"),
            _("Hash"),
        ]
        for entry in _entries(round_):
            d = entry.decision
            yield [
                str(d.number),
                cell(entry.facts.get("date", "")),
                cell(entry.facts.get("initiative", "")),
                cell(entry.facts.get("municipality", "")),
                cell(entry.facts.get("application_title", "")),
                cell(outcomes.get(d.outcome, d.outcome)),
                f"{d.amount_cents // 100}.{d.amount_cents % 100:02d}",
                cell(d.reason),
                cell(
                    "; ".join(
                        f"{recused_name(r)} ({reasons.get(r.reason, r.reason)})"
                        for r in entry.recusals
                    )
                ),
                d.previous_hash,
                d.hash,
            ]

    response = StreamingHttpResponse(csv_lines(rows()), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="besluitenlijst-{round_.slug}.csv"'
    return response
