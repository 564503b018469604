"""Money in and the ledger: the treasurers' page, funders and their statements, recording and
reversing contributions, and the public ledger."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.core.validators import slug_re
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from fund import contributions, statements
from fund.errors import FundRuleError
from fund.funders import save_funder
from fund.models import Contribution, Funder
from fund.money import euros
from fund.money_forms import ContributionForm, FunderForm, ReverseForm
from fund.permissions import can_record_money
from omzien.typing import AuthenticatedHttpRequest

ONLY_TREASURERS = gettext_lazy("Only a treasurer of the fund may do this.")
CONTRIBUTIONS_PER_PAGE = 25
LEDGER_PER_PAGE = 50
GRANTS_PER_PAGE = 50


def _treasurers_only(request: AuthenticatedHttpRequest) -> None:
    if not can_record_money(request.user):
        raise PermissionDenied(ONLY_TREASURERS)


def page_number(request: HttpRequest) -> int:
    """The page asked for: a number, or 1 for anything else (it is part of a cache key)."""
    raw = request.GET.get("page", "")
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 7 else 1


def _paged(queryset: QuerySet, size: int, number: int) -> dict[str, Any]:
    """A page and its page links, read only when the page's template asks for them (on a cached
    fragment, never)."""
    page: Any = SimpleLazyObject(lambda: Paginator(queryset, size).get_page(number))

    def page_range() -> list[object]:
        shown: Page = page
        return list(shown.paginator.get_elided_page_range(shown.number, on_each_side=1, on_ends=1))

    return {"page": page, "page_range": SimpleLazyObject(page_range)}


# --- the treasurers' page ---


@login_required
@require_safe
def money(request: AuthenticatedHttpRequest) -> HttpResponse:
    _treasurers_only(request)
    context = _paged(
        statements.contributions_listed(), CONTRIBUTIONS_PER_PAGE, page_number(request)
    )
    listed = list(context["page"].object_list)
    reversals = contributions.reversals(listed)
    for contribution in listed:
        contribution.reversal = reversals.get(contribution.pk)
    return render(
        request,
        "fund/money/money.html",
        context
        | {
            "holdings": statements.FundHoldings.now(),
            "rounds": list(statements.open_rounds()),
            "contributions": listed,
        },
    )


# --- funders ---


@require_safe
def funders(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "fund/money/funders.html",
        {
            "funders": SimpleLazyObject(lambda: list(statements.funders_listed())),
            "may_record": can_record_money(request.user),
        },
    )


@require_safe
def funder(request: HttpRequest, slug: str) -> HttpResponse:
    shown = get_object_or_404(Funder, slug=slug)
    statement = statements.FunderStatement(shown)
    number = page_number(request)
    return render(
        request,
        "fund/money/funder.html",
        {
            "funder": shown,
            "statement": statement,
            "page_number": number,
            "may_record": can_record_money(request.user),
        }
        | _paged(statement.grants(), GRANTS_PER_PAGE, number),
    )


def _funder_form(request: AuthenticatedHttpRequest, instance: Funder) -> HttpResponse:
    is_new = instance.pk is None
    form = FunderForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            saved = save_funder(form.instance)
        except FundRuleError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(
                request,
                _("%(name)s is added to the funders.") % {"name": saved.name}
                if is_new
                else _("The changes are saved."),
            )
            return redirect(saved)
    return render(
        request,
        "fund/money/funder_form.html",
        {"form": form, "funder": None if is_new else instance},
    )


@login_required
def funder_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    _treasurers_only(request)
    return _funder_form(request, Funder())


@login_required
def funder_edit(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    _treasurers_only(request)
    return _funder_form(request, get_object_or_404(Funder, slug=slug))


# --- contributions ---


@login_required
def contribution_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    _treasurers_only(request)
    initial: dict[str, object] = {}
    slug = request.GET.get("funder", "")
    # Only a slug: any other text (a NUL byte) would be a database error.
    from_funder = Funder.objects.filter(slug=slug).first() if slug_re.match(slug) else None
    if from_funder is not None:
        initial["funder"] = from_funder.pk
    form = ContributionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            recorded = contributions.record(
                form.facts(), key=form.cleaned_data["key"], by=request.user
            )
        except contributions.KeyUsedForAnother as error:
            # The form was used before for other figures: keep what was typed, give it a new
            # key, and let the treasurer send it once more on purpose.
            data = request.POST.copy()
            data["key"] = str(contributions.new_key())
            form = ContributionForm(data)
            form.is_valid()
            form.add_error(None, error.message)
        else:
            contribution = recorded.contribution
            figures = {"amount": euros(contribution.amount_cents), "funder": contribution.funder}
            if recorded.created:
                messages.success(
                    request,
                    _("The contribution of %(amount)s from %(funder)s is recorded.") % figures,
                )
            else:
                messages.info(
                    request,
                    _(
                        "The contribution of %(amount)s from %(funder)s was recorded already "
                        "(the form was sent twice); it counts once."
                    )
                    % figures,
                )
            return redirect("fund:money")
    return render(request, "fund/money/contribution_form.html", {"form": form})


@login_required
def contribution_reverse(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _treasurers_only(request)
    contribution = get_object_or_404(
        Contribution.objects.select_related("funder", "earmark_municipality", "earmark_theme"),
        pk=pk,
    )
    form = ReverseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contributions.reverse(contribution, by=request.user, reason=form.cleaned_data["reason"])
        except FundRuleError as error:
            # Reversed or taken into a round in the meantime: the page says why, as it is now.
            messages.error(request, error.message)
            return redirect("fund:contribution-reverse", pk=contribution.pk)
        else:
            messages.success(
                request,
                _(
                    "The contribution of %(amount)s from %(funder)s is reversed. The ledger "
                    "shows it with your reason."
                )
                % {"amount": euros(contribution.amount_cents), "funder": contribution.funder},
            )
            return redirect("fund:money")
    reversal = contributions.reversals([contribution]).get(contribution.pk)
    return render(
        request,
        "fund/money/contribution_reverse.html",
        {
            "form": form,
            "contribution": contribution,
            "reversal": reversal,
            "rounds": contributions.rounds_holding(contribution),
            "paid_for_grants": reversal is None
            and contributions.ever_paid_for_a_grant(contribution),
        },
    )


# --- the public ledger ---


@require_safe
def ledger(request: HttpRequest) -> HttpResponse:
    number = page_number(request)
    return render(
        request,
        "fund/money/ledger.html",
        {
            "page_number": number,
            "split": SimpleLazyObject(statements.fund_split),
        }
        | _paged(statements.ledger_entries(), LEDGER_PER_PAGE, number),
    )
