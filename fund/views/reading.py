"""The fund's front page: what the fund is, its open rounds, and where the money went."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from fund.models import Round


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    rounds = Round.objects.filter(closed_at=None).order_by("closes_on", "pk")
    return render(request, "fund/index.html", {"rounds": rounds})
