"""Finding initiatives: the directory, its map and its CSV export, all public and all filtered
by the same FilterSet, so every filter state has one URL that works on each of them."""

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass

from django.contrib.postgres.expressions import ArraySubquery
from django.core.paginator import Page, Paginator
from django.db.models import (
    Avg,
    Count,
    FloatField,
    Func,
    JSONField,
    OuterRef,
    QuerySet,
    TextField,
    Value,
)
from django.db.models.functions import Cast, Coalesce, Concat, JSONObject
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from initiatives.facets import add_counts
from initiatives.filters import InitiativeFilter
from initiatives.models import Initiative, TargetGroup, Theme
from omzien.page_cache import cache_for_everyone, cache_for_visitors

PAGE_SIZE = 20
MAP_LIST_PAGE_SIZE = 50
# Above this many matching initiatives the map data is a circle per municipality, not a marker
# per initiative: at 15,000 the markers alone would be megabytes.
MAP_POINTS_LIMIT = 500


def filter_initiatives(request: HttpRequest) -> InitiativeFilter:
    """The approved initiatives narrowed down by the query string; bad values are ignored and
    reported on the form, never a server error."""
    return InitiativeFilter(request.GET, queryset=Initiative.objects.approved())


def page_of(request: HttpRequest, queryset: QuerySet, size: int) -> Page:
    """The requested page; a number past the end gives the last page, nonsense the first."""
    return Paginator(queryset, size).get_page(request.GET.get("page"))


def is_partial(request: HttpRequest) -> bool:
    # htmx asks for the full page when it restores history it did not keep.
    return "HX-Request" in request.headers and "HX-History-Restore-Request" not in request.headers


def directory_context(request: HttpRequest, size: int, results_id: str) -> dict[str, object]:
    filterset = filter_initiatives(request)
    add_counts(filterset)
    initiatives = filterset.qs.select_related("municipality").prefetch_related("themes")
    page = page_of(request, initiatives, size)
    return {
        "filter": filterset,
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
        "partial": is_partial(request),
        "results_id": results_id,
    }


def without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@require_safe
@vary_on_headers("HX-Request")
@cache_for_visitors(60)
def directory(request: HttpRequest) -> HttpResponse:
    context = directory_context(request, PAGE_SIZE, "directory-results")
    if context["partial"]:
        return render(request, "initiatives/partials/directory_results.html", context)
    return render(request, "initiatives/initiative_list.html", context)


@require_safe
@vary_on_headers("HX-Request")
@cache_for_visitors(60)
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
@cache_for_everyone(60)
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


# Cells starting like this are run as formulas by spreadsheet programs (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def export_rows(request: HttpRequest, queryset: QuerySet) -> Iterator[list[str]]:
    legal_forms = dict(Initiative.LegalForm.choices)
    detail = request.build_absolute_uri(reverse("initiatives:detail", kwargs={"slug": "-"}))[:-2]
    yield [
        _("Name"),
        _("Municipality"),
        _("Village or neighbourhood"),
        _("In one sentence"),
        _("Themes"),
        _("Target groups"),
        _("Founded in"),
        _("Legal form"),
        _("Website"),
        _("On the portal"),
    ]
    for row in export_values(queryset):
        yield [
            cell(row["name"]),
            cell(row["municipality__name"]),
            cell(row["place"]),
            cell(row["pitch"]),
            cell(", ".join(row["theme_names"])),
            cell(", ".join(row["target_group_names"])),
            cell(row["founded_year"]),
            cell(legal_forms.get(row["legal_form"], row["legal_form"])),
            cell(row["website"]),
            f"{detail}{row['slug']}/",
        ]


def export_values(queryset: QuerySet) -> Iterator[dict[str, object]]:
    """Public columns only (never an e-mail address), themes and target groups as arrays, so the
    whole export is one query, read in chunks."""
    themes = Theme.objects.filter(initiatives=OuterRef("pk")).order_by("name").values("name")
    groups = TargetGroup.objects.filter(initiatives=OuterRef("pk")).order_by("name")
    return (
        queryset.annotate(
            theme_names=ArraySubquery(themes),
            target_group_names=ArraySubquery(groups.values("name")),
        )
        .values(
            "name",
            "slug",
            "municipality__name",
            "place",
            "pitch",
            "theme_names",
            "target_group_names",
            "founded_year",
            "legal_form",
            "website",
        )
        .iterator(chunk_size=2000)
    )


class Echo:
    """A file-like object for csv.writer that hands each line back instead of storing it."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterator[list[str]]) -> Iterator[str]:
    writer = csv.writer(Echo())
    yield "\ufeff"  # the byte order mark: Excel then reads the file as UTF-8
    for row in rows:
        yield writer.writerow(row)


@require_safe
def export_csv(request: HttpRequest) -> StreamingHttpResponse:
    rows = export_rows(request, filter_initiatives(request).qs)
    response = StreamingHttpResponse(csv_lines(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="initiatives.csv"'
    return response
