"""Narrowing down the knowledge base: one FilterSet for the search page (views/search.py).

Every filter is a plain query parameter, so each state of the page has an address that can be
shared and works without JavaScript: `q` (the words, through omzien.search), `kind`, `theme`,
`municipality` and `initiative` (slugs), `question` (the number of a published research question:
the items that help answer it), `type` (the kind of knowledge) and `sort`.

Scope the queryset to published items before it comes here. Bad values are ignored and reported
on the form, never a server error; a search longer than MAX_QUERY_LENGTH is cut, and the page says
so (`was_cut`).
"""

from datetime import timedelta
from functools import cached_property
from typing import Any

import django_filters
from django import forms
from django.db.models import (
    DateTimeField,
    ExpressionWrapper,
    F,
    Model,
    Q,
    QuerySet,
    TextChoices,
    Value,
)
from django.utils.translation import gettext_lazy as _

from initiatives.models import Initiative, Municipality, Theme
from knowledgebase.models import FACET_PREFIXES, Item
from omzien.search.query import Lexemes, Search, parse_search
from omzien.widgets import QuickSelect

# A search that finds more than this ranks only its newest RANK_CANDIDATES matches: ranking
# reads the stored vector of every match it ranks (about four page reads each), so ranking all of
# a common word's 30,000 matches at 100,000 items takes most of a second. The page says so.
RANK_CANDIDATES = 200
# How those newest are found. Up to this many matches: all matches from the words' GIN index,
# sorted by date (each row read, no vector). Above it (a word in more than one item in ten): by
# walking the index on (status, published_at) and checking each item's words until there are
# enough, which reads each checked item's vector but stops early. PostgreSQL prices checking
# the words as cheap and would often walk for a word in a few thousand items, reading thousands of
# vectors (60-250 ms at 100,000 items): so the choice is made here, from the counted total
# (knowledgebase.facets.matching_total counts up to this + 1).
WALK_ABOVE = 10_000

# What the search box takes; longer text is cut to it (the search itself uses at most
# omzien.search.query.MAX_TERMS words of it).
MAX_QUERY_LENGTH = 200


class Sort(TextChoices):
    RELEVANCE = "relevance", _("Best match")
    NEWEST = "newest", _("Newest")
    TITLE = "title", _("Title")


ORDERINGS = {
    Sort.NEWEST: ("-published_at", "-pk"),
    Sort.TITLE: ("title", "pk"),
}


# The filters that go by Item.facet_keys, by their field_name.
FILTER_FACETS = {
    "themes": "theme",
    "municipalities": "municipality",
    "research_questions": "question",
}


def linked_to(facet: str, pk: int) -> Q:
    """The items whose facet_keys hold the row: "theme3"."""
    return Q(facet_vector=Lexemes(f"{FACET_PREFIXES[facet]}{int(pk)}"))


class SearchField(forms.CharField):
    """Text of any length is taken; what is past MAX_QUERY_LENGTH is left out."""

    def to_python(self, value: Any) -> str:
        return str(super().to_python(value))[:MAX_QUERY_LENGTH].strip()


class SearchFilter(django_filters.CharFilter):
    field_class = SearchField


