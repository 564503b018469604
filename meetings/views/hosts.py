"""An initiative as host: what it can offer, its offers, and the coordinators' view of all offers."""

from collections.abc import Callable
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from initiatives.models import Initiative
from initiatives.permissions import is_member
from initiatives.views.lookup import initiative_for
from meetings import offers as offer_rules
from meetings.host_forms import DeclineOfferForm, HostCapabilityForm, HostOfferForm
from meetings.hosting import HostingRuleError, capability_of, confirm_capability, save_capability
from meetings.models import HostOffer, Meeting
from meetings.permissions import (
    can_keep_host_capability,
    can_manage_host_offers,
    can_offer_to_host,
    can_withdraw_host_offer,
)
from omzien.ratelimit import allow
from omzien.typing import AuthenticatedHttpRequest

# Each offer e-mails every coordinator: a handful a day per person is plenty.
OFFER_LIMIT, OFFER_WINDOW = 5, 60 * 60 * 24
# The meetings an offer can be tied to: not cancelled, from a year ago on.
LINKABLE_SINCE = timedelta(days=365)


def _initiative_for(
    request: AuthenticatedHttpRequest, slug: str, rule: Callable[..., bool], who_may: str
) -> Initiative:
    """404 when the person may not know the initiative exists; 403 saying who may, otherwise."""
    initiative = initiative_for(request, slug)
    if not rule(request.user, initiative):
        raise PermissionDenied(who_may)
    return initiative


def _keeper(request: AuthenticatedHttpRequest, slug: str) -> Initiative:
    who_may = _("Only a member of this initiative or a coordinator of the network may do this.")
    return _initiative_for(request, slug, can_keep_host_capability, who_may)


@login_required
def host_capability(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    initiative = _keeper(request, slug)
    capability = capability_of(initiative)
    form = HostCapabilityForm(request.POST or None, instance=capability)
    if request.method == "POST" and form.is_valid():
        try:
            save_capability(initiative, form.answers())
        except HostingRuleError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("Saved. Thank you for keeping this up to date."))
            return redirect("meetings:host-capability", slug=initiative.slug)
    context = {
        "initiative": initiative,
        "capability": capability,
        "form": form,
        "offers": list(offer_rules.offers_of(initiative)),
        "may_offer": can_offer_to_host(request.user, initiative),
        "may_withdraw": is_member(request.user, initiative),
    }
    return render(request, "meetings/host_capability.html", context)


