from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.cache import never_cache

from omzien.home_sections import home_sections
from omzien.key_figures import key_figures
from omzien.work_queues import (
    is_coordination,
    overview_of,
    queue_page,
    registered_queue,
    work_queues_for,
)


def home(request: HttpRequest) -> HttpResponse:
    # Counted only when the page's cached fragment is missing for this content version.
    figures = SimpleLazyObject(lambda: key_figures(request))
    sections = SimpleLazyObject(home_sections)
    return render(request, "omzien/home.html", {"figures": figures, "sections": sections})


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


@login_required
def coordination(request: HttpRequest) -> HttpResponse:
    """The work overview: every queue this person may see, the first few of each. Coordinators
    see it as "Coördinatie", the fund's committee and treasurers as their "Te doen"."""
    queues = work_queues_for(request.user)
    if not queues:
        raise PermissionDenied
    overviews = [overview_of(queue, request.user) for queue in queues]
    context = {"overviews": overviews, "coordination": is_coordination(request.user)}
    return render(request, "omzien/coordination.html", context)


@login_required
def coordination_queue(request: HttpRequest, key: str) -> HttpResponse:
    """One queue of the overview in full, a page at a time."""
    queue = registered_queue(key)
    if queue is None:
        raise Http404
    if not queue.visible_to(request.user):
        raise PermissionDenied
    page = queue_page(queue, request.user, request.GET.get("page"))
    context = {"queue": queue, "page": page, "coordination": is_coordination(request.user)}
    return render(request, "omzien/coordination_queue.html", context)
