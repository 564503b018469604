"""Counts per filter value on the knowledge base's search page: "Wonen (12)".

Each facet counts the published items that match every *other* active filter, so a person sees
what choosing that value would give. One query fetches the values of the facets that are rows
(themes, municipalities, initiatives that have items, research questions); then one grouped count
per facet (over the items table or a join table), whatever the number of items, and the total:
nine queries in all (three for a search that finds more than COUNT_LIMIT: then the page shows
the values without numbers), shared by everybody per filter state and content version (the `fragments` cache), like the
directory's (initiatives/facets.py). The counts are written into the choices of the filter form,
so the selects need no query of their own.
"""

import hashlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.db.models import CharField, Count, Exists, F, Model, OuterRef, QuerySet, Value
from django.db.models.functions import Cast
from django.forms import Form
from django.http import HttpRequest
from django.utils.translation import get_language

from initiatives.facets import label
from initiatives.models import Initiative, Municipality, Theme
from knowledgebase import filters
from knowledgebase.filters import ItemFilter
from knowledgebase.models import Item
from omzien import content_version
from omzien.shared_cache import get_or_compute

# Facets whose values are rows; `kind` and `type` are the model's choices.
ROW_FACETS = ("theme", "municipality", "initiative", "question")
MAX_OPTIONS = 30
CHOICE_FACETS = {"kind": Item.Kind, "type": Item.KnowledgeType}
NOT_A_FILTER = {"page", "sort"}


@dataclass(frozen=True)
class Option:
    pk: int
    slug: str  # what the query string carries: a slug, or a research question's number
    name: str


# A search that finds more than this says "more than 1,000" and gets no counts per filter value:
# counting means reading every match (for a common word, a third of the knowledge base), each
# count a query of its own. The page says so and the filters still work. Without words (only
# filters) everything is counted, as before.
COUNT_LIMIT = 1000


@dataclass(frozen=True)
class Counted:
    """What the page shows of the facets: their values, and per facet the count per value."""

    values: dict[str, list[Option]]
    counts: dict[str, dict[str, int]]  # by facet, by value (a slug, a number, or a choice)
    total: int = 0  # the items that match every filter (a search: at most WALK_ABOVE + 1)
    counted: bool = True  # False: too many matches to count per value (COUNT_LIMIT)


def _blank() -> Value:
    return Value("", output_field=CharField())


def initiatives_with_items() -> QuerySet:
    """Approved initiatives that contributed a published item or that one is about: per
    initiative a look in an index, where `initiative_id IN (...)` read every published item."""
    contributed = Item.objects.published().filter(initiative=OuterRef("pk"))
    about = Item.initiatives.through.objects.filter(
        initiative=OuterRef("pk"), item__status=Item.Status.PUBLISHED
    )
    return Initiative.objects.approved().filter(Exists(contributed) | Exists(about))


def facet_values() -> dict[str, list[Option]]:
    """The values of the row facets, by facet name, in the page's language: one query."""
    columns = ("facet", "pk", "key", "label", "english")
    queries = [
        Theme.objects.order_by().annotate(
            facet=Value("theme", output_field=CharField()),
            key=F("slug"),
            label=F("name"),
            english=F("name_en"),
        ),
        Municipality.objects.order_by().annotate(
            facet=Value("municipality", output_field=CharField()),
            key=F("slug"),
            label=F("name"),
            english=_blank(),
        ),
        initiatives_with_items()
        .order_by()
        .annotate(
            facet=Value("initiative", output_field=CharField()),
            key=F("slug"),
            label=F("name"),
            english=_blank(),
        ),
        Item.objects.published()
        .research_questions()
        .order_by()
        .annotate(
            facet=Value("question", output_field=CharField()),
            key=Cast("pk", output_field=CharField()),
            label=F("title"),
            english=_blank(),
        ),
    ]
    rows = [query.values_list(*columns) for query in queries]
    in_english = get_language() == "en"
    values: dict[str, list[Option]] = {name: [] for name in ROW_FACETS}
    for facet, pk, key, name, english in rows[0].union(*rows[1:], all=True):
        values[facet].append(Option(pk, key, (in_english and english) or name))
    for options in values.values():
        options.sort(key=lambda option: option.name.casefold())
    return values


