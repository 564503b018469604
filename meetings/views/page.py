"""A meeting's public page: what, when, where, who hosts, the programme, and afterwards the
report. A draft is a 404 for everyone but the coordinators."""

import json

from django.core.cache import caches
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.functional import SimpleLazyObject
from django.utils.timezone import localtime
from django.views.decorators.http import require_safe

from meetings.attendance import Attendance, attendance_of
from meetings.knowledge import knowledge_item_of
from meetings.models import Meeting, Report
from meetings.permissions import can_organise_meeting, can_publish_report, can_see_meeting
from omzien import content_version
from omzien.shared_cache import get_or_compute

ATTENDANCE_MODES = {
    Meeting.Kind.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    Meeting.Kind.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    Meeting.Kind.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}


def linked_data(request: HttpRequest, meeting: Meeting) -> str:
    """schema.org Event for search engines; escaped for a <script> data block. Never the online
    link: that is for the people who registered."""
    page_url = request.build_absolute_uri(meeting.get_absolute_url())
    cancelled = meeting.status == Meeting.Status.CANCELLED
    place = {
        "@type": "Place",
        "name": meeting.venue_name or meeting.municipality.name,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": meeting.address,
            "addressLocality": meeting.municipality.name,
            "addressRegion": "Utrecht",
            "addressCountry": "NL",
        },
    }
    online = {"@type": "VirtualLocation", "url": page_url}
    location: object = {
        Meeting.Kind.IN_PERSON: place,
        Meeting.Kind.ONLINE: online,
        Meeting.Kind.HYBRID: [place, online],
    }[Meeting.Kind(meeting.kind)]
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": meeting.title,
        "description": meeting.question or meeting.title,
        "startDate": localtime(meeting.starts_at).isoformat(),
        "endDate": localtime(meeting.ends_at).isoformat(),
        "eventStatus": "https://schema.org/EventCancelled"
        if cancelled
        else "https://schema.org/EventScheduled",
        "eventAttendanceMode": ATTENDANCE_MODES[Meeting.Kind(meeting.kind)],
        "location": location,
        "organizer": {
            "@type": "Organization",
            "name": meeting.host.name,
            "url": request.build_absolute_uri(meeting.host.get_absolute_url()),
        },
        "isAccessibleForFree": True,
        "url": page_url,
    }
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def report_of(meeting: Meeting) -> Report | None:
    try:
        return meeting.report
    except Report.DoesNotExist:
        return None


def shared_meeting(request: HttpRequest, slug: str) -> Meeting:
    """The meeting with its host and municipality, loaded once per content version and shared
    between requests: no query while nothing changed. Only for pages that show it."""
    key = f"meeting:{slug}:{content_version.current(request)}"
    meeting = caches["fragments"].get(key)
    if meeting is None:
        # The co-hosts come along (is_host_admin asks them for a signed-in person).
        meeting = get_object_or_404(
            Meeting.objects.select_related("host", "municipality").prefetch_related("co_hosts"),
            slug=slug,
        )
        caches["fragments"].set(key, meeting)
    return meeting


def shared_attendance(request: HttpRequest, meeting: Meeting) -> Attendance:
    """Who is coming in numbers (the same for everyone), counted once per content version: a
    registration advances it. A person's own registration is asked apart (the panel)."""
    key = f"meeting-attendance:{meeting.pk}:{content_version.current(request)}"
    attendance = caches["fragments"].get(key)
    if attendance is None:
        attendance = attendance_of(meeting)
        caches["fragments"].set(key, attendance)
    return attendance


def _may_organise(request: HttpRequest, meeting: Meeting) -> bool:
    """Kept per person, meeting and content version (memberships and roles move the version):
    a second view of the page asks nothing."""
    key = f"meeting-organiser:{meeting.pk}:{request.user.pk}:{content_version.current(request)}"
    return get_or_compute(key, lambda: can_organise_meeting(request.user, meeting))


@require_safe
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    meeting = shared_meeting(request, slug)
    if not can_see_meeting(request.user, meeting):
        raise Http404
    latitude = meeting.latitude if meeting.latitude is not None else meeting.municipality.latitude
    longitude = (
        meeting.longitude if meeting.longitude is not None else meeting.municipality.longitude
    )
    context = {
        "meeting": meeting,
        "co_hosts": SimpleLazyObject(lambda: list(meeting.co_hosts.order_by("name"))),
        "themes": SimpleLazyObject(lambda: list(meeting.themes.all())),
        "agenda_items": SimpleLazyObject(lambda: list(meeting.agenda_items.all())),
        "report": SimpleLazyObject(lambda: report_of(meeting) or {}),
        # Asked only inside the cached report fragment: the knowledge base's tables advance the
        # content version, so a published item shows at once.
        "knowledge_item": SimpleLazyObject(lambda: knowledge_item_of(meeting) or {}),
        "linked_data": SimpleLazyObject(lambda: linked_data(request, meeting)),
        "attendance": SimpleLazyObject(lambda: shared_attendance(request, meeting)),
        "latitude": latitude,
        "longitude": longitude,
    }
    context["can_organise"] = request.user.is_authenticated and _may_organise(request, meeting)
    context["can_publish_report"] = (
        context["can_organise"]
        and meeting.status == Meeting.Status.HELD
        and can_publish_report(request.user, meeting)
    )
    return render(request, "meetings/meeting_detail.html", context)
