"""The knowledge base's front page: search, facets and the newest items; and for coordinators the
searches that found nothing, from which they make research questions.

The page is a plain GET form and a list, so every state has an address to share and it works
without JavaScript. It costs the same number of queries for 3 items as for 100,000: the facet
counts and the total are shared per filter state and content version (knowledgebase/facets.py),
and the snippets are made only for the rows on the page. What the page knows about an address
beyond its kept form and results is kept as well (knowledgebase/search_state.py), so a page whose
fragments are kept builds no FilterSet: it asks the content version and, for a search that found
nothing, counts it (missed_searches). A search that finds very many items ranks only its newest
RANK_CANDIDATES matches, and above facets.COUNT_LIMIT says "more than" and shows the filters
without numbers; the page says so.
"""

import hashlib
from functools import cached_property, partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import Case, F, QuerySet, TextField, Value, When
from django.db.models.functions import Concat, StrIndex
from django.db.models.lookups import GreaterThan
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from initiatives.models import Initiative
from knowledgebase import facets, missed_searches, search_state
from knowledgebase.filters import ItemFilter
from knowledgebase.models import Item, MissedSearch
from knowledgebase.permissions import can_see_missed_searches
from knowledgebase.search_state import SearchState
from omzien import content_version
from omzien.search.query import Search
from omzien.shared_cache import get_or_compute
from omzien.typing import AuthenticatedHttpRequest

PAGE_SIZE = 20
MATCHING_INITIATIVES = 3
MISSED_PAGE_SIZE = 100


def page_of(request: HttpRequest, rows: QuerySet | range, size: int) -> Page:
    """The requested page; a number past the end gives the last page, nonsense the first."""
    return Paginator(rows, size).get_page(request.GET.get("page"))


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


class PageParts:
    """The FilterSet and its counts, built only when the page needs them: when a fragment or the
    search state of this address is not kept yet (validating its form asks a query per chosen
    theme or municipality)."""

    def __init__(self, request: HttpRequest) -> None:
        self.request = request

    @cached_property
    def built(self) -> tuple[ItemFilter, facets.Counted]:
        filterset = ItemFilter(
            self.request.GET, queryset=Item.objects.published(), request=self.request
        )
        return filterset, facets.count(filterset)  # which also tells the filterset its total

    def state(self) -> SearchState:
        return search_state.state_of(*self.built)

    def rows(self, page: Page) -> list[Item]:
        """The items of the page, with their snippets."""
        filterset, _counted = self.built
        items = with_snippets(filterset.qs.select_related("initiative"), filterset.search)
        return list(items[(page.number - 1) * PAGE_SIZE : page.end_index()])

    def form(self) -> Form:
        """The filter form with the counts in its choices."""
        return facets.label_choices(*self.built)


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    key = form_key(request)
    parts = PageParts(request)
    state: SearchState = get_or_compute(
        f"kb-search-state:{content_version.current(request)}:{get_language()}:{key}", parts.state
    )
    # The page's number and links from the number of results alone; its rows only when the
    # results are not kept.
    page = page_of(request, range(state.shown), PAGE_SIZE)
    if state.missed and request.method == "GET":
        assert state.search is not None
        missed_searches.count_missed(state.search)
    context: dict[str, Any] = {
        "state": state,
        "search": state.search,
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
        # Called by the template only when the results are not kept already.
        "rows": partial(parts.rows, page),
        "matching_initiatives": partial(matching_initiatives, state.search, page),
        "form_key": key,
        # Called by the template only when the rendered form is not kept already.
        "filter_form": parts.form,
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