def _grouped(rows: QuerySet) -> dict[str, int]:
    return {str(value): count for value, count in rows if value is not None}


def _through_counts(
    through: type[Model], value: str, item: str, matching: QuerySet
) -> dict[str, int]:
    rows = (
        through._default_manager.filter(**{f"{item}__in": matching.values("pk")})
        .order_by()
        .values_list(value)
        .annotate(count=Count(item))
        .values_list(value, "count")
    )
    return _grouped(rows)


def _choice_counts(field: str, matching: QuerySet) -> dict[str, int]:
    rows = matching.order_by().values_list(field).annotate(count=Count("pk"))
    return _grouped(rows.values_list(field, "count"))


def _initiative_counts(matching: QuerySet) -> dict[str, int]:
    """Per initiative, the items it contributed or that are about it, each item once."""
    contributed = matching.filter(initiative__isnull=False).values(
        who=F("initiative_id"), what=F("pk")
    )
    about = Item.initiatives.through.objects.filter(item__in=matching.values("pk")).values(
        who=F("initiative_id"), what=F("item_id")
    )
    sql, params = contributed.union(about).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT who, count(*) FROM ({sql}) AS pairs GROUP BY who", params)  # noqa: S608 - the ORM's own SQL, with parameters
        rows = cursor.fetchall()
    return {str(who): count for who, count in rows}


COUNTERS: dict[str, Callable[[QuerySet], dict[str, int]]] = {
    "kind": lambda matching: _choice_counts("kind", matching),
    "type": lambda matching: _choice_counts("knowledge_type", matching),
    "theme": lambda matching: _through_counts(Item.themes.through, "theme_id", "item_id", matching),
    "municipality": lambda matching: _through_counts(
        Item.municipalities.through, "municipality_id", "item_id", matching
    ),
    "question": lambda matching: _through_counts(
        Item.research_questions.through, "to_item_id", "from_item_id", matching
    ),
    "initiative": _initiative_counts,
}


def _searching(filterset: ItemFilter) -> bool:
    search = filterset.search
    return search is not None and search.can_rank


def matching_total(filterset: ItemFilter) -> int:
    """How many items match every filter; for a search with words at most WALK_ABOVE + 1 (the
    page says "more than 1,000" above COUNT_LIMIT; the number above that only chooses how the
    newest are found, filters.WALK_ABOVE)."""
    matching = filterset.queryset_without()
    if _searching(filterset):
        return matching[: max(COUNT_LIMIT, filters.WALK_ABOVE) + 1].count()
    return matching.count()


def too_many_to_count(filterset: ItemFilter, total: int) -> bool:
    """A search with words that finds more than COUNT_LIMIT items: no counts per value."""
    return _searching(filterset) and total > COUNT_LIMIT


def shared_values(request: HttpRequest | None = None) -> dict[str, list[Option]]:
    """facet_values(), the same for every search: computed once per content version."""
    key = f"kb-facet-values:{content_version.current(request)}:{get_language()}"
    return get_or_compute(key, facet_values)


def all_counts(filterset: ItemFilter) -> Counted:
    """The values and counts of every facet and the total: eight queries (one of them parses the
    search) and the values (shared_values); two when the search finds too many to count per
    value."""
    total = matching_total(filterset)
    if too_many_to_count(filterset, total):
        counts: dict[str, dict[str, int]] = {name: {} for name in COUNTERS}
        return _shortlisted(shared_values(filterset.request), counts, total, counted=False)
    counts = {name: count(filterset.queryset_without(name)) for name, count in COUNTERS.items()}
    return _shortlisted(shared_values(filterset.request), counts, total, counted=True)


def _shortlisted(
    values: dict[str, list[Option]], counts: dict[str, dict[str, int]], total: int, counted: bool
) -> Counted:
    """Only the values the form shows, and their counts: what is kept per filter state is read
    back on every search, and at 15,000 initiatives all of them took 100 ms to read."""
    shown = {name: _shortlist(values[name], counts[name], counted) for name in ROW_FACETS}
    kept = {
        name: {
            str(option.pk): counts[name][str(option.pk)]
            for option in options
            if str(option.pk) in counts[name]
        }
        for name, options in shown.items()
    }
    return Counted({**values, **shown}, {**counts, **kept}, total, counted=counted)


