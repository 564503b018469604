"""Finding initiatives: the directory, filtered by one FilterSet that the map (views/map.py) and
the CSV export (views/export.py) share, so every filter state has one URL that works on each.

The filter panel and the results are one cached fragment per filter state and content version
(the template's `{% cache %}`), so the view hands the template lazy values: the filters, counts
and page are worked out only when the fragment is not cached yet.
"""

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from initiatives.facets import add_counts
from initiatives.filters import InitiativeFilter
from initiatives.models import Initiative

PAGE_SIZE = 20


def filter_initiatives(request: HttpRequest) -> InitiativeFilter:
    """The approved initiatives narrowed down by the query string; bad values are ignored and
    reported on the form, never a server error."""
    return InitiativeFilter(request.GET, queryset=Initiative.objects.approved(), request=request)


def page_of(request: HttpRequest, queryset: QuerySet, size: int, count: int | None = None) -> Page:
    """The requested page; a number past the end gives the last page, nonsense the first.
    `count`, when known already (from the facet counts), saves the paginator its count query."""
    paginator = Paginator(queryset, size)
    if count is not None:
        paginator.count = count  # a cached_property: set, it is not queried
    return paginator.get_page(request.GET.get("page"))


def is_partial(request: HttpRequest) -> bool:
    # htmx asks for the full page when it restores history it did not keep.
    return "HX-Request" in request.headers and "HX-History-Restore-Request" not in request.headers


def directory_context(request: HttpRequest, size: int, results_id: str) -> dict[str, Any]:
    filterset = filter_initiatives(request)
    total = add_counts(filterset)["total"]
    initiatives = filterset.qs.select_related("municipality").prefetch_related("themes")
    page = page_of(request, initiatives, size, total)
    return {
        "filter": filterset,
        # How many filters are chosen in the fold of the filter form (the search is outside it).
        "folded_chosen": len([name for name in filterset.active if name != "q"]),
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
        "partial": is_partial(request),
        "results_id": results_id,
    }


def lazy_directory_context(request: HttpRequest, size: int, results_id: str) -> dict[str, object]:
    """As `directory_context`, but nothing is queried until the template asks."""
    found = SimpleLazyObject(lambda: directory_context(request, size, results_id))

    def later(name: str) -> SimpleLazyObject:
        return SimpleLazyObject(lambda: found[name])

    context: dict[str, object] = {
        name: later(name) for name in ("filter", "folded_chosen", "page", "page_range")
    }
    return context | {"partial": is_partial(request), "results_id": results_id}


@require_safe
@vary_on_headers("HX-Request")
def directory(request: HttpRequest) -> HttpResponse:
    context = lazy_directory_context(request, PAGE_SIZE, "directory-results")
    if context["partial"]:
        return render(request, "initiatives/partials/directory_results.html", context)
    return render(request, "initiatives/initiative_list.html", context)
