"""The members of an initiative: the list, invitations, requests to join, roles."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from initiatives.errors import InitiativeRuleError
from initiatives.forms import AnswerForm, InviteForm, JoinForm, RoleForm
from initiatives.membership import (
    NOT_YOUR_ADDRESS,
    accept_invitation,
    answer_join_request,
    invite_member,
    is_invited,
    may_invite,
    remove_member,
    request_to_join,
    resend_invitation,
    set_role,
    withdraw_invitation,
)
from initiatives.models import Initiative, Invitation, JoinRequest
from initiatives.permissions import (
    can_join_initiative,
    can_manage_members,
    can_remove_membership,
    can_see_members,
)
from initiatives.views.lookup import initiative_for
from omzien.typing import AuthenticatedHttpRequest


@login_required
def member_list(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    initiative = initiative_for(request, slug, can_see_members)
    return _member_page(request, initiative, invite_form=InviteForm())


def _member_page(
    request: HttpRequest, initiative: Initiative, *, invite_form: InviteForm
) -> HttpResponse:
    memberships = list(initiative.memberships.select_related("user").order_by("joined_at"))
    admins = [m for m in memberships if m.is_admin]
    context = {
        "initiative": initiative,
        "memberships": memberships,
        # The last admin can neither step down nor leave: no buttons for that.
        "sole_admin": admins[0] if len(admins) == 1 else None,
        "join_requests": initiative.join_requests.filter(
            status=JoinRequest.Status.OPEN
        ).select_related("user"),
        # Unanswered invitations, expired ones too: those can be sent again.
        "invitations": initiative.invitations.filter(
            accepted_at=None, withdrawn_at=None
        ).select_related("invited_by"),
        "invite_form": invite_form,
        "may_invite": may_invite(initiative),
        "can_manage": can_manage_members(request.user, initiative),
    }
    return render(request, "initiatives/membership_list.html", context)


@login_required
@require_POST
def invite(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    initiative = initiative_for(request, slug, can_manage_members)
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            invite_member(initiative, by=request.user, email=form.cleaned_data["email"])
        except InitiativeRuleError as error:
            if error.field:
                form.add_error(error.field, error.message)
            else:  # not about the address: the form may not even be shown
                messages.error(request, error.message)
        else:
            messages.success(
                request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]}
            )
            return redirect("initiatives:members", slug=slug)
    return _member_page(request, initiative, invite_form=form)


@login_required
@require_POST
def resend(request: AuthenticatedHttpRequest, slug: str, invitation_id: int) -> HttpResponse:
    initiative = initiative_for(request, slug, can_manage_members)
    invitation = get_object_or_404(initiative.invitations, pk=invitation_id)
    try:
        resend_invitation(invitation, by=request.user)
    except InitiativeRuleError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Invitation sent again to %(email)s.") % {"email": invitation.email}
        )
    return redirect("initiatives:members", slug=slug)


@login_required
@require_POST
def withdraw(request: AuthenticatedHttpRequest, slug: str, invitation_id: int) -> HttpResponse:
    initiative = initiative_for(request, slug, can_manage_members)
    invitation = get_object_or_404(initiative.invitations, pk=invitation_id)
    try:
        withdraw_invitation(invitation, by=request.user)
    except InitiativeRuleError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The invitation to %(email)s is withdrawn; its link no longer works.")
            % {"email": invitation.email},
        )
    return redirect("initiatives:members", slug=slug)


@login_required
@require_POST
def remove(request: AuthenticatedHttpRequest, slug: str, membership_id: int) -> HttpResponse:
    initiative = initiative_for(request, slug, can_see_members)
    membership = get_object_or_404(initiative.memberships, pk=membership_id)
    if not can_remove_membership(request.user, membership):
        raise PermissionDenied
    leaving = membership.user == request.user
    try:
        remove_member(membership, by=request.user)
    except InitiativeRuleError as error:
        messages.error(request, error.message)
        return redirect("initiatives:members", slug=slug)
    if leaving:
        messages.success(request, _("You have left %(name)s.") % {"name": initiative.name})
        return redirect("accounts:overview")
    messages.success(request, _("%(person)s is no longer a member.") % {"person": membership.user})
    return redirect("initiatives:members", slug=slug)


@login_required
@require_POST
def change_role(request: AuthenticatedHttpRequest, slug: str, membership_id: int) -> HttpResponse:
    initiative = initiative_for(request, slug, can_manage_members)
    membership = get_object_or_404(initiative.memberships, pk=membership_id)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose admin or member."))
    else:
        try:
            set_role(membership, by=request.user, role=form.cleaned_data["role"])
        except InitiativeRuleError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("The role of %(person)s is changed.") % {"person": membership.user}
            )
    return redirect("initiatives:members", slug=slug)


@login_required
def join(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    initiative = initiative_for(request, slug, can_join_initiative)
    form = JoinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            request_to_join(initiative, user=request.user, message=form.cleaned_data["message"])
        except InitiativeRuleError as error:
            messages.info(request, error.message)
        else:
            messages.success(
                request,
                _("Your request is sent to the admins of %(name)s.") % {"name": initiative.name},
            )
        return redirect(initiative)
    return render(
        request, "initiatives/initiative_join.html", {"initiative": initiative, "form": form}
    )


@login_required
@require_POST
def answer_request(request: AuthenticatedHttpRequest, slug: str, request_id: int) -> HttpResponse:
    initiative = initiative_for(request, slug, can_manage_members)
    join_request = get_object_or_404(initiative.join_requests, pk=request_id)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            answer_join_request(join_request, by=request.user, accept=form.cleaned_data["accept"])
        except InitiativeRuleError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your answer has been sent."))
    return redirect("initiatives:members", slug=slug)


@login_required
def invitation(request: AuthenticatedHttpRequest, token: str) -> HttpResponse:
    invitation = get_object_or_404(Invitation.objects.select_related("initiative"), token=token)
    if request.method == "POST":
        try:
            accept_invitation(invitation, user=request.user)
        except InitiativeRuleError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("Welcome to %(name)s!") % {"name": invitation.initiative.name}
            )
            return redirect(invitation.initiative)
    context = {
        "invitation": invitation,
        "is_for_you": is_invited(request.user, invitation),
        "not_your_address": NOT_YOUR_ADDRESS,
    }
    return render(request, "initiatives/invitation_detail.html", context)
