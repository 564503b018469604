"""Counts per filter value in the directory: "Utrecht (42)".

Each facet counts the approved initiatives that match every *other* active filter, so a person
sees what choosing that value would give. One aggregate query per facet, whatever the number of
initiatives; the counts are written into the choices of the filter form, so the selects need no
query of their own.
"""

from dataclasses import dataclass

from django.db.models import Count, Model, Q, QuerySet
from django.utils.translation import gettext as _

from initiatives.filters import InitiativeFilter
from initiatives.models import Municipality, TargetGroup, Theme


@dataclass(frozen=True)
class Facet:
    name: str  # the filter's name in the FilterSet
    model: type[Model]
    relation: str  # from the model to Initiative


FACETS = [
    Facet("municipality", Municipality, "initiatives"),
    Facet("theme", Theme, "initiatives"),
    Facet("target_group", TargetGroup, "initiatives"),
]


def counted_options(facet: Facet, matching: QuerySet) -> QuerySet:
    """Every value of the facet with the number of `matching` initiatives that have it."""
    within = Q(**{f"{facet.relation}__in": matching.values("pk")})
    return facet.model.objects.annotate(count=Count(facet.relation, filter=within)).order_by("name")


def label(name: str, count: int) -> str:
    return _("%(name)s (%(count)s)") % {"name": name, "count": count}


def add_counts(filterset: InitiativeFilter) -> dict[str, int]:
    """Put the counts into the form's choices; returns the count with "has offers" ticked."""
    form = filterset.form
    for facet in FACETS:
        options = counted_options(facet, filterset.queryset_without(facet.name))
        field = form.fields[facet.name]
        # The widget's choices only: validation still goes by the field's queryset.
        field.widget.choices = [("", field.empty_label)] + [
            (option.slug, label(option.name, option.count)) for option in options
        ]
    with_offers = filterset.queryset_without("has_offers").with_offers().count()
    has_offers = form["has_offers"]  # the bound field: it copied the label when validating
    has_offers.label = label(str(has_offers.label), with_offers)
    return {"has_offers": with_offers}
