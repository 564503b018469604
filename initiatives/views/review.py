"""Registering an initiative, and the coordinators' review of new ones."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from initiatives.approval import approve_initiative, archive_initiative, reject_initiative
from initiatives.errors import InitiativeRuleError
from initiatives.forms import ConfirmNotDuplicateForm, InitiativeForm, RejectForm
from initiatives.models import Initiative
from initiatives.permissions import can_manage_members, can_review_initiatives
from initiatives.registration import register_initiative, similar_initiatives
from initiatives.views.lookup import initiative_for


@login_required
def register(request: HttpRequest) -> HttpResponse:
    form = InitiativeForm(request.POST or None, request.FILES or None)
    confirm = ConfirmNotDuplicateForm(request.POST or None)
    similar = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        similar = list(
            similar_initiatives(data["name"], data["municipality"], seen_by=request.user)
        )
        if not similar or confirm.is_valid():
            initiative = register_initiative(
                form.save(commit=False),
                by=request.user,
                themes=data["themes"],
                target_groups=data["target_groups"],
            )
            messages.success(
                request,
                _("Thank you! A coordinator will look at %(name)s soon; you will get an e-mail.")
                % {"name": initiative.name},
            )
            return redirect(initiative)
    context = {"form": form, "confirm_form": confirm, "similar": similar}
    return render(request, "initiatives/initiative_register.html", context)


def _coordinators_only(request: HttpRequest) -> None:
    if not can_review_initiatives(request.user):
        raise PermissionDenied


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    _coordinators_only(request)
    pending = (
        Initiative.objects.pending()
        .select_related("municipality")
        .prefetch_related("themes", "memberships__user")
        .order_by("created_at")
    )
    return render(
        request,
        "initiatives/initiative_review_queue.html",
        {"pending": pending, "reject_form": RejectForm()},
    )


@login_required
@require_POST
def approve(request: HttpRequest, slug: str) -> HttpResponse:
    _coordinators_only(request)
    initiative = initiative_for(request, slug)
    try:
        approve_initiative(initiative, by=request.user)
    except InitiativeRuleError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(name)s is approved; it shows in the directory now.") % {"name": initiative.name},
        )
    return redirect("initiatives:review-queue")


@login_required
def reject(request: HttpRequest, slug: str) -> HttpResponse:
    _coordinators_only(request)
    initiative = initiative_for(request, slug)
    form = RejectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reject_initiative(initiative, by=request.user, reason=form.cleaned_data["reason"])
        except InitiativeRuleError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(
                request,
                _("%(name)s is rejected; the registrant has been told why.")
                % {"name": initiative.name},
            )
            return redirect("initiatives:review-queue")
    return render(
        request, "initiatives/initiative_reject.html", {"initiative": initiative, "form": form}
    )


@login_required
def archive(request: HttpRequest, slug: str) -> HttpResponse:
    """An initiative that stopped leaves the directory; admins or coordinators confirm it."""
    initiative = initiative_for(request, slug, can_manage_members)
    if request.method == "POST":
        archive_initiative(initiative, by=request.user)
        messages.success(
            request,
            _("%(name)s is archived and no longer in the directory.") % {"name": initiative.name},
        )
        return redirect(initiative)
    return render(request, "initiatives/initiative_archive.html", {"initiative": initiative})
