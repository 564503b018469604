"""Finding meetings: the agenda of upcoming ones (filtered by one FilterSet that the map
shares), the past ones with their reports, and the map.

The filters and results are one cached fragment per address and content version (the template's
`{% cache %}`), so the views hand the templates lazy values: nothing is queried while the
fragment is cached.
"""

import json
from typing import Any

from django.core.cache import caches
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from initiatives.views.directory import is_partial, page_of
from meetings.filters import MeetingFilter
from meetings.models import Meeting, Report
from meetings.templatetags.meeting_time import when
from omzien.page_cache import cache_key

AGENDA_PAGE_SIZE = 20
PAST_PAGE_SIZE = 20
# More upcoming meetings than this on the map is not what a network of this size plans; the map
# shows the first ones and the list below pages through all of them.
MAP_POINTS_LIMIT = 500
MAP_DATA_SECONDS = 600


def filter_meetings(request: HttpRequest) -> MeetingFilter:
    """The upcoming published meetings narrowed down by the query string; bad values are ignored
    and reported on the form, never a server error."""
    return MeetingFilter(request.GET, queryset=Meeting.objects.upcoming(), request=request)


def listed(queryset: QuerySet) -> QuerySet:
    """What a line of the agenda shows, in a fixed number of queries."""
    return queryset.select_related("host", "municipality").prefetch_related("themes")


def agenda_context(request: HttpRequest, results_id: str, size: int) -> dict[str, Any]:
    filterset = filter_meetings(request)
    page = page_of(request, listed(filterset.qs), size)
    return {
        "filter": filterset,
        "folded_chosen": len(filterset.active),
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
    }


def lazy(request: HttpRequest, results_id: str, size: int) -> dict[str, object]:
    found = SimpleLazyObject(lambda: agenda_context(request, results_id, size))

    def later(name: str) -> SimpleLazyObject:
        return SimpleLazyObject(lambda: found[name])

    context: dict[str, object] = {
        name: later(name) for name in ("filter", "folded_chosen", "page", "page_range")
    }
    return context | {"partial": is_partial(request), "results_id": results_id}


@require_safe
@vary_on_headers("HX-Request")
def agenda(request: HttpRequest) -> HttpResponse:
    context = lazy(request, "agenda-results", AGENDA_PAGE_SIZE)
    if context["partial"]:
        return render(request, "meetings/partials/agenda_results.html", context)
    return render(request, "meetings/agenda.html", context)


def past_meetings(request: HttpRequest) -> dict[str, Any]:
    meetings = listed(Meeting.objects.past()).annotate(
        has_report=Exists(Report.objects.filter(meeting=OuterRef("pk")))
    )
    page = page_of(request, meetings, PAST_PAGE_SIZE)
    return {
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
    }


@require_safe
def past(request: HttpRequest) -> HttpResponse:
    found = SimpleLazyObject(lambda: past_meetings(request))
    context = {
        "page": SimpleLazyObject(lambda: found["page"]),
        "page_range": SimpleLazyObject(lambda: found["page_range"]),
        "results_id": "past-results",
    }
    return render(request, "meetings/past.html", context)


def without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@require_safe
@vary_on_headers("HX-Request")
def map_view(request: HttpRequest) -> HttpResponse:
    context = lazy(request, "map-list", AGENDA_PAGE_SIZE)
    context["map_source"] = f"{reverse('meetings:map-data')}?{without_page(request)}"
    if context["partial"]:
        return render(request, "meetings/partials/map_list.html", context)
    return render(request, "meetings/map.html", context)


def feature(meeting: Meeting) -> dict[str, object]:
    """What a marker and its pop-up need; the point is the meeting's own, else the centre of
    its municipality (an online meeting has a municipality too: its host's)."""
    latitude = meeting.latitude if meeting.latitude is not None else meeting.municipality.latitude
    longitude = (
        meeting.longitude if meeting.longitude is not None else meeting.municipality.longitude
    )
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [float(longitude), float(latitude)]},
        "properties": {
            "name": meeting.title,
            "url": meeting.get_absolute_url(),
            "municipality": meeting.municipality.name,
            # An online meeting sits at its host's municipality, but nobody goes there.
            "place": _("Online") if meeting.kind == Meeting.Kind.ONLINE else meeting.venue_name,
            "pitch": when(meeting.starts_at, meeting.ends_at),
        },
    }


@require_safe
def map_data(request: HttpRequest) -> HttpResponse:
    """The markers of the matching upcoming meetings, as GeoJSON for static/js/map.js; one shared
    copy per address and content version, for at most MAP_DATA_SECONDS (a meeting that ends
    leaves the map without any data changing)."""
    key = f"meetings-{cache_key(request)}"
    body = caches["fragments"].get(key)
    if body is None:
        body = map_json(request)
        caches["fragments"].set(key, body, MAP_DATA_SECONDS)
    return HttpResponse(body, content_type="application/geo+json")


def map_json(request: HttpRequest) -> str:
    meetings = (
        filter_meetings(request)
        .qs.select_related("municipality")
        .only(
            "title",
            "slug",
            "starts_at",
            "ends_at",
            "venue_name",
            "kind",
            "latitude",
            "longitude",
            "municipality__name",
            "municipality__latitude",
            "municipality__longitude",
        )[:MAP_POINTS_LIMIT]
    )
    return json.dumps(
        {"type": "FeatureCollection", "features": [feature(meeting) for meeting in meetings]},
        ensure_ascii=False,
    )
