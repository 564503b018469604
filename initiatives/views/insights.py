"""White spots and growth: where the network is, where it is not yet, and how it grew."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from initiatives.growth_chart import growth_chart
from initiatives.insights import network_growth, theme_matrix
from omzien.page_cache import cache_for_visitors


@cache_for_visitors(60)
def white_spots(request: HttpRequest) -> HttpResponse:
    growth = network_growth()
    context = {"matrix": theme_matrix(), "growth": growth, "chart": growth_chart(growth)}
    return render(request, "initiatives/white_spots.html", context)
