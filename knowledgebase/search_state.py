"""What the knowledge base's search page knows about one address apart from its kept fragments:
the words, how many results its pages go through, and whether the search is one that found nothing.

Kept per address (the filter state, sort included), language and content version, like the page's
filter form and results (templates/knowledgebase/index.html). So a page whose fragments are kept
builds no FilterSet, validates no form (a query per chosen theme or municipality) and parses no
search; views/search.py builds them only when a fragment is missing.
"""

from dataclasses import dataclass

from knowledgebase import facets, filters, missed_searches
from knowledgebase.filters import ItemFilter
from omzien.search.query import Search


@dataclass(frozen=True)
class SearchState:
    words: str  # what was searched for, as the form cleaned it (the page's title)
    search: Search | None
    searching: bool  # words to find, so the results come with snippets and initiatives
    total: int
    shown: int  # how many results the pages go through
    more_than: int | None  # "more than 1,000": too many to count per filter value
    ranked_newest: int | None  # only the newest this many were ranked
    facets_counted: bool
    folded_chosen: int  # the filters chosen in the fold (all but the words)
    was_cut: bool
    missed: bool  # words that no published item has: counted on every view (missed_searches)


def found_anywhere(filterset: ItemFilter, total: int) -> bool:
    """Whether the words alone find a published item (the other filters may hide it)."""
    if total or set(filterset.active) == {"q"}:
        return bool(total)
    return filterset.queryset_without(*(set(filterset.active) - {"q"})).exists()


def state_of(filterset: ItemFilter, counted: facets.Counted) -> SearchState:
    """The state of a filterset whose counts are `counted` (facets.count)."""
    search = filterset.search
    total = counted.total
    if filterset.ranks_newest_only:
        shown = min(total, filters.RANK_CANDIDATES)  # ranked among the newest only
    elif not counted.counted:
        shown = min(total, facets.COUNT_LIMIT)  # "more than 1,000": pages through the first
    else:
        shown = total
    return SearchState(
        words=filterset.form.cleaned_data.get("q") or "",
        search=search,
        searching=search is not None and search.can_rank,
        total=total,
        shown=shown,
        more_than=facets.COUNT_LIMIT if not counted.counted else None,
        ranked_newest=filters.RANK_CANDIDATES if filterset.ranks_newest_only else None,
        facets_counted=counted.counted,
        folded_chosen=len([name for name in filterset.active if name != "q"]),
        was_cut=filterset.was_cut,
        missed=missed_searches.should_count(search) and not found_anywhere(filterset, total),
    )
