"""Fetching an initiative with the permission the view needs: one place for 404 versus 403."""

from collections.abc import Callable

from django.contrib.auth.models import AnonymousUser
from django.core.cache import caches
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from accounts.models import User
from initiatives.models import Initiative, Membership
from initiatives.permissions import WHO_MAY, can_view_initiative
from omzien import content_version

Rule = Callable[[User | AnonymousUser, Initiative], bool]


def _load(slug: str) -> Initiative:
    # Fills Initiative.has_team in the same query: whether someone is asked to join or to claim.
    team = Membership.objects.filter(initiative=OuterRef("pk"))
    initiatives = Initiative.objects.select_related("municipality").annotate(has_team=Exists(team))
    return get_object_or_404(initiatives, slug=slug)


def _shared(request: HttpRequest, slug: str) -> Initiative:
    """The initiative as loaded once for the current content version, shared between requests:
    no query while nothing changed. For pages that only show it, never for one that saves it."""
    key = f"initiative:{slug}:{content_version.current(request)}"
    initiative = caches["fragments"].get(key)
    if initiative is None:
        initiative = _load(slug)
        caches["fragments"].set(key, initiative)
    return initiative


def initiative_for(
    request: HttpRequest, slug: str, rule: Rule | None = None, *, shown_only: bool = False
) -> Initiative:
    """404 when the person may not even know the initiative exists; 403 when `rule` says no.
    `shown_only`: the page only shows the initiative, so a shared copy will do."""
    initiative = _shared(request, slug) if shown_only else _load(slug)
    if not can_view_initiative(request.user, initiative):
        raise Http404
    if rule is not None and not rule(request.user, initiative):
        raise PermissionDenied(WHO_MAY.get(rule, ""))  # the 403 page says who may
    return initiative
