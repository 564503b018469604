"""The directory as a CSV file: the same filters as the list, public columns only, streamed."""

import csv
from collections.abc import Iterator
from typing import Any

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef, QuerySet
from django.http import HttpRequest, StreamingHttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from initiatives.models import Initiative, TargetGroup, Theme
from initiatives.views.directory import filter_initiatives

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


def export_values(queryset: QuerySet) -> Iterator[dict[str, Any]]:
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
