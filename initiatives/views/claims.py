"""Claiming an initiative without a team ("dit is ons initiatief"), and the coordinators' answer."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from initiatives.claims import claim_initiative, confirm_claim, decline_claim
from initiatives.errors import InitiativeRuleError
from initiatives.forms import ClaimForm, DeclineClaimForm
from initiatives.models import Claim, Initiative
from initiatives.permissions import can_claim_initiative, can_decide_claims
from initiatives.views.lookup import initiative_for
from omzien.typing import AuthenticatedHttpRequest


@login_required
def claim(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    initiative = initiative_for(request, slug, can_claim_initiative)
    form = ClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            claim_initiative(initiative, user=request.user, message=form.cleaned_data["message"])
        except InitiativeRuleError as error:
            if error.field:
                form.add_error(error.field, error.message)
            else:
                # Said already (a double click, or a second visit): no form to correct.
                messages.info(request, error.message)
                return redirect(initiative)
        else:
            messages.success(
                request,
                _("Thank you! A coordinator will look at it soon; you will get an e-mail."),
            )
            return redirect(initiative)
    context = {
        "initiative": initiative,
        "form": form,
        "open_claim": initiative.claims.filter(user=request.user, status=Claim.Status.OPEN).first(),
    }
    return render(request, "initiatives/claim_form.html", context)


def _claim_for(
    request: AuthenticatedHttpRequest, slug: str, claim_id: int
) -> tuple[Initiative, Claim]:
    if not can_decide_claims(request.user):
        raise PermissionDenied
    initiative = initiative_for(request, slug)
    return initiative, get_object_or_404(initiative.claims.select_related("user"), pk=claim_id)


def _back_to_overview() -> HttpResponse:
    return redirect("coordination")


@login_required
@require_POST
def confirm(request: AuthenticatedHttpRequest, slug: str, claim_id: int) -> HttpResponse:
    initiative, claim = _claim_for(request, slug, claim_id)
    try:
        confirm_claim(claim, by=request.user)
    except InitiativeRuleError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(person)s is now an admin of %(name)s and has been told by e-mail.")
            % {"person": claim.user.name or claim.user.email, "name": initiative.name},
        )
    return _back_to_overview()


@login_required
def decline(request: AuthenticatedHttpRequest, slug: str, claim_id: int) -> HttpResponse:
    initiative, claim = _claim_for(request, slug, claim_id)
    form = DeclineClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            decline_claim(claim, by=request.user, reason=form.cleaned_data["reason"])
        except InitiativeRuleError as error:
            if error.field:
                form.add_error(error.field, error.message)
            else:
                messages.error(request, error.message)
                return _back_to_overview()
        else:
            messages.success(request, _("The claim is declined; the person has been told why."))
            return _back_to_overview()
    context = {"initiative": initiative, "claim": claim, "form": form}
    return render(request, "initiatives/claim_decline.html", context)
