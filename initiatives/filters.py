"""Narrowing down the public directory: one FilterSet for the list, the map and the CSV export."""

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet, TextChoices
from django.utils.translation import gettext_lazy as _

from initiatives.models import (
    Initiative,
    InitiativeQuerySet,
    Listing,
    Municipality,
    TargetGroup,
    Theme,
)
from omzien.search.query import Search, parse_search


class Sort(TextChoices):
    RELEVANCE = "relevance", _("Best match")
    NAME = "name", _("Name")
    NEWEST = "newest", _("Newest")
    UPDATED = "updated", _("Recently updated")


ORDERINGS = {
    Sort.NAME: ("name", "pk"),
    Sort.NEWEST: ("-created_at", "pk"),
    Sort.UPDATED: ("-updated_at", "pk"),
}


class InitiativeFilter(django_filters.FilterSet):
    """Scope the queryset to approved initiatives before it comes here."""

    q = django_filters.CharFilter(
        label=_("Search"), method="filter_text", max_length=200, widget=forms.TextInput
    )
    municipality = django_filters.ModelChoiceFilter(
        label=_("Municipality"),
        queryset=Municipality.objects.all(),
        to_field_name="slug",
        empty_label=_("All municipalities"),
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"),
        field_name="themes",
        queryset=Theme.objects.all(),
        to_field_name="slug",
        empty_label=_("All themes"),
    )
    target_group = django_filters.ModelChoiceFilter(
        label=_("Target group"),
        field_name="target_groups",
        queryset=TargetGroup.objects.all(),
        to_field_name="slug",
        empty_label=_("All target groups"),
    )
    has_offers = django_filters.BooleanFilter(
        label=_("Only initiatives that offer something"),
        method="filter_has_offers",
        widget=forms.CheckboxInput,
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"), choices=Sort.choices, empty_label=None, method="keep"
    )

    class Meta:
        model = Initiative
        fields: list[str] = []

    def filter_text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        search = self.search_for(value)
        return queryset if search.is_empty else queryset.filter(search.condition())

    def search_for(self, text: str) -> Search:
        """Parsed once for the page, though the list and every count filter by it: parsing looks
        the words up in one query."""
        cached: Search | None = getattr(self, "_search", None)
        if cached is None or cached.text != text:
            cached = self._search = parse_search(text)
        return cached

    @property
    def search(self) -> Search | None:
        """What was searched for, if anything: the page says so when it was only stop words."""
        self.form.is_valid()
        text = self.form.cleaned_data.get("q") or ""
        return self.search_for(text) if text.strip() else None

    def filter_has_offers(
        self, queryset: InitiativeQuerySet, name: str, value: bool | None
    ) -> InitiativeQuerySet:
        return queryset.with_offers() if value else queryset

    def keep(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        """Sorting is applied last, in `filter_queryset`, once the search is known."""
        return queryset

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        return self.order(super().filter_queryset(queryset))

    def order(self, queryset: QuerySet) -> QuerySet:
        chosen = self.form.cleaned_data.get("sort") or Sort.RELEVANCE
        search = self.search
        if chosen == Sort.RELEVANCE and search is not None and search.can_rank:
            return queryset.annotate(rank=search.rank()).order_by("-rank", "name", "pk")
        return queryset.order_by(*ORDERINGS.get(chosen, ORDERINGS[Sort.NAME]))

    def queryset_without(self, excluded: str) -> InitiativeQuerySet:
        """The initiatives matching every active filter except `excluded`, unsorted: for counts."""
        self.form.is_valid()
        queryset = self.queryset.all()
        for name, value in self.form.cleaned_data.items():
            if name not in (excluded, "sort"):
                queryset = self.filters[name].filter(queryset, value)
        return queryset.order_by()

    @property
    def active(self) -> dict[str, Any]:
        """The filters that narrow the list, by name (sorting does not narrow)."""
        self.form.is_valid()
        data = self.form.cleaned_data
        return {k: v for k, v in data.items() if v not in (None, "", False) and k != "sort"}


class ListingFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        choices=Listing.Kind.choices, label=_("Needs or offers"), empty_label=_("Both")
    )
    category = django_filters.ChoiceFilter(
        choices=Listing.Category.choices, label=_("Category"), empty_label=_("All categories")
    )
    municipality = django_filters.ModelChoiceFilter(
        field_name="initiative__municipality",
        queryset=Municipality.objects.all(),
        to_field_name="slug",
        label=_("Municipality"),
        empty_label=_("All municipalities"),
    )

    class Meta:
        model = Listing
        fields = ["kind", "category", "municipality"]
