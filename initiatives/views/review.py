"""Registering an initiative, and the coordinators' review of new ones."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from initiatives import logo
from initiatives.approval import approve_initiative, archive_initiative, reject_initiative
from initiatives.errors import InitiativeRuleError
from initiatives.forms import ConfirmNotDuplicateForm, InitiativeForm, RejectForm
from initiatives.models import Initiative
from initiatives.permissions import (
    can_archive_initiative,
    can_register_initiative,
    can_review_initiatives,
)
from initiatives.registration import register_initiative, similar_initiatives
from initiatives.views.lookup import initiative_for
from omzien.typing import AuthenticatedHttpRequest


@login_required
def register(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not can_register_initiative(request.user):
        raise PermissionDenied
    form = InitiativeForm(request.POST or None, request.FILES or None)
    confirm = ConfirmNotDuplicateForm(request.POST or None)
    kept = logo.kept_file(request.POST.get("kept_logo", ""), user_pk=request.user.pk)
    similar = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        similar = similar_initiatives(data["name"], data["municipality"], seen_by=request.user)
        if not similar or confirm.is_valid():
            initiative = form.save(commit=False)
            if kept and not isinstance(data["logo"], UploadedFile):
                initiative.logo = logo.kept_upload(kept)
            initiative = register_initiative(
                initiative,
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
    context = {
        "form": form,
        "confirm_form": confirm,
        "similar": similar,
        "kept_logo": _keep_logo(request, form, kept),
    }
    return render(request, "initiatives/initiative_register.html", context)


def _keep_logo(
    request: AuthenticatedHttpRequest, form: InitiativeForm, kept: str | None
) -> dict | None:
    """The page comes back (the "is this yours?" step, or a mistake in another field): keep the
    logo that was accepted, so the person need not choose it again."""
    upload = form.cleaned_data.get("logo") if form.is_bound else None
    if isinstance(upload, UploadedFile):
        token = logo.keep(upload, user_pk=request.user.pk)
        kept = logo.kept_file(token, user_pk=request.user.pk)
    elif kept:
        token = request.POST["kept_logo"]
    else:
        return None
    return {"token": token, "url": default_storage.url(kept)}


def _coordinators_only(request: HttpRequest) -> None:
    if not can_review_initiatives(request.user):
        raise PermissionDenied


@login_required
def review_queue(request: AuthenticatedHttpRequest) -> HttpResponse:
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
def approve(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
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
def reject(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
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
def archive(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """An initiative that stopped leaves the directory; admins or coordinators confirm it."""
    initiative = initiative_for(request, slug, can_archive_initiative)
    if request.method == "POST":
        try:
            archive_initiative(initiative, by=request.user)
        except InitiativeRuleError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("%(name)s is archived and no longer in the directory.")
                % {"name": initiative.name},
            )
        return redirect(initiative)
    return render(request, "initiatives/initiative_archive.html", {"initiative": initiative})
