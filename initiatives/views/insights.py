"""White spots and growth: where the network is, where it is not yet, and how it grew."""

from typing import cast

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject

from initiatives.growth_chart import growth_chart
from initiatives.insights import Growth, network_growth, theme_matrix


def white_spots(request: HttpRequest) -> HttpResponse:
    """Counted only when the page's fragment is not cached for the current content version."""
    growth = SimpleLazyObject(network_growth)
    context = {
        "matrix": SimpleLazyObject(theme_matrix),
        "growth": growth,
        "chart": SimpleLazyObject(lambda: growth_chart(cast(Growth, growth))),
    }
    return render(request, "initiatives/white_spots.html", context)