@login_required
@require_POST
def confirm_host_capability(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """ "Dit klopt nog": only the date of the last confirmation moves."""
    initiative = _keeper(request, slug)
    if confirm_capability(initiative):
        messages.success(request, _("Thank you! The answers count as up to date for another year."))
    else:
        messages.error(request, _("There is nothing to confirm yet: fill in the form first."))
    return redirect("meetings:host-capability", slug=initiative.slug)


@login_required
def offer(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    who_may = _("Only a member of this initiative may do this, once it is approved.")
    initiative = _initiative_for(request, slug, can_offer_to_host, who_may)
    form = HostOfferForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        # Per person, wherever they are: counted by account, not by the visitor's address.
        person = f"user:{request.user.pk}"
        if allow(request, action="host-offer", limit=OFFER_LIMIT, seconds=OFFER_WINDOW, key=person):
            offer_rules.make_offer(
                initiative,
                by=request.user,
                theme=form.cleaned_data["theme"],
                themes=form.cleaned_data["themes"],
                preferred_months=form.cleaned_data["preferred_months"],
                note=form.cleaned_data["note"],
            )
            messages.success(
                request,
                _(
                    "Thank you! The coordinators of the network have your offer and come back "
                    "to you."
                ),
            )
            return redirect("meetings:host-capability", slug=initiative.slug)
        form.add_error(
            None,
            _(
                "You can make at most %(limit)d offers a day. Try again tomorrow: what you typed "
                "is still here."
            )
            % {"limit": OFFER_LIMIT},
        )
        status = 429
    context = {"initiative": initiative, "form": form, "capability": capability_of(initiative)}
    return render(request, "meetings/host_offer_form.html", context, status=status)


@login_required
@require_POST
def withdraw_offer(request: AuthenticatedHttpRequest, slug: str, offer_id: int) -> HttpResponse:
    initiative = _keeper(request, slug)
    host_offer = get_object_or_404(HostOffer, pk=offer_id, initiative=initiative)
    if not can_withdraw_host_offer(request.user, host_offer):
        if not host_offer.is_open:
            messages.error(request, _("This offer is no longer open, so it cannot be withdrawn."))
            return redirect("meetings:host-capability", slug=initiative.slug)
        raise PermissionDenied(_("Only a member of this initiative may do this."))
    try:
        offer_rules.withdraw_offer(host_offer)
    except HostingRuleError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Withdrawn: %(theme)s") % {"theme": host_offer.theme})
    return redirect("meetings:host-capability", slug=initiative.slug)


def _linkable_meetings() -> list[Meeting]:
    since = timezone.now() - LINKABLE_SINCE
    meetings = Meeting.objects.exclude(status=Meeting.Status.CANCELLED).filter(starts_at__gte=since)
    return list(meetings.order_by("starts_at", "pk"))


def _require_coordinator(request: AuthenticatedHttpRequest) -> None:
    if not can_manage_host_offers(request.user):
        raise PermissionDenied(_("Only a coordinator of the network may do this."))


@login_required
def offer_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every offer, grouped by status, with the steps a coordinator can take."""
    _require_coordinator(request)
    return _offer_page(request)


def _offer_page(
    request: AuthenticatedHttpRequest, *, refused: int | None = None, status: int = 200
) -> HttpResponse:
    """`refused`: the offer whose decline came without a reason, shown with the message."""
    offers = list(offer_rules.offers_with_details().order_by("created_at", "pk"))
    groups = [
        (
            status,
            HostOffer.Status(status).label,
            [(o, _steps(o)) for o in offers if o.status == status],
        )
        for status in offer_rules.STATUS_ORDER
    ]
    context = {
        "groups": groups,
        "count": len(offers),
        "meetings": _linkable_meetings(),
        "refused": refused,
        "decline_error": DeclineOfferForm.base_fields["reason"].error_messages["required"],
    }
    return render(request, "meetings/offer_list.html", context, status=status)


def _steps(host_offer: HostOffer) -> list[tuple[str, str]]:
    """The buttons for an offer's next steps (declining has a form of its own)."""
    return [
        (step, _("Mark as “%(status)s”") % {"status": HostOffer.Status(step).label})
        for step in offer_rules.NEXT_STEPS[host_offer.status]
        if step != HostOffer.Status.DECLINED
    ]


def _back_to_offers(host_offer_id: int) -> HttpResponse:
    response = redirect("meetings:offers")
    response["Location"] += f"#offer-{host_offer_id}"
    return response


@login_required
@require_POST
def move_offer(request: AuthenticatedHttpRequest, offer_id: int) -> HttpResponse:
    _require_coordinator(request)
    get_object_or_404(HostOffer, pk=offer_id)
    seen = request.POST.get("seen", "")
    to = request.POST.get("to", "")
    reason = request.POST.get("reason", "")
    try:
        moved = offer_rules.move_offer(offer_id, seen=seen, to=to, reason=reason)
    except HostingRuleError as error:
        if error.field == "reason":
            return _offer_page(request, refused=offer_id, status=400)
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(name)s: the offer is now “%(status)s”.")
            % {"name": moved.initiative.name, "status": moved.get_status_display()},
        )
        if to == HostOffer.Status.DECLINED and not offer_rules.decline_recipients(moved):
            messages.warning(
                request,
                _(
                    "%(name)s has no admins on the portal, so nobody got an e-mail about it. "
                    "Let the initiative know yourself."
                )
                % {"name": moved.initiative.name},
            )
    return _back_to_offers(offer_id)


@login_required
@require_POST
def link_offer_meeting(request: AuthenticatedHttpRequest, offer_id: int) -> HttpResponse:
    _require_coordinator(request)
    get_object_or_404(HostOffer, pk=offer_id)
    raw = request.POST.get("meeting", "")
    meeting = None
    if raw:
        meeting = (
            Meeting.objects.filter(pk=raw).first() if raw.isascii() and raw.isdigit() else None
        )
        if meeting is None:
            messages.error(request, _("Choose a meeting from the list."))
            return _back_to_offers(offer_id)
    try:
        linked = offer_rules.link_meeting(
            offer_id, seen=request.POST.get("seen", ""), meeting=meeting
        )
    except HostingRuleError as error:
        messages.error(request, error.message)
    else:
        if meeting is None:
            messages.success(request, _("The offer is no longer tied to a meeting."))
        else:
            messages.success(
                request,
                _("%(name)s: tied to “%(meeting)s”.")
                % {"name": linked.initiative.name, "meeting": meeting.title},
            )
    return _back_to_offers(offer_id)
