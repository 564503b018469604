"""The directory on a map: the same filters as the list, markers from PostgreSQL, and one numbered
circle per municipality when too many initiatives match to draw them one by one."""

import json
from dataclasses import dataclass

from django.db.models import Avg, Count, FloatField, Func, JSONField, QuerySet, TextField, Value
from django.db.models.functions import Cast, Coalesce, Concat, JSONObject
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import ngettext
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from initiatives.views.directory import directory_context, filter_initiatives
from omzien.page_cache import cache_for_everyone

MAP_LIST_PAGE_SIZE = 50
# Above this many matching initiatives the map data is a circle per municipality, not a marker
# per initiative: at 15,000 the markers alone would be megabytes.
MAP_POINTS_LIMIT = 500


def without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@require_safe
@vary_on_headers("HX-Request")
def map_view(request: HttpRequest) -> HttpResponse:
    context = directory_context(request, MAP_LIST_PAGE_SIZE, "map-list")
    context["map_source"] = f"{reverse('initiatives:map-data')}?{without_page(request)}"
    if context["page"].paginator.count > MAP_POINTS_LIMIT:
        # The map shows one circle per municipality; the list below follows it.
        context["clusters"] = municipality_clusters(request, context["filter"].qs)
    if context["partial"]:
        return render(request, "initiatives/partials/_map_list.html", context)
    return render(request, "initiatives/initiative_map.html", context)


def point(own: str, centre: str) -> Cast:
    return Cast(Coalesce(own, f"municipality__{centre}"), FloatField())


def point_features(queryset: QuerySet, limit: int) -> list[str]:
    """At most `limit` GeoJSON features with just what a marker and its pop-up need, built by
    PostgreSQL. The point is the initiative's own, else the centre of its municipality."""
    detail = reverse("initiatives:detail", kwargs={"slug": "-"})[:-2]
    feature = JSONObject(
        type=Value("Feature"),
        geometry=JSONObject(
            type=Value("Point"),
            coordinates=Func(
                point("longitude", "longitude"),
                point("latitude", "latitude"),
                function="JSONB_BUILD_ARRAY",
                output_field=JSONField(),
            ),
        ),
        properties=JSONObject(
            name="name",
            url=Concat(Value(detail), "slug", Value("/")),
            municipality="municipality__name",
            place="place",
            pitch="pitch",
        ),
    )
    features = queryset.order_by().annotate(feature=Cast(feature, TextField()))
    return list(features.values_list("feature", flat=True)[:limit])


@dataclass(frozen=True)
class Cluster:
    """The matching initiatives of one municipality, drawn as one numbered circle."""

    name: str
    count: int
    latitude: float
    longitude: float
    map_url: str
    list_url: str

    def feature(self) -> dict[str, object]:
        label = ngettext(
            "%(count)s initiative in %(municipality)s",
            "%(count)s initiatives in %(municipality)s",
            self.count,
        ) % {"count": self.count, "municipality": self.name}
        return {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [self.longitude, self.latitude]},
            "properties": {
                "cluster": True,
                "count": self.count,
                "label": label,
                "municipality": self.name,
                "url": self.map_url,
                "list_url": self.list_url,
            },
        }


def filtered_url(request: HttpRequest, name: str, municipality: str) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    params["municipality"] = municipality
    return f"{reverse(name)}?{params.urlencode()}"


def municipality_clusters(request: HttpRequest, queryset: QuerySet) -> list[Cluster]:
    """One cluster per municipality: how many match there, at the centroid of their points, with
    links to the map and the list narrowed down to that municipality. One grouped query."""
    rows = (
        queryset.order_by()
        .values("municipality__name", "municipality__slug")
        .annotate(
            count=Count("pk"),
            latitude=Avg(point("latitude", "latitude")),
            longitude=Avg(point("longitude", "longitude")),
        )
        .order_by("municipality__name")
    )
    return [
        Cluster(
            name=row["municipality__name"],
            count=row["count"],
            latitude=round(row["latitude"], 5),
            longitude=round(row["longitude"], 5),
            map_url=filtered_url(request, "initiatives:map", row["municipality__slug"]),
            list_url=filtered_url(request, "initiatives:directory", row["municipality__slug"]),
        )
        for row in rows
    ]


@require_safe
@gzip_page  # inside the cache would store a compressed copy for clients that cannot read it
@cache_for_everyone
def map_data(request: HttpRequest) -> HttpResponse:
    """The markers of the matching initiatives, or, when more than MAP_POINTS_LIMIT match, one
    numbered circle per municipality: the response stays small whatever the network's size."""
    queryset = filter_initiatives(request).qs
    points = point_features(queryset, MAP_POINTS_LIMIT + 1)
    if len(points) <= MAP_POINTS_LIMIT:
        features = f"[{','.join(points)}]"
    else:
        clusters = municipality_clusters(request, queryset)
        features = json.dumps([cluster.feature() for cluster in clusters], ensure_ascii=False)
    body = f'{{"type":"FeatureCollection","features":{features}}}'
    return HttpResponse(body, content_type="application/geo+json")