def state_of(filterset: ItemFilter) -> str:
    data = filterset.data or {}
    pairs = data.lists() if hasattr(data, "lists") else ((k, [v]) for k, v in data.items())
    state = sorted(
        (name, str(value)) for name, values in pairs if name not in NOT_A_FILTER for value in values
    )
    return hashlib.sha256(repr(state).encode()).hexdigest()


def shared_counts(filterset: ItemFilter) -> Counted:
    """The same for everybody: computed once per filter state, language and content version."""
    key = f"kb-facets:{content_version.current(filterset.request)}:{get_language()}:" + state_of(
        filterset
    )
    return get_or_compute(key, lambda: all_counts(filterset))


def _chosen_option(filterset: ItemFilter, name: str) -> Option | None:
    """A chosen value that is not among the options (an initiative without items yet)."""
    chosen = filterset.active.get(name)
    if chosen is None:
        return None
    if name == "question":
        return Option(chosen.pk, str(chosen.pk), chosen.title)
    return Option(chosen.pk, chosen.slug, chosen.name)


def _shortlist(options: list[Option], per_value: dict[str, int], counted: bool) -> list[Option]:
    """At most MAX_OPTIONS values of a facet, in name order: those with the most matching items
    when they were counted. At 15,000 initiatives a select of every one with items would be
    thousands of options long, to render and to scroll; the search box finds any by name."""
    if len(options) <= MAX_OPTIONS:
        return list(options)
    if counted:
        options = sorted(options, key=lambda option: -per_value.get(str(option.pk), 0))
    return sorted(options[:MAX_OPTIONS], key=lambda option: option.name)


def _label(name: str, counted: Counted, number: int) -> str:
    return label(name, number) if counted.counted else name


def add_counts(filterset: ItemFilter) -> Counted:
    """Put the counts into the form's choices (only the names when there are too many matches
    to count, `counted.counted`), and tell the filterset how many items match every filter."""
    counted = count(filterset)
    label_choices(filterset, counted)
    return counted


def count(filterset: ItemFilter) -> Counted:
    """The counts, and how many items match every filter (told to the filterset)."""
    counted = shared_counts(filterset)
    filterset.total = counted.total
    return counted


def label_choices(filterset: ItemFilter, counted: Counted) -> Form:
    """The filter form with the counts in its choices: only for rendering it, which the search
    page does only when it has not kept the rendered form already."""
    form = filterset.form
    for name in ROW_FACETS:
        per_value = counted.counts[name]
        options = _shortlist(counted.values[name], per_value, counted.counted)
        chosen = _chosen_option(filterset, name)
        if chosen is not None and all(option.pk != chosen.pk for option in options):
            options.append(chosen)
        field = form.fields[name]
        # The widget's choices only: validation still goes by the field's queryset.
        field.widget.choices = [("", field.empty_label)] + [
            (option.slug, _label(option.name, counted, per_value.get(str(option.pk), 0)))
            for option in options
        ]
    for name, choices in CHOICE_FACETS.items():
        per_value = counted.counts[name]
        field = form.fields[name]
        # A radio group: "all" says how many that is too.
        everything = _label(str(field.empty_label), counted, sum(per_value.values()))
        field.widget.choices = [("", everything)] + [
            (value, _label(str(text), counted, per_value.get(value, 0)))
            for value, text in choices.choices
        ]
    return form


def grouped_by_value(counted: Counted) -> dict[str, dict[str, int]]:
    """The counts, for tests and the page: by facet name, by value as in the query string."""
    result: dict[str, dict[str, int]] = defaultdict(dict)
    for name, options in counted.values.items():
        for option in options:
            result[name][option.slug] = counted.counts[name].get(str(option.pk), 0)
    for name in CHOICE_FACETS:
        result[name] = dict(counted.counts[name])
    return dict(result)
