"""Registering for a meeting, a registrant's own page (reached only through its secret link),
confirming and cancelling, calendar files and feeds, and the organisers' list of who comes."""

import hashlib
import re
from collections.abc import Iterator

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import caches
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from initiatives.views.export import cell, csv_lines
from meetings import calendar
from meetings.models import Meeting, Region, Registration
from meetings.permissions import can_organise_meeting, can_see_meeting
from meetings.registration import (
    GUEST_DATA_KEPT_MONTHS,
    RegistrationError,
    active_registration,
    cancel,
    confirm,
    is_open_for_registration,
    register,
    waiting_position,
)
from meetings.registration_forms import RegistrationForm
from omzien import content_version
from omzien.ratelimit import allow
from omzien.typing import AuthenticatedHttpRequest

# Guest registrations send an e-mail to the address typed: at most this many per address and
# per visitor's address an hour.
GUEST_LIMIT_PER_ADDRESS = 5
GUEST_LIMIT_PER_IP = 20
GUEST_WINDOW = 3600
# A feed holds at most this many meetings, and its events are made again at most this often.
FEED_LIMIT = 200
FEED_SECONDS = 600
CALENDAR_TYPE = "text/calendar; charset=utf-8"


def _meeting(request: HttpRequest, slug: str) -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related("host", "municipality"), slug=slug)
    if not can_see_meeting(request.user, meeting):
        raise Http404
    return meeting


# A registration's token is made by `secrets.token_urlsafe`: anything else is no token at all
# (and a NUL byte would make PostgreSQL refuse the query: a server error).
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{1,64}")


def _registration(token: str) -> Registration:
    """Only through the secret link: an unknown or forged one is a 404."""
    if not TOKEN_SHAPE.fullmatch(token):
        raise Http404
    return get_object_or_404(
        Registration.objects.select_related(
            "meeting", "meeting__host", "meeting__municipality", "initiative"
        ),
        token=token,
    )


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _guest_may_send(request: HttpRequest, email: str) -> bool:
    by_address = allow(
        request,
        action="meeting-registration-address",
        limit=GUEST_LIMIT_PER_ADDRESS,
        seconds=GUEST_WINDOW,
        key=email.lower(),
    )
    by_ip = allow(
        request,
        action="meeting-registration-ip",
        limit=GUEST_LIMIT_PER_IP,
        seconds=GUEST_WINDOW,
    )
    return by_address and by_ip


def register_view(request: HttpRequest, slug: str) -> HttpResponse:
    meeting = _meeting(request, slug)
    user = request.user if request.user.is_authenticated else None
    if user is not None:
        mine = active_registration(meeting, user.email)
        if mine is not None:
            messages.info(request, _("You are already registered for this meeting."))
            return redirect("meetings:registration", token=mine.token)
    form = RegistrationForm(request.POST or None, user=user)
    status = 200
    is_open = is_open_for_registration(meeting)
    if request.method == "POST" and is_open and form.is_valid():
        details = form.details()
        if user is None and not _guest_may_send(request, details.email):
            form.add_error(
                None,
                _(
                    "Too many registrations were sent from here or to this address in the last "
                    "hour. Try again in an hour: what you filled in is still here."
                ),
            )
            status = 429
        else:
            try:
                registration = register(meeting, details, user=user)
            except RegistrationError as error:
                mine = active_registration(meeting, user.email) if user is not None else None
                if mine is not None:
                    # A double click: the other request of the two registered this person.
                    messages.info(request, _("You are already registered for this meeting."))
                    return redirect("meetings:registration", token=mine.token)
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                if user is None:
                    return redirect("meetings:registration-sent", slug=meeting.slug)
                if registration.status == Registration.Status.REGISTERED:
                    messages.success(request, _("You are registered. We sent you an e-mail."))
                else:
                    messages.success(
                        request,
                        _(
                            "The meeting is full: you are on the waiting list. We sent you an e-mail."
                        ),
                    )
                return redirect("meetings:registration", token=registration.token)
    context = {
        "meeting": meeting,
        "form": form,
        "is_open": is_open,
        "kept_months": GUEST_DATA_KEPT_MONTHS,
    }
    return render(request, "meetings/registration_form.html", context, status=status)


@require_safe
def registration_sent(request: HttpRequest, slug: str) -> HttpResponse:
    meeting = _meeting(request, slug)
    context = {"meeting": meeting, "kept_months": GUEST_DATA_KEPT_MONTHS}
    return render(request, "meetings/registration_sent.html", context)


@require_safe
def registration_page(request: HttpRequest, token: str) -> HttpResponse:
    registration = _registration(token)
    meeting = registration.meeting
    show_link = (
        registration.status == Registration.Status.REGISTERED
        and meeting.has_online_part
        and bool(meeting.online_link)
    )
    context = {
        "registration": registration,
        "meeting": meeting,
        "position": waiting_position(registration),
        "show_online_link": show_link,
        "can_cancel": registration.status in Registration.ACTIVE_STATUSES
        and meeting.ends_at > timezone.now(),
        "kept_months": GUEST_DATA_KEPT_MONTHS,
    }
    return render(request, "meetings/registration_page.html", context)


