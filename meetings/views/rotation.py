"""Fair rotation: the coordinators' host suggestions, and the public rotation ledger."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from initiatives.models import Theme
from meetings.forms_rotation import SuggestionsForm
from meetings.host_candidates import load_candidates
from meetings.ledger import build_ledger
from meetings.permissions import can_see_host_suggestions, can_see_ledger_flags
from meetings.rotation import suggest
from omzien.typing import AuthenticatedHttpRequest


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
    """Read only when the page's fragment is not cached for the content version and audience."""
    return render(
        request,
        "meetings/ledger.html",
        {
            "ledger": SimpleLazyObject(build_ledger),
            "show_flags": can_see_ledger_flags(request.user),
        },
    )