class ItemFilter(django_filters.FilterSet):
    q = SearchFilter(
        label=_("Search the knowledge base"),
        method="filter_text",
        widget=forms.TextInput(attrs={"type": "search", "maxlength": MAX_QUERY_LENGTH}),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"),
        choices=Item.Kind.choices,
        empty_label=_("All kinds"),
        widget=forms.RadioSelect,
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"),
        field_name="themes",
        method="filter_linked",
        queryset=Theme.objects.all(),
        to_field_name="slug",
        empty_label=_("All themes"),
        widget=QuickSelect,
    )
    municipality = django_filters.ModelChoiceFilter(
        label=_("Municipality"),
        field_name="municipalities",
        method="filter_linked",
        queryset=Municipality.objects.all(),
        to_field_name="slug",
        empty_label=_("All municipalities"),
        widget=QuickSelect,
    )
    initiative = django_filters.ModelChoiceFilter(
        label=_("Initiative"),
        method="filter_initiative",
        queryset=Initiative.objects.approved(),
        to_field_name="slug",
        empty_label=_("All initiatives"),
        widget=QuickSelect,
    )
    question = django_filters.ModelChoiceFilter(
        label=_("Research question"),
        field_name="research_questions",
        method="filter_linked",
        queryset=Item.objects.published().research_questions(),
        empty_label=_("All research questions"),
        widget=QuickSelect,
    )
    type = django_filters.ChoiceFilter(
        label=_("Type of knowledge"),
        field_name="knowledge_type",
        choices=Item.KnowledgeType.choices,
        empty_label=_("All types"),
        widget=forms.RadioSelect,
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"), choices=Sort.choices, empty_label=None, method="keep"
    )

    class Meta:
        model = Item
        fields: list[str] = []

    # How many items match every filter, when known (knowledgebase.facets.add_counts sets it
    # before the list is made): above RANK_CANDIDATES only the newest are ranked.
    total: int | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        raw = self.data.get("q", "") if self.data else ""
        # Said on the page: the words past the limit were not searched for.
        self.was_cut = len(str(raw).strip()) > MAX_QUERY_LENGTH

    def filter_text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        search = self.search_for(value)
        return queryset if search.is_empty else queryset.filter(search.condition())

    def filter_linked(self, queryset: QuerySet, name: str, value: Model | None) -> QuerySet:
        """Linked to the theme, municipality or research question: through the item's own
        facet_keys (indexing.refresh_labels), so that PostgreSQL finds the items in an index it
        combines with the words' index, instead of checking the words of every linked item."""
        if value is None:
            return queryset
        return queryset.filter(linked_to(FILTER_FACETS[name], value.pk))

    def filter_initiative(
        self, queryset: QuerySet, name: str, value: Initiative | None
    ) -> QuerySet:
        """Contributed by the initiative, or about it; each item once."""
        if value is None:
            return queryset
        return queryset.filter(Q(initiative=value) | linked_to("initiative", value.pk))

    def search_for(self, text: str) -> Search:
        """Parsed once for the page, though the list and every count filter by it: parsing looks
        the words up in one query."""
        cached: Search | None = getattr(self, "_search", None)
        if cached is None or cached.text != text:
            cached = self._search = parse_search(text)
        return cached

    @cached_property
    def search(self) -> Search | None:
        """What was searched for, if anything (asked many times per page; the form's data does
        not change)."""
        self.form.is_valid()
        text = self.form.cleaned_data.get("q") or ""
        return self.search_for(text) if text.strip() else None

    def keep(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        """Sorting is applied last, in `filter_queryset`, once the search is known."""
        return queryset

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        return self.order(super().filter_queryset(queryset))

    @property
    def ranks(self) -> bool:
        """Whether the results come by relevance (a search with words to find)."""
        self.form.is_valid()
        chosen = self.form.cleaned_data.get("sort") or Sort.RELEVANCE
        search = self.search
        return chosen == Sort.RELEVANCE and search is not None and search.can_rank

    @property
    def ranks_newest_only(self) -> bool:
        """Whether only the newest RANK_CANDIDATES matches are ranked (too many to rank all)."""
        return self.ranks and self.total is not None and self.total > RANK_CANDIDATES

    def order(self, queryset: QuerySet) -> QuerySet:
        if self.ranks:
            search = self.search
            assert search is not None
            if self.ranks_newest_only:
                # Only these few vectors are read to rank them.
                newest = queryset.order_by(*self._newest_first()).values("pk")
                queryset = queryset.model._default_manager.filter(pk__in=newest[:RANK_CANDIDATES])
            return queryset.annotate(rank=search.rank()).order_by("-rank", "-published_at", "-pk")
        chosen = self.form.cleaned_data.get("sort") or Sort.NEWEST
        return queryset.order_by(*ORDERINGS.get(chosen, ORDERINGS[Sort.NEWEST]))

    def _newest_first(self) -> tuple[Any, ...]:
        """The newest-first order for finding the candidates (WALK_ABOVE): the index's own
        columns make PostgreSQL free to walk that index; the same date plus nothing it cannot
        read from an index, so it sorts the matches that the GIN index found."""
        assert self.total is not None
        if self.total > WALK_ABOVE:
            return ORDERINGS[Sort.NEWEST]
        not_indexed = ExpressionWrapper(
            F("published_at") + Value(timedelta(0)), output_field=DateTimeField()
        )
        return (not_indexed.desc(), "-pk")

    def queryset_without(self, *excluded: str) -> QuerySet:
        """The items matching every active filter except `excluded`, unsorted: for counts."""
        self.form.is_valid()
        queryset = self.queryset.all()
        for name, value in self.form.cleaned_data.items():
            if name not in (*excluded, "sort"):
                queryset = self.filters[name].filter(queryset, value)
        return queryset.order_by()

    @property
    def active(self) -> dict[str, Any]:
        """The filters that narrow the list, by name (sorting does not narrow)."""
        self.form.is_valid()
        data = self.form.cleaned_data
        return {k: v for k, v in data.items() if v not in (None, "") and k != "sort"}
