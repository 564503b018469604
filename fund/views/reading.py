"""The fund's front page: what the fund is, its rounds, its figures, where the money came from and
went, and for each person the way to apply (or, for the fund's roles, to their work)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_safe

from fund import portal
from fund.accountability import FULL_REPORT_FROM_CENTS


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    # The public part is a fragment cached under the content version and the day (a round opens
    # and closes by the date): these stay lazy, and are queried only when it is made.
    context = {
        "today": today.isoformat(),
        "figures": SimpleLazyObject(lambda: portal.figures(today)),
        "rounds": SimpleLazyObject(lambda: list(portal.coming_rounds(today))),
        "decided": SimpleLazyObject(portal.decided_rounds),
        "funders": SimpleLazyObject(portal.funders_with_money),
        "full_report_from": FULL_REPORT_FROM_CENTS,
        "you": portal.your_part(request.user, today),
    }
    return render(request, "fund/index.html", context)
