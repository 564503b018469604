"""Transparency: the public list of grants with its totals, a grant's page, and the downloads.

The list's filter form, results and totals are cached fragments under the content version (the
template's `{% cache %}`), so the view hands the template lazy values: nothing is queried until a
fragment that is not cached yet asks for it. The totals depend on the filters only, so every page
of a filter state shares them. Nothing here is a copy of a whole page.
"""

import csv
import json
from collections.abc import Callable, Iterator
from typing import Any, TypeVar
from urllib.parse import urlencode

from django.core.cache import caches
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from fund import accountability, payouts
from fund.allocation import money_by_funder
from fund.models import Grant, GrantFunding
from fund.money import euros
from fund.transparency import (
    FILTERS,
    PAGE_SIZE,
    GrantFilter,
    canonical_query,
    euro_string,
    export_grants,
    fundings_with_funders,
    public_grants,
    recusal_counts,
    report_accepted,
    totals,
)
from initiatives.models import Initiative
from initiatives.views.export import cell
from omzien import content_version

T = TypeVar("T")


def later(make: Callable[[], T]) -> T:
    """A value worked out only when a template (a fragment not cached yet) first uses it."""
    return SimpleLazyObject(make)  # type: ignore[return-value]


def list_context(request: HttpRequest, filterset: GrantFilter) -> dict[str, Any]:
    grants = filterset.listed()
    page = Paginator(grants, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    money = money_by_funder(rows)
    for grant in rows:
        grant.money = money.get(grant.pk, [])
        grant.report_accepted = report_accepted(grant)
    return {
        "page": page,
        "rows": rows,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
    }


@require_safe
def grant_list(request: HttpRequest) -> HttpResponse:
    if any(name in request.GET and not request.GET[name].strip() for name in FILTERS):
        # The form without JavaScript sends the filters left open as well: the address to
        # share holds only the chosen ones.
        query = canonical_query(request.GET)
        if request.GET.get("page", "").strip():
            query = "&".join(filter(None, [query, urlencode({"page": request.GET["page"]})]))
        return redirect(request.path + (f"?{query}" if query else ""))
    filterset = later(lambda: GrantFilter(request.GET))
    listed = later(lambda: list_context(request, filterset))
    query = canonical_query(request.GET)
    context = {
        "filter": filterset,
        "totals": later(lambda: totals(filterset)),
        "page": later(lambda: listed["page"]),
        "rows": later(lambda: listed["rows"]),
        "page_range": later(lambda: listed["page_range"]),
        # What the totals and the filter form depend on (the page's number does not count).
        "filter_key": query,
        "download_query": f"?{query}" if query else "",
    }
    return render(request, "fund/grant_list.html", context)


# The application's long texts: not shown here, and not read for the grant the panels get.
LONG_TEXTS = ("application__plan", "application__why", "application__for_whom")


def shown_grant(pk: int) -> Grant:
    """The grant with everything its public part shows (read when that part is not cached)."""
    return (
        public_grants()
        .select_related(
            "application__theme",
            "application__decision",
            "initiative__municipality",
            "round",
            "report",
        )
        .get(pk=pk)
    )


def shared_grant(request: HttpRequest, pk: int) -> Grant:
    """The public grant with its application, as loaded once for the current content version and
    shared between requests (as initiatives/views/lookup.py shares an initiative): no query while
    nothing changed. Only for showing; an action reads its rows again under a lock."""
    key = f"fund-grant:{pk}:{content_version.current(request)}"
    grant: Grant | None = caches["fragments"].get(key)
    if grant is None:
        grant = get_object_or_404(
            public_grants().select_related("application").defer(*LONG_TEXTS), pk=pk
        )
        caches["fragments"].set(key, grant)
    return grant


@require_safe
def grant_detail(request: HttpRequest, pk: int) -> HttpResponse:
    # What every request needs: that the grant is public (else a 404), and the grant itself for
    # the panels of the payouts and reports parts. The rest is read only for a fragment that is
    # not cached yet.
    grant = shared_grant(request, pk)
    shown = later(lambda: shown_grant(pk))
    decision = later(lambda: getattr(shown.application, "decision", None))
    context: dict[str, Any] = {
        "grant": grant,
        "application": grant.application,
        "shown": shown,
        "decision": decision,
        "recusals": later(lambda: recusal_counts(decision) if decision else []),
        "report_accepted": later(lambda: report_accepted(shown)),
        "returned_cents": grant.repaid_cents + grant.released_cents,
        "money": later(lambda: fundings_with_funders([grant]).get(grant.pk, [])),
        "co_applicants": later(
            lambda: list(grant.application.co_applicants.approved().order_by("name"))
        ),
    }
    # The panels of the payouts and reports parts: their own, per person; never cached here.
    context |= payouts.page_context(request, grant)
    context |= accountability.page_context(request, grant)
    return render(request, "fund/grant_detail.html", context)


# --- Downloads: the same grants as the page (its filters), all of them, streamed ---


def _initiative_url(request: HttpRequest, initiative: Initiative) -> str | None:
    if not initiative.is_public:
        return None
    return request.build_absolute_uri(initiative.get_absolute_url())


def _earmark(funding: GrantFunding) -> str:
    return getattr(funding, "earmark", "")


def _funders_cell(money: list[GrantFunding]) -> str:
    parts = []
    for funding in money:
        earmark = _earmark(funding)
        name = funding.contribution.funder.name + (f" ({earmark})" if earmark else "")
        parts.append(f"{name}: {euros(funding.amount_cents)}")
    return "; ".join(parts)


def csv_rows(request: HttpRequest, filterset: GrantFilter) -> Iterator[list[str]]:
    yield [
        _("Number"),
        _("Awarded on"),
        _("Year"),
        _("Initiative"),
        _("Municipality"),
        _("Round"),
        _("Purpose"),
        _("In short"),
        _("Theme"),
        _("Funders"),
        _("Awarded (cents)"),
        _("Awarded (euros)"),
        _("Paid out (cents)"),
        _("Paid out (euros)"),
        _("Back to the fund (cents)"),
        _("Back to the fund (euros)"),
        _("Status"),
        _("Report accepted"),
        _("Page"),
    ]
    yes, no = _("yes"), _("no")
    for grant, money in export_grants(filterset):
        application = grant.application
        returned = grant.repaid_cents + grant.released_cents
        yield [
            str(grant.pk),
            grant.awarded_on.isoformat(),
            str(grant.awarded_on.year),
            cell(grant.initiative.name),
            cell(grant.initiative.municipality.name),
            cell(grant.round.name),
            cell(application.title),
            cell(application.summary),
            cell(application.theme.name if application.theme else ""),
            cell(_funders_cell(money)),
            str(grant.awarded_cents),
            euro_string(grant.awarded_cents).replace(".", ","),
            str(grant.paid_cents),
            euro_string(grant.paid_cents).replace(".", ","),
            str(returned),
            euro_string(returned).replace(".", ","),
            cell(grant.get_status_display()),
            yes if report_accepted(grant) else no,
            request.build_absolute_uri(grant.get_absolute_url()),
        ]


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
def grants_csv(request: HttpRequest) -> StreamingHttpResponse:
    filterset = GrantFilter(request.GET)
    response = StreamingHttpResponse(
        csv_lines(csv_rows(request, filterset)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="toekenningen.csv"'
    return response


def _json(value: Any) -> str:
    """JSON that is safe in any context: <, > and & escaped (as json_script does)."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def money_json(cents: int) -> dict[str, object]:
    return {"cents": cents, "euros": euro_string(cents)}


def total_json(total: Any) -> dict[str, object]:
    item: dict[str, object] = {"grants": total.grants}
    if total.label or total.slug:
        item |= {"name": total.label, "slug": total.slug or None}
    return item | {
        "awarded": money_json(total.awarded),
        "paid_out": money_json(total.paid),
        "back_to_the_fund": money_json(total.returned),
    }


def grant_json(request: HttpRequest, grant: Grant, money: list[GrantFunding]) -> dict[str, Any]:
    application = grant.application
    initiative = grant.initiative
    return {
        "id": grant.pk,
        "url": request.build_absolute_uri(grant.get_absolute_url()),
        "awarded_on": grant.awarded_on.isoformat(),
        "initiative": {
            "name": initiative.name,
            "url": _initiative_url(request, initiative),
            "municipality": initiative.municipality.name,
        },
        "round": {"name": grant.round.name, "slug": grant.round.slug},
        "purpose": application.title,
        "summary": application.summary,
        "theme": application.theme.name if application.theme else None,
        "funders": [
            {
                "name": funding.contribution.funder.name,
                "slug": funding.contribution.funder.slug,
                "earmark": _earmark(funding) or None,
                "amount": money_json(funding.amount_cents),
            }
            for funding in money
        ],
        "awarded": money_json(grant.awarded_cents),
        "paid_out": money_json(grant.paid_cents),
        "repaid": money_json(grant.repaid_cents),
        "released": money_json(grant.released_cents),
        "status": grant.status,
        "status_label": str(grant.get_status_display()),
        "report_accepted": report_accepted(grant),
    }


def json_chunks(request: HttpRequest, filterset: GrantFilter) -> Iterator[str]:
    found = totals(filterset)
    chosen = filterset.active
    head = {
        "filters": {
            name: (getattr(chosen[name], "slug", chosen[name]) if name in chosen else None)
            for name in FILTERS
        },
        "totals": total_json(found.overall)
        | {
            "by_municipality": [total_json(t) for t in found.by_municipality],
            "by_funder": [total_json(t) for t in found.by_funder],
            "by_theme": [total_json(t) for t in found.by_theme],
            "by_year": [total_json(t) | {"year": int(t.label)} for t in found.by_year],
        },
    }
    yield _json(head)[:-1] + ',"grants":['
    first = True
    for grant, money in export_grants(filterset):
        yield ("" if first else ",") + _json(grant_json(request, grant, money))
        first = False
    yield "]}"


@require_safe
def grants_json(request: HttpRequest) -> StreamingHttpResponse:
    filterset = GrantFilter(request.GET)
    response = StreamingHttpResponse(
        json_chunks(request, filterset), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="toekenningen.json"'
    return response
