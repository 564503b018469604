"""Rounds: the public list and round page, and the committee's pages to open, change, fund and
close a round. Thin views over fund/rounds.py; the rules are there and in fund/allocation.py."""

from dataclasses import dataclass, field
from datetime import date
from functools import partial

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from fund import rounds
from fund.allocation import fund_money_available, general_money
from fund.errors import FundRuleError
from fund.models import Application, Contribution, LedgerEntry, Round, RoundFunding
from fund.money import euros
from fund.permissions import can_manage_round, can_open_round
from fund.round_forms import BudgetForm, RoundForm, criteria_formset, earmark_text

ONLY_COMMITTEE = gettext_lazy("Only the fund committee may do this.")
RULES_FIXED_NOW = gettext_lazy(
    "An application was submitted while you were changing the round, so the criteria and the "
    "rules stay as they were. Nothing was saved: check your other changes and save again."
)


def _committee_only(request: HttpRequest) -> HttpResponse | None:
    """A visitor goes to the login page; a signed-in person without the role is refused."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not can_open_round(request.user):
        raise PermissionDenied(ONLY_COMMITTEE)
    return None


def _show_error(form: BaseForm, error: FundRuleError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


def _closed(request: HttpRequest, round_: Round) -> HttpResponse:
    messages.info(request, _("This round is closed; it can no longer be changed."))
    return redirect(round_)


# --- public pages ---


@dataclass
class RoundGroups:
    open: list[Round] = field(default_factory=list)
    upcoming: list[Round] = field(default_factory=list)
    closed: list[Round] = field(default_factory=list)


def _groups(today: date) -> RoundGroups:
    groups = RoundGroups()
    for round_ in Round.objects.order_by("closes_on", "pk"):
        if round_.closed_at is not None or round_.closes_on < today:
            groups.closed.append(round_)
        elif round_.opens_on > today:
            groups.upcoming.append(round_)
        else:
            groups.open.append(round_)
    groups.closed.reverse()  # the latest first
    return groups


@require_safe
def round_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "fund/rounds.html",
        {
            # Read only when the cached fragment is missing.
            "groups": SimpleLazyObject(lambda: _groups(today)),
            "today": today.isoformat(),
            "can_open": can_open_round(request.user),
        },
    )


@dataclass
class FunderShare:
    name: str
    url: str
    cents: int = 0


@dataclass
class Earmark:
    funder: str
    text: str
    cents: int


@dataclass
class RoundMoney:
    funders: list[FunderShare]
    earmarks: list[Earmark]
    earmarked_cents: int


def round_money(round_: Round) -> RoundMoney:
    """Whose money is in the round (the kept `reserved_cents` of its fundings), per funder, and
    which part of it is earmarked, for whom. One query."""
    funders: dict[int, FunderShare] = {}
    earmarks: list[Earmark] = []
    for funding in (
        RoundFunding.objects.filter(round=round_, reserved_cents__gt=0)
        .select_related(
            "contribution__funder",
            "contribution__earmark_municipality",
            "contribution__earmark_theme",
        )
        .order_by("contribution__funder__name", "contribution__received_on", "pk")
    ):
        contribution: Contribution = funding.contribution
        funder = contribution.funder
        if (share := funders.get(funder.pk)) is None:
            share = funders[funder.pk] = FunderShare(funder.name, _funder_url(funder.slug))
        share.cents += funding.reserved_cents
        if contribution.is_earmarked:
            earmarks.append(
                Earmark(funder.name, earmark_text(contribution), funding.reserved_cents)
            )
    return RoundMoney(
        funders=list(funders.values()),
        earmarks=earmarks,
        earmarked_cents=sum(e.cents for e in earmarks),
    )


def _funder_url(slug: str) -> str:
    try:
        return reverse("fund:funder", args=[slug])
    except NoReverseMatch:  # the money part adds the funders' pages
        return ""


def submitted_count(round_: Round) -> int:
    """Applications that were submitted and are not withdrawn; never drafts."""
    return round_.applications.filter(
        status__in=[
            Application.Status.SUBMITTED,
            Application.Status.AWARDED,
            Application.Status.REJECTED,
        ]
    ).count()


def round_phase(round_: Round, today: date) -> str:
    if round_.closed_at is not None:
        return "closed"
    if round_.closes_on < today:
        return "deciding"
    if round_.opens_on > today:
        return "upcoming"
    return "open"


@require_safe
def round_detail(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = get_object_or_404(Round, slug=slug)
    today = timezone.localdate()
    criteria = SimpleLazyObject(lambda: list(round_.criteria.order_by("position", "pk")))
    return render(
        request,
        "fund/round_detail.html",
        {
            "round": round_,
            "phase": round_phase(round_, today),
            "today": today.isoformat(),
            # Read only when the cached fragment is missing.
            "money": SimpleLazyObject(lambda: round_money(round_)),
            "criteria": criteria,
            # Callables: the template calls them only where the fragment is rendered.
            "total_weight": lambda: sum(c.weight for c in criteria),
            "submitted": partial(submitted_count, round_),
            "released": partial(released_cents, round_),
            "can_manage": can_manage_round(request.user, round_),
        },
    )


# --- the committee's pages ---


def _form_context(**context: object) -> dict[str, object]:
    return context | {
        "general_available": fund_money_available(general_money()),
    }


def round_new(request: HttpRequest) -> HttpResponse:
    if response := _committee_only(request):
        return response
    form = RoundForm(request.POST or None)
    criteria = criteria_formset(request.POST or None)
    if request.method == "POST" and all([form.is_valid(), criteria.is_valid()]):
        try:
            round_, new = rounds.open_round(
                form.round_values(),
                criteria.criteria(),
                budget_cents=form.cleaned_data["budget"],
                earmarked=form.earmarked_chosen(),
                by=request.user,  # type: ignore[arg-type]
                key=form.cleaned_data["key"],
            )
        except FundRuleError as error:
            _show_error(form, error)
        else:
            if not new:
                messages.info(request, _("This round was opened already."))
            elif round_.opens_on > timezone.localdate():
                messages.success(
                    request,
                    _("The round is saved and opens on %(date)s. %(budget)s is reserved for it.")
                    % {
                        "date": date_format(round_.opens_on, "j F Y"),
                        "budget": euros(round_.budget_cents),
                    },
                )
            else:
                messages.success(
                    request,
                    _("The round is open. %(budget)s is reserved for it.")
                    % {"budget": euros(round_.budget_cents)},
                )
            return redirect(round_)
    return render(
        request,
        "fund/round_form.html",
        _form_context(form=form, criteria=criteria, round=None, rules_fixed=False),
    )


def round_edit(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = get_object_or_404(Round, slug=slug)
    if response := _committee_only(request):
        return response
    if not can_manage_round(request.user, round_):
        return _closed(request, round_)
    rules_fixed = rounds.has_submissions(round_)
    data = request.POST or None
    form = RoundForm(data, round_=round_, rules_fixed=rules_fixed)
    criteria = None if rules_fixed else criteria_formset(data, round_=round_)
    if request.method == "POST":
        if rules_fixed and request.POST.get("rules_open"):
            # The page was opened before an application came in: save nothing, say why.
            form.add_error(None, RULES_FIXED_NOW)
        elif form.is_valid() & (criteria is None or criteria.is_valid()):
            try:
                written = rounds.update_round(
                    round_,
                    form.changes(),
                    None if criteria is None else criteria.criteria(),
                    by=request.user,  # type: ignore[arg-type]
                )
            except FundRuleError as error:
                if error.field == "criteria":
                    form = RoundForm(data, round_=round_, rules_fixed=True)
                    criteria = None
                    rules_fixed = True
                    form.add_error(None, error.message)
                else:
                    _show_error(form, error)
            else:
                if written:
                    messages.success(request, _("Your changes to the round are saved."))
                else:
                    messages.info(request, _("Nothing changed."))
                return redirect(round_)
    return render(
        request,
        "fund/round_form.html",
        _form_context(
            form=form,
            criteria=criteria,
            round=round_,
            rules_fixed=rules_fixed,
            fixed_criteria=round_.criteria.order_by("position", "pk") if rules_fixed else None,
        ),
    )


def round_budget(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = get_object_or_404(Round, slug=slug)
    if response := _committee_only(request):
        return response
    if not can_manage_round(request.user, round_):
        return _closed(request, round_)
    form = BudgetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            budget_was = int(request.POST.get("budget_was", ""))
        except ValueError:
            budget_was = -1
        cents = form.cleaned_data["budget"]
        try:
            outcome = rounds.add_money(
                round_,
                cents,
                earmarked=form.earmarked_chosen(),
                budget_was=budget_was,
                by=request.user,  # type: ignore[arg-type]
            )
        except FundRuleError as error:
            _show_error(form, error)
            round_.refresh_from_db()
        else:
            round_.refresh_from_db()
            messages.success(
                request,
                _("%(amount)s is added to the budget. The budget is %(budget)s now.")
                % {"amount": euros(cents), "budget": euros(round_.budget_cents)}
                if outcome is rounds.Added.ADDED
                else _("%(amount)s was added to the budget already. The budget is %(budget)s now.")
                % {"amount": euros(cents), "budget": euros(round_.budget_cents)},
            )
            return redirect(round_)
    return render(
        request,
        "fund/round_budget.html",
        _form_context(form=form, round=round_),
    )


def released_cents(round_: Round) -> int:
    """What went back to the fund when the round closed: the sum of its release entries."""
    total = LedgerEntry.objects.filter(round=round_, kind=LedgerEntry.Kind.ROUND_RELEASE).aggregate(
        total=Sum("amount_cents")
    )["total"]
    return total or 0


def round_close(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = get_object_or_404(Round, slug=slug)
    if response := _committee_only(request):
        return response
    if round_.closed_at is not None:
        messages.info(
            request,
            _("This round is closed. %(released)s of its budget went back to the fund.")
            % {"released": euros(released_cents(round_))},
        )
        return redirect(round_)
    error = ""
    if request.method == "POST":
        try:
            closed = rounds.close_round(round_, by=request.user)  # type: ignore[arg-type]
        except FundRuleError as problem:
            error = problem.message
        else:
            round_.refresh_from_db()
            if closed.now:
                messages.success(
                    request,
                    _("The round is closed. %(released)s went back to the fund.")
                    % {"released": euros(closed.released_cents)},
                )
            else:
                messages.info(
                    request,
                    _("This round is closed. %(released)s of its budget went back to the fund.")
                    % {"released": euros(released_cents(round_))},
                )
            return redirect(round_)
    today = timezone.localdate()
    return render(
        request,
        "fund/round_close.html",
        {
            "round": round_,
            "error": error,
            "after_closing_date": round_.closes_on < today,
            "waiting": rounds.waiting_for_decision(round_),
        },
        status=200,
    )
