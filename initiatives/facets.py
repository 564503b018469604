"""Counts per filter value in the directory: "Utrecht (42)".

Each facet counts the approved initiatives that match every *other* active filter, so a person
sees what choosing that value would give. One query fetches the values of all facets; then one
grouped count per facet, over the initiatives table (or the join table) and its covering indexes
(migration 0004), whatever the number of initiatives. The counts are written into the choices of
the filter form, so the selects need no query of their own.
"""

import hashlib
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import CharField, Count, F, Model, QuerySet, Value
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from initiatives.filters import InitiativeFilter
from initiatives.models import Municipality, TargetGroup, Theme
from omzien import content_version
from omzien.shared_cache import get_or_compute


@dataclass(frozen=True)
class Facet:
    name: str  # the filter's name in the FilterSet
    model: type[Municipality | Theme | TargetGroup]
    field: str  # from Initiative to the model


FACETS = [
    Facet("municipality", Municipality, "municipality"),
    Facet("theme", Theme, "themes"),
    Facet("target_group", TargetGroup, "target_groups"),
]


@dataclass(frozen=True)
class Option:
    pk: int
    slug: str
    name: str


def english_name(model: type[Model]) -> F | Value:
    """Themes and target groups have an English name; municipalities do not need one."""
    has_one = any(field.name == "name_en" for field in model._meta.get_fields())
    return F("name_en") if has_one else Value("", output_field=CharField())


def facet_values() -> dict[str, list[Option]]:
    """The values of every facet, by name, in the page's language, in one query (three small
    tables)."""
    queries = [
        facet.model.objects.order_by()
        .annotate(
            facet=Value(facet.name, output_field=CharField()), english=english_name(facet.model)
        )
        .values_list("facet", "pk", "slug", "name", "english")
        for facet in FACETS
    ]
    in_english = get_language() == "en"
    values: dict[str, list[Option]] = defaultdict(list)
    for facet, pk, slug, name, english in queries[0].union(*queries[1:], all=True):
        values[facet].append(Option(pk, slug, (in_english and english) or name))
    for options in values.values():
        options.sort(key=lambda option: option.name)
    return values


def counts(facet: Facet, matching: QuerySet) -> dict[int, int]:
    """The number of `matching` initiatives per value of the facet: one grouped query."""
    rows = matching.order_by().values_list(facet.field).annotate(count=Count("pk"))
    return dict(rows.values_list(facet.field, "count"))


# The counts are the same for everybody: shared per filter state until the content changes, so at
# 15,000 initiatives the grouped counts run once per filter state and version, not per page view.
NOT_A_FILTER = {"page", "sort"}


def all_counts(filterset: InitiativeFilter) -> tuple[dict[str, dict[int, int]], int]:
    """The counts per value of each facet, and how many initiatives have offers."""
    per_facet = {
        facet.name: counts(facet, filterset.queryset_without(facet.name)) for facet in FACETS
    }
    return per_facet, filterset.queryset_without("has_offers").with_offers().count()


def shared_counts(filterset: InitiativeFilter) -> tuple[dict[str, dict[int, int]], int]:
    state = sorted(
        (name, value)
        for name, values in filterset.data.lists()
        if name not in NOT_A_FILTER
        for value in values
    )
    key = (
        f"facet-counts:{content_version.current(filterset.request)}:"
        + hashlib.sha256(repr(state).encode()).hexdigest()
    )
    return get_or_compute(key, lambda: all_counts(filterset))


def label(name: str, count: int) -> str:
    return _("%(name)s (%(count)s)") % {"name": name, "count": count}


def matching_total(filterset: InitiativeFilter, by_municipality: dict[int, int]) -> int:
    """How many initiatives match all filters, from the municipality counts (every initiative
    lies in one municipality): the paginator needs no count query of its own."""
    chosen = filterset.active.get("municipality")
    if chosen is not None:
        return by_municipality.get(chosen.pk, 0)
    return sum(by_municipality.values())


def add_counts(filterset: InitiativeFilter) -> dict[str, int]:
    """Put the counts into the form's choices; returns the count with "has offers" ticked and
    the total of matching initiatives."""
    form = filterset.form
    values = facet_values()
    per_facet, with_offers = shared_counts(filterset)
    for facet in FACETS:
        counted = per_facet[facet.name]
        field = form.fields[facet.name]
        # The widget's choices only: validation still goes by the field's queryset.
        field.widget.choices = [("", field.empty_label)] + [
            (option.slug, label(option.name, counted.get(option.pk, 0)))
            for option in values[facet.name]
        ]
    has_offers = form["has_offers"]  # the bound field: it copied the label when validating
    has_offers.label = label(str(has_offers.label), with_offers)
    return {
        "has_offers": with_offers,
        "total": matching_total(filterset, per_facet["municipality"]),
    }
