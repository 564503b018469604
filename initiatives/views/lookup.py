"""Fetching an initiative with the permission the view needs: one place for 404 versus 403."""

from collections.abc import Callable

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from accounts.models import User
from initiatives.models import Initiative
from initiatives.permissions import can_view_initiative

Rule = Callable[[User | AnonymousUser, Initiative], bool]


def initiative_for(request: HttpRequest, slug: str, rule: Rule | None = None) -> Initiative:
    """404 when the person may not even know the initiative exists; 403 when `rule` says no."""
    initiative = get_object_or_404(Initiative.objects.select_related("municipality"), slug=slug)
    if not can_view_initiative(request.user, initiative):
        raise Http404
    if rule is not None and not rule(request.user, initiative):
        raise PermissionDenied
    return initiative