def confirm_view(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button, POST confirms: a mail scanner following the link confirms nothing."""
    registration = _registration(token)
    if registration.status != Registration.Status.UNCONFIRMED:
        return redirect("meetings:registration", token=token)
    if request.method == "POST":
        try:
            registration = confirm(token)
        except RegistrationError as error:
            messages.error(request, error.message)
        else:
            if registration.status == Registration.Status.REGISTERED:
                messages.success(request, _("Your registration is confirmed: you have a place."))
            elif registration.status == Registration.Status.WAITING:
                messages.success(
                    request,
                    _(
                        "Your registration is confirmed. The meeting is full: you are on the waiting list."
                    ),
                )
        return redirect("meetings:registration", token=token)
    context = {
        "registration": registration,
        "meeting": registration.meeting,
        "kept_months": GUEST_DATA_KEPT_MONTHS,
    }
    return render(request, "meetings/registration_confirm.html", context)


@require_POST
def cancel_view(request: HttpRequest, token: str) -> HttpResponse:
    registration = _registration(token)
    was_active = registration.status in Registration.ACTIVE_STATUSES
    try:
        cancel(token)
    except RegistrationError as error:
        messages.error(request, error.message)
    else:
        if was_active:
            messages.success(request, _("Your registration is cancelled."))
    return redirect("meetings:registration", token=token)


def _ics(content: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CALENDAR_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_safe
def meeting_ics(request: HttpRequest, slug: str) -> HttpResponse:
    meeting = _meeting(request, slug)
    return _ics(calendar.meeting_calendar(meeting, base_url=_base_url(request)), f"{slug}.ics")


@require_safe
def registration_ics(request: HttpRequest, token: str) -> HttpResponse:
    registration = _registration(token)
    content = calendar.registration_calendar(
        registration, registration.meeting, base_url=_base_url(request)
    )
    return _ics(content, "bijeenkomst.ics")


def _feed_meetings(region: Region | None = None) -> QuerySet[Meeting]:
    """The meetings of the last three months and the next ones, at most FEED_LIMIT: a network
    plans a few dozen a year, so the limit only bounds the work of a feed, never what it shows."""
    meetings = (
        Meeting.objects.public()
        .filter(ends_at__gte=calendar.feed_window_start())
        .select_related("municipality")
    )
    if region is not None:
        meetings = meetings.filter(
            Exists(
                Region.municipalities.through.objects.filter(
                    region=region, municipality=OuterRef("municipality")
                )
            )
        )
    return meetings.order_by("starts_at", "pk")[:FEED_LIMIT]


def _feed_events(request: HttpRequest, region: Region | None = None) -> str:
    """The feed's events: one fragment per feed, address and content version, made again at
    most every FEED_SECONDS (the window of the last three months moves with the clock). The
    calendar around them (its name is in the reader's language) is made per request."""
    base_url = _base_url(request)
    part = f"{region.pk if region else ''}|{base_url}|{content_version.current(request)}"
    key = f"meetings-feed:{hashlib.sha256(part.encode()).hexdigest()}"
    events = caches["fragments"].get(key)
    if events is None:
        events = calendar.feed_events(_feed_meetings(region), base_url=base_url)
        caches["fragments"].set(key, events, FEED_SECONDS)
    return events


@require_safe
def feed(request: HttpRequest) -> HttpResponse:
    content = calendar.feed_around(
        _feed_events(request), name=_("Network meetings Omzien naar Elkaar")
    )
    return _ics(content, "bijeenkomsten.ics")


def _region(request: HttpRequest, slug: str) -> Region:
    """A region, shared between requests while nothing changed (no query then)."""
    key = f"meetings-region:{content_version.current(request)}:{hashlib.sha256(slug.encode()).hexdigest()}"
    found = caches["fragments"].get(key)
    if found is None:
        found = get_object_or_404(Region, slug=slug)
        caches["fragments"].set(key, found, FEED_SECONDS)
    return found


@require_safe
def region_feed(request: HttpRequest, region: str) -> HttpResponse:
    found = _region(request, region)
    name = _("Network meetings Omzien naar Elkaar, region %(region)s") % {"region": found.name}
    content = calendar.feed_around(_feed_events(request, found), name=name)
    return _ics(content, f"bijeenkomsten-{found.slug}.ics")


def _organised_meeting(request: AuthenticatedHttpRequest, slug: str) -> Meeting:
    meeting = _meeting(request, slug)
    if not can_organise_meeting(request.user, meeting):
        raise PermissionDenied
    return meeting


def _listed(meeting: Meeting) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(meeting=meeting)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("initiative")
        .order_by("status", "queued_at", "created_at", "pk")
    )


@login_required
@require_safe
def registrations_list(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    meeting = _organised_meeting(request, slug)
    context = {"meeting": meeting, "registrations": list(_listed(meeting))}
    return render(request, "meetings/registrations_list.html", context)


def _csv_rows(meeting: Meeting) -> Iterator[list[str]]:
    statuses = dict(Registration.Status.choices)
    yield [
        _("Name"),
        _("E-mail address"),
        _("Initiative"),
        _("Status"),
        _("Needs"),
        _("Wants to help"),
    ]
    for registration in _listed(meeting).iterator(chunk_size=500):
        yield [
            cell(registration.name),
            cell(registration.email),
            cell(registration.initiative.name if registration.initiative else ""),
            cell(statuses.get(registration.status, registration.status)),
            cell(registration.needs),
            _("yes") if registration.wants_to_help else _("no"),
        ]


@login_required
@require_safe
def registrations_csv(request: AuthenticatedHttpRequest, slug: str) -> StreamingHttpResponse:
    meeting = _organised_meeting(request, slug)
    # As the directory's export: with the byte order mark, so Excel reads the file as UTF-8.
    response = StreamingHttpResponse(
        csv_lines(_csv_rows(meeting)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="aanmeldingen-{meeting.slug}.csv"'
    return response
