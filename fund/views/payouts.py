"""Payouts with four eyes: the queue, proposing, approving, cancelling, and repayments."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fund import payouts as rules
from fund.errors import FundRuleError
from fund.models import Grant, Payout
from fund.money import euros
from fund.payout_forms import PayoutForm, RepaymentForm
from fund.permissions import (
    can_approve_payout,
    can_cancel_payout,
    can_propose_payout,
    can_record_repayment,
    can_see_payouts,
    conflicts,
    is_fund_insider,
    is_treasurer,
)
from omzien.ratelimit import allow
from omzien.typing import AuthenticatedHttpRequest


def next_url(request: HttpRequest, fallback: str) -> str:
    """Where to go after an action: the page it was started from (the grant's page sends
    `next`), if that is an address of this portal; otherwise `fallback`."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return fallback


def _queue_url(payout: Payout | None = None) -> str:
    url = reverse("fund:payouts")
    return f"{url}#payout-{payout.pk}" if payout is not None else url


def _grant(pk: int) -> Grant:
    return get_object_or_404(Grant.objects.select_related("application", "initiative"), pk=pk)


def _payout(pk: int) -> Payout:
    return get_object_or_404(
        Payout.objects.select_related(
            "grant__application", "grant__initiative", "proposed_by", "approved_by"
        ),
        pk=pk,
    )


@login_required
def queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not can_see_payouts(request.user):
        raise PermissionDenied(_("Only the fund committee and the treasurers may see payouts."))
    context = rules.queue_context(request.user)
    context["is_treasurer"] = is_treasurer(request.user)
    return render(request, "fund/payouts.html", context)


@login_required
def propose(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    grant = _grant(pk)
    if not can_propose_payout(request.user, grant):
        raise PermissionDenied(
            _(
                "Only a treasurer without a conflict of interest may propose a payout, and only "
                "of a grant that is not settled."
            )
        )
    room = rules.room_cents(grant)
    form = PayoutForm(request.POST or None, room_cents=room)
    if request.method == "POST" and form.is_valid():
        notify = allow(
            request,
            action="fund-payout-propose",
            limit=rules.PROPOSE_MAIL_LIMIT,
            seconds=rules.MAIL_WINDOW,
            key=f"user:{request.user.pk}",
        )
        try:
            proposal = rules.propose(
                grant,
                form.cleaned_data["amount"],
                description=form.cleaned_data["description"],
                key=form.cleaned_data["key"],
                by=request.user,
                notify=notify,
            )
        except FundRuleError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            payout = proposal.payout
            if proposal.created:
                messages.success(
                    request,
                    _(
                        "The payout of %(amount)s is proposed. A second person (another treasurer "
                        "or a member of the fund committee) approves it before it is paid."
                    )
                    % {"amount": euros(payout.amount_cents)},
                )
            else:
                messages.info(
                    request,
                    _(
                        "This payout was proposed already (the form was sent twice); it is "
                        "there once."
                    ),
                )
            return redirect(next_url(request, _queue_url(payout)))
    context = {
        "grant": grant,
        "form": form,
        "room_cents": room,
        "waiting_cents": grant.open_cents - room,
        "next": next_url(request, ""),
        "back": next_url(request, reverse("fund:payouts")),
    }
    return render(request, "fund/payout_form.html", context)


@login_required
def approve(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    payout = _payout(pk)
    user = request.user
    if not is_fund_insider(user) or conflicts(user, payout.grant.application):
        raise PermissionDenied(
            _(
                "Only another treasurer or a member of the fund committee without a conflict of "
                "interest may approve a payout."
            )
        )
    if request.method == "POST":
        if payout.proposed_by_id == user.pk:
            raise PermissionDenied(_("Someone else must approve the payout you proposed."))
        notify = allow(
            request,
            action="fund-payout-approve",
            limit=rules.APPROVE_MAIL_LIMIT,
            seconds=rules.MAIL_WINDOW,
            key=f"user:{user.pk}",
        )
        try:
            rules.approve(payout, by=user, notify=notify)
        except FundRuleError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Approved: %(amount)s is paid out to %(initiative)s.")
                % {"amount": euros(payout.amount_cents), "initiative": payout.grant.initiative},
            )
        return redirect(next_url(request, _queue_url()))
    context = {
        "payout": payout,
        "grant": payout.grant,
        "can_approve": can_approve_payout(user, payout),
        "can_cancel": can_cancel_payout(user, payout),
        "mine": payout.proposed_by_id == user.pk,
        "next": next_url(request, ""),
        "back": next_url(request, reverse("fund:payouts")),
    }
    return render(request, "fund/payout_approve.html", context)


@login_required
@require_POST
def cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    payout = _payout(pk)
    if not (is_treasurer(request.user) and payout.proposed_by_id == request.user.pk):
        raise PermissionDenied(_("Only the treasurer who proposed a payout may cancel it."))
    try:
        rules.cancel(payout, by=request.user)
    except FundRuleError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The payout of %(amount)s is cancelled.") % {"amount": euros(payout.amount_cents)},
        )
    return redirect(next_url(request, _queue_url()))


@login_required
def repayment(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    grant = _grant(pk)
    if not can_record_repayment(request.user, grant):
        raise PermissionDenied(
            _("Only a treasurer without a conflict of interest may record a repayment.")
        )
    form = RepaymentForm(request.POST or None, initial={"repaid_before": grant.repaid_cents})
    if request.method == "POST" and form.is_valid():
        try:
            grant = rules.record_repayment(
                grant,
                form.cleaned_data["amount"],
                repaid_before=form.cleaned_data["repaid_before"],
                by=request.user,
            )
        except FundRuleError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
            grant.refresh_from_db(fields=["paid_cents", "repaid_cents", "released_cents"])
            # Sent again, the form counts from what is repaid now.
            data = request.POST.copy()
            data["repaid_before"] = str(grant.repaid_cents)
            form.data = data
        else:
            messages.success(
                request,
                _("The repayment of %(amount)s is recorded: it is back in the fund.")
                % {"amount": euros(form.cleaned_data["amount"])},
            )
            return redirect(next_url(request, reverse("fund:repayment", args=[grant.pk])))
    context = {
        "grant": grant,
        "form": form,
        "room_cents": grant.paid_cents - grant.repaid_cents,
        "next": next_url(request, ""),
        "back": next_url(request, reverse("fund:payouts")),
    }
    return render(request, "fund/repayment_form.html", context)
