from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.cache import never_cache

from omzien.key_figures import key_figures


def home(request: HttpRequest) -> HttpResponse:
    # Counted only when the page's cached fragment is missing for this content version.
    figures = SimpleLazyObject(lambda: key_figures(request))
    return render(request, "omzien/home.html", {"figures": figures})


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """200 when the database answers, 503 when it does not; for load balancers and monitors."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def trivial(request: HttpRequest) -> HttpResponse:
    """The benchmark's yardstick: Django's cheapest response. Routed only when benchmarking."""
    return HttpResponse("ok\n", content_type="text/plain")
