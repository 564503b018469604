"""White spots and growth: where the network is, where it is not yet, and how it grew."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from initiatives.growth_chart import growth_chart
from initiatives.insights import network_growth, theme_matrix


def white_spots(request: HttpRequest) -> HttpResponse:
    growth = network_growth()
    context = {"matrix": theme_matrix(), "growth": growth, "chart": growth_chart(growth)}
    return render(request, "initiatives/white_spots.html", context)
