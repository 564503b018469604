"""The coordinators' and hosts' pages of a meeting: schedule, edit, publish, cancel, the organiser
page with its tasks, attendance and the report."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.validators import slug_re
from django.forms import BaseInlineFormSet
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from initiatives.models import Initiative
from meetings import after_meeting, scheduling
from meetings import offers as offer_rules
from meetings.clashes import PlannedMeeting, clashes_for
from meetings.errors import MeetingRuleError
from meetings.hosting import HostingRuleError
from meetings.models import HostOffer, Meeting, MeetingTask, Report
from meetings.organise_forms import (
    AgendaFormSet,
    CancelForm,
    MeetingForm,
    ReportForm,
    WalkInForm,
)
from meetings.permissions import can_manage_meetings, can_organise_meeting, can_see_meeting
from meetings.task_list import set_task_done
from omzien.typing import AuthenticatedHttpRequest

ONLY_COORDINATORS = gettext_lazy("Only a coordinator of the network may do this.")
ONLY_ORGANISERS = gettext_lazy(
    "Only a coordinator of the network or an admin of the host may do this."
)


def _meeting_for(
    request: AuthenticatedHttpRequest, slug: str, rule: Callable[..., bool], who: object
) -> Meeting:
    """404 when the person may not know the meeting exists (a draft); 403 when `rule` says no."""
    meeting = get_object_or_404(Meeting.objects.select_related("host", "municipality"), slug=slug)
    if not can_see_meeting(request.user, meeting):
        raise Http404
    if not rule(request.user, meeting):
        raise PermissionDenied(who)
    return meeting


def _coordinators_only(request: AuthenticatedHttpRequest) -> None:
    if not can_manage_meetings(request.user):
        raise PermissionDenied(ONLY_COORDINATORS)


def _manage(user: object, meeting: Meeting) -> bool:
    return can_manage_meetings(user)  # type: ignore[arg-type]


def _url_if_known(name: str, slug: str) -> str:
    try:
        return reverse(name, kwargs={"slug": slug})
    except NoReverseMatch:
        return ""


def _schedule(
    request: AuthenticatedHttpRequest, form: MeetingForm, agenda: BaseInlineFormSet
) -> bool:
    """Whether the form may be saved: valid, and its clashes (if any) confirmed."""
    if not (form.is_valid() and agenda.is_valid()):
        return False
    if not form.time_or_place_changed():
        return True
    meeting = form.instance
    form.clashes = clashes_for(
        PlannedMeeting(
            meeting.starts_at, meeting.ends_at, form.cleaned_data["municipality"], meeting.pk
        )
    )
    return not form.clashes or form.cleaned_data["schedule_anyway"]


def _form_page(
    request: AuthenticatedHttpRequest,
    form: MeetingForm,
    agenda: BaseInlineFormSet,
    meeting: Meeting | None,
) -> HttpResponse:
    return render(
        request,
        "meetings/organise/meeting_form.html",
        {"form": form, "agenda": agenda, "meeting": meeting, "clashes": form.clashes},
    )


@login_required
def create(request: AuthenticatedHttpRequest) -> HttpResponse:
    _coordinators_only(request)
    initial: dict[str, object] = {}
    host_slug = request.GET.get("host", "")
    # Only a slug: any other text (a NUL byte) would be a database error.
    host = (
        Initiative.objects.approved().filter(slug=host_slug).first()
        if slug_re.match(host_slug)
        else None
    )
    if host is not None:
        initial = {
            "host": host.pk,
            "municipality": host.municipality_id,
            "venue_name": getattr(getattr(host, "host_capability", None), "venue_name", ""),
            "address": getattr(getattr(host, "host_capability", None), "address", ""),
        }
    # The host's open offer it came for (from the suggestions or the offers page): its theme is
    # the meeting's question, and the offer is tied to the meeting once it is saved.
    offer = _open_offer(request.POST.get("offer") or request.GET.get("offer"), host)
    if offer is not None:
        initial.update(question=offer.theme, themes=[t.pk for t in offer.themes.all()])
    form = MeetingForm(request.POST or None, initial=initial)
    agenda = AgendaFormSet(request.POST or None, instance=Meeting(), prefix="agenda")
    if request.method == "POST" and _schedule(request, form, agenda):
        try:
            meeting = scheduling.create_meeting(form, agenda, by=request.user)
        except MeetingRuleError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(
                request,
                _("The meeting is saved as a draft. Check it, then publish it."),
            )
            if offer is not None and offer.initiative_id == meeting.host_id:
                _tie_offer(request, offer, meeting)
            return redirect("meetings:organise", slug=meeting.slug)
    return render(
        request,
        "meetings/organise/meeting_form.html",
        {"form": form, "agenda": agenda, "meeting": None, "clashes": form.clashes, "offer": offer},
    )


def _open_offer(raw: str | None, host: Initiative | None) -> HostOffer | None:
    """An open offer of `host` (on a POST: of the host the form came with), or None."""
    if not raw or not (raw.isascii() and raw.isdigit()):
        return None
    offers = HostOffer.objects.filter(pk=raw, status__in=HostOffer.OPEN_STATUSES)
    if host is not None:
        offers = offers.filter(initiative=host)
    return offers.select_related("initiative").first()


def _tie_offer(request: AuthenticatedHttpRequest, offer: HostOffer, meeting: Meeting) -> None:
    try:
        offer_rules.link_meeting(offer.pk, seen=offer.status, meeting=meeting)
    except HostingRuleError as error:  # someone moved the offer meanwhile: say so, keep the draft
        messages.warning(request, error.message)
    else:
        messages.info(
            request,
            _("The offer of %(name)s is tied to this meeting.") % {"name": offer.initiative.name},
        )


@login_required
def edit(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    meeting = _meeting_for(request, slug, _manage, ONLY_COORDINATORS)
    if meeting.status == Meeting.Status.CANCELLED:
        messages.error(request, _("A cancelled meeting cannot be changed."))
        return redirect("meetings:organise", slug=meeting.slug)
    form = MeetingForm(request.POST or None, instance=meeting)
    agenda = AgendaFormSet(request.POST or None, instance=meeting, prefix="agenda")
    if request.method == "POST" and _schedule(request, form, agenda):
        try:
            scheduling.update_meeting(meeting, form, agenda, by=request.user)
        except MeetingRuleError as error:
            form.add_error(error.field, error.message)
        else:
            if meeting.status == Meeting.Status.PUBLISHED:
                messages.success(
                    request,
                    _(
                        "The changes are saved. If the time or place changed, everyone registered is told by e-mail."
                    ),
                )
            else:
                messages.success(request, _("The changes are saved."))
            if _programme_may_be_off(form, agenda, meeting):
                messages.warning(
                    request,
                    _(
                        "The time changed, the programme did not: check whether its times "
                        "still fit."
                    ),
                )
            return redirect("meetings:organise", slug=meeting.slug)
    return _form_page(request, form, agenda, meeting)


def _programme_may_be_off(form: MeetingForm, agenda: BaseInlineFormSet, meeting: Meeting) -> bool:
    """The clock times moved while a programme with times stayed as it was."""
    moved = bool({"start_time", "end_time"} & set(form.changed_data))
    return moved and not agenda.has_changed() and meeting.agenda_items.exists()


@login_required
@require_POST
def publish(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    meeting = _meeting_for(request, slug, _manage, ONLY_COORDINATORS)
    try:
        scheduling.publish_meeting(meeting, by=request.user)
    except MeetingRuleError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The meeting is published: everyone can find it and register."))
    return redirect("meetings:organise", slug=meeting.slug)


@login_required
def cancel(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    meeting = _meeting_for(request, slug, _manage, ONLY_COORDINATORS)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            scheduling.cancel_meeting(meeting, reason=form.cleaned_data["reason"], by=request.user)
        except MeetingRuleError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("The meeting is cancelled; everyone registered is told why.")
            )
            return redirect("meetings:organise", slug=meeting.slug)
    return render(
        request, "meetings/organise/meeting_cancel.html", {"meeting": meeting, "form": form}
    )


@login_required
def organise(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    meeting = _meeting_for(request, slug, can_organise_meeting, ONLY_ORGANISERS)
    tasks = list(meeting.tasks.select_related("done_by"))
    context = {
        "meeting": meeting,
        "when": scheduling.time_span(meeting.starts_at, meeting.ends_at),
        "tasks": tasks,
        "agenda_items": list(meeting.agenda_items.all()),
        "co_hosts": list(meeting.co_hosts.all()),
        "can_manage": can_manage_meetings(request.user),
        "can_look_back": after_meeting.can_look_back(meeting),
        "registrations_url": _url_if_known("meetings:registrations", meeting.slug),
        "page_url": scheduling.meeting_page(meeting) if meeting.is_public else "",
        "has_report": Report.objects.filter(meeting=meeting).exists(),
        "counts": after_meeting.attendance_counts(meeting),
    }
    return render(request, "meetings/organise/organise.html", context)


@login_required
@require_POST
def tick_task(request: AuthenticatedHttpRequest, slug: str, task: int) -> HttpResponse:
    meeting = _meeting_for(request, slug, can_organise_meeting, ONLY_ORGANISERS)
    found = get_object_or_404(MeetingTask, meeting=meeting, pk=task)
    done = request.POST.get("done") == "1"
    set_task_done(found, done=done, by=request.user)
    if done:
        messages.success(request, _("“%(task)s” is done.") % {"task": found.title})
    else:
        messages.success(request, _("“%(task)s” is open again.") % {"task": found.title})
    return redirect(reverse("meetings:organise", kwargs={"slug": meeting.slug}) + "#taken")


def _not_yet(request: AuthenticatedHttpRequest, meeting: Meeting) -> HttpResponse:
    return render(request, "meetings/organise/not_yet.html", {"meeting": meeting}, status=200)


@login_required
def record_attendance(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    meeting = _meeting_for(request, slug, can_organise_meeting, ONLY_ORGANISERS)
    if not after_meeting.can_look_back(meeting):
        return _not_yet(request, meeting)
    walk_in_form = WalkInForm(prefix="walkin")
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "attendance":
                ids = [int(v) for v in request.POST.getlist("came") if v.isascii() and v.isdigit()]
                after_meeting.record_attendance(meeting, ids, by=request.user)
                messages.success(request, _("Attendance is saved."))
                return redirect("meetings:attendance", slug=meeting.slug)
            if action == "remove-walk-in":
                value = request.POST.get("walk_in", "")
                if value.isascii() and value.isdigit():
                    after_meeting.remove_walk_in(meeting, int(value), by=request.user)
                messages.success(request, _("The walk-ins are removed from the list."))
                return redirect("meetings:attendance", slug=meeting.slug)
            walk_in_form = WalkInForm(request.POST, prefix="walkin")
            if walk_in_form.is_valid():
                after_meeting.add_walk_in(
                    meeting,
                    walk_in_form.cleaned_data["initiative"],
                    walk_in_form.cleaned_data["people"],
                    by=request.user,
                )
                messages.success(request, _("The walk-ins are added."))
                return redirect("meetings:attendance", slug=meeting.slug)
        except MeetingRuleError as error:
            walk_in_form.add_error(error.field, error.message)
    context = {
        "meeting": meeting,
        "when": scheduling.time_span(meeting.starts_at, meeting.ends_at),
        "registrations": after_meeting.came_registrations(meeting),
        "walk_ins": list(
            meeting.walk_ins.select_related("initiative").order_by("initiative__name")
        ),
        "walk_in_form": walk_in_form,
        "counts": after_meeting.attendance_counts(meeting),
    }
    return render(request, "meetings/organise/attendance.html", context)


@login_required
def write_report(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    meeting = _meeting_for(request, slug, can_organise_meeting, ONLY_ORGANISERS)
    if not after_meeting.can_look_back(meeting):
        return _not_yet(request, meeting)
    report = Report.objects.filter(meeting=meeting).first()
    form = ReportForm(request.POST or None, instance=report)
    if request.method == "POST" and form.is_valid():
        try:
            after_meeting.save_report(meeting, form, by=request.user)
        except MeetingRuleError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The report is saved and shown on the meeting's page."))
            return redirect("meetings:organise", slug=meeting.slug)
    context = {
        "meeting": meeting,
        "when": scheduling.time_span(meeting.starts_at, meeting.ends_at),
        "form": form,
        "report": report,
    }
    return render(request, "meetings/organise/report_form.html", context)
