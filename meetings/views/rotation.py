"""Fair rotation: the coordinators' host suggestions, and the public rotation ledger."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from initiatives.models import Theme
from meetings.host_candidates import load_candidates
from meetings.ledger import Ledger, build_ledger
from meetings.permissions import can_see_host_suggestions, can_see_ledger_flags
from meetings.rotation import suggest
from meetings.rotation_forms import SuggestionsForm
from omzien import content_version
from omzien.shared_cache import get_or_compute
from omzien.typing import AuthenticatedHttpRequest

# Initiatives per page of the ledger; page numbers beyond MAX_PAGE are read as MAX_PAGE.
LEDGER_PAGE = 50
MAX_PAGE = 10_000


@login_required
def suggestions(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not can_see_host_suggestions(request.user):
        raise PermissionDenied
    asked = bool(request.GET)
    form = SuggestionsForm(request.GET if asked else None, initial=_initial())
    ranked = None
    if asked and form.is_valid():
        planned = form.planned(list(Theme.objects.only("pk", "name")))
        ranked = suggest(load_candidates(), planned, timezone.localdate())
    fitting = [s for s in ranked or [] if s.fits]
    return render(
        request,
        "meetings/suggestions.html",
        {
            "form": form,
            "suggestions": ranked,
            "fitting": fitting,
            "fitting_count": len(fitting),
            "misfitting": [s for s in ranked or [] if not s.fits],
        },
    )


def _initial() -> dict[str, object]:
    """Next month, for about thirty people: the usual network meeting."""
    today = timezone.localdate()
    return {"month": today.month % 12 + 1, "people": 30, "breakout_rooms": 0}


def ledger(request: HttpRequest) -> HttpResponse:
    """The whole ledger is worked out once per content version and shared; each page of the list
    of initiatives is a fragment of its own, so a network of thousands stays a page of LEDGER_PAGE.
    Read only when the page's fragment is not cached for the version, audience and page."""
    raw = request.GET.get("page", "")
    number = min(int(raw), MAX_PAGE) if raw.isascii() and raw.isdigit() and int(raw) > 0 else 1

    def whole() -> Ledger:
        key = f"meetings-ledger:{content_version.current(request)}"
        return get_or_compute(key, build_ledger)

    def page() -> dict[str, object]:
        found = Paginator(whole().initiatives, LEDGER_PAGE).get_page(number)
        pages = found.paginator.get_elided_page_range(found.number, on_each_side=1, on_ends=1)
        return {"page": found, "page_range": pages}

    listed = SimpleLazyObject(page)
    return render(
        request,
        "meetings/ledger.html",
        {
            "ledger": SimpleLazyObject(whole),
            "page": SimpleLazyObject(lambda: listed["page"]),
            "page_range": SimpleLazyObject(lambda: listed["page_range"]),
            "page_number": number,
            "results_id": "initiatives-list",
            "show_flags": can_see_ledger_flags(request.user),
        },
    )
