"""The knowledge base's front page: search, facets and the newest items; and for coordinators the
searches that found nothing, from which they make research questions.

The page is a plain GET form and a list, so every state has an address to share and it works
without JavaScript. It costs the same number of queries for 3 items as for 100,000: the facet
counts and the total are shared per filter state and content version (knowledgebase/facets.py),
and the snippets are made only for the rows on the page. A search that finds very many items
ranks only its newest RANK_CANDIDATES matches, and above facets.COUNT_LIMIT says "more than" and
shows the filters without numbers; the page says so.
"""

import hashlib
from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import Case, F, QuerySet, TextField, Value, When
from django.db.models.functions import Concat, StrIndex
from django.db.models.lookups import GreaterThan
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from initiatives.models import Initiative
from knowledgebase import facets, filters, missed_searches
from knowledgebase.filters import ItemFilter
from knowledgebase.models import Item, MissedSearch
from knowledgebase.permissions import can_see_missed_searches
from omzien.search.query import Search
from omzien.typing import AuthenticatedHttpRequest

PAGE_SIZE = 20
MATCHING_INITIATIVES = 3
MISSED_PAGE_SIZE = 100


def page_of(request: HttpRequest, queryset: QuerySet, size: int, count: int | None = None) -> Page:
    """The requested page; a number past the end gives the last page, nonsense the first.
    `count`, when known already (from the facet counts), saves the paginator its count query."""
    paginator = Paginator(queryset, size)
    if count is not None:
        paginator.count = count  # a cached_property: set, it is not queried
    return paginator.get_page(request.GET.get("page"))


def with_snippets(items: QuerySet, search: Search | None) -> QuerySet:
    """Each item with `snippet`: its summary and text (plain text, never HTML) around the words
    found, made by PostgreSQL only for the rows of the page."""
    if search is None or not search.can_rank:
        return items
    # The summary first, unless the text already holds it (a meeting report's summary is its
    # opening): the same sentence must not show twice.
    text = Case(
        When(GreaterThan(StrIndex("plain_text", "summary"), 0), then=F("plain_text")),
        default=Concat("summary", Value("\n\n"), "plain_text", output_field=TextField()),
        output_field=TextField(),
    )
    return items.annotate(snippet=search.headline(text))


def matching_initiatives(search: Search | None, page: Page) -> list[Initiative]:
    """Up to three initiatives of the directory with the words, on the first page."""
    if search is None or not search.can_rank or page.number != 1:
        return []
    initiatives = (
        Initiative.objects.approved()
        .filter(search.condition())
        .annotate(rank=search.rank())
        .select_related("municipality")
        .order_by("-rank", "name", "pk")
    )
    return list(initiatives[:MATCHING_INITIATIVES])


def found_anywhere(filterset: ItemFilter, search: Search, total: int) -> bool:
    """Whether the words alone find a published item (the other filters may hide it)."""
    if total or set(filterset.active) == {"q"}:
        return bool(total)
    return filterset.queryset_without(*(set(filterset.active) - {"q"})).exists()


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    filterset = ItemFilter(request.GET, queryset=Item.objects.published(), request=request)
    counted = facets.count(filterset)
    total = counted.total
    search = filterset.search
    items = filterset.qs.select_related("initiative")
    # Ranked among the newest only: the pages go through those.
    if filterset.ranks_newest_only:
        shown = min(total, filters.RANK_CANDIDATES)
    elif not counted.counted:
        shown = min(total, facets.COUNT_LIMIT)  # "more than 1,000": pages through the first
    else:
        shown = total
    page = page_of(request, with_snippets(items, search), PAGE_SIZE, shown)
    if missed_searches.should_count(search) and request.method == "GET":
        assert search is not None
        if not found_anywhere(filterset, search, total):
            missed_searches.count_missed(search)
    context: dict[str, Any] = {
        "filter": filterset,
        "search": search,
        "searching": search is not None and search.can_rank,
        "folded_chosen": len([name for name in filterset.active if name != "q"]),
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
        # Called by the template only when the results are not kept already.
        "matching_initiatives": partial(matching_initiatives, search, page),
        "total": total,
        "more_than": facets.COUNT_LIMIT if not counted.counted else None,
        "ranked_newest": filters.RANK_CANDIDATES if filterset.ranks_newest_only else None,
        "facets_counted": counted.counted,
        "form_key": form_key(request),
        # Called by the template only when the rendered form is not kept already.
        "filter_form": partial(facets.label_choices, filterset, counted),
    }
    return render(request, "knowledgebase/index.html", context)


def form_key(request: HttpRequest) -> str:
    """The filter form's state: everything in the address but the page number."""
    state = sorted((k, v) for k, values in request.GET.lists() if k != "page" for v in values)
    return hashlib.sha256(repr(state).encode()).hexdigest()


def _coordinator(request: HttpRequest) -> None:
    if not can_see_missed_searches(request.user):
        raise PermissionDenied


def _missed_page(
    request: HttpRequest, bound: missed_searches.QuestionForm | None = None
) -> HttpResponse:
    page = page_of(request, missed_searches.missed_searches(), MISSED_PAGE_SIZE)
    rows = list(page.object_list)
    for row in rows:
        # Each row its own one-step form; the one just sent keeps what was typed and its error.
        sent = bound is not None and bound.missed.pk == row.pk
        row.form = bound if sent else missed_searches.QuestionForm(row)
    context = {
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
        "rows": rows,
    }
    return render(request, "knowledgebase/missed_searches.html", context)


@login_required
@require_safe
def missed(request: AuthenticatedHttpRequest) -> HttpResponse:
    _coordinator(request)
    return _missed_page(request)


@login_required
@require_POST
def missed_question(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _coordinator(request)
    missed = get_object_or_404(MissedSearch, pk=pk)
    if missed.research_question is not None:
        return redirect(missed.research_question)
    form = missed_searches.QuestionForm(missed, request.POST)
    if not form.is_valid():
        return _missed_page(request, form)
    question, made = missed_searches.make_research_question(
        missed.pk, form.cleaned_data["title"], request.user
    )
    if made:
        messages.success(
            request,
            _("The research question is published on the knowledge agenda."),
        )
    return redirect(question)
