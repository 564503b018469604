"""The applications part's piece of a round's page (fund/partials/_round_apply.html): how to
apply, and the person's own applications in the round. Three queries at most, whatever the
number of applications."""

from typing import Any

from django import template
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from fund.applications import accepts_drafts, applying_initiatives
from fund.models import Application, Round

register = template.Library()


@register.inclusion_tag("fund/partials/_round_apply_box.html")
def round_apply(request: HttpRequest, round_: Round) -> dict[str, Any]:
    user = request.user
    own = applying_initiatives(user) if user.is_authenticated else []
    mine = (
        list(
            Application.objects.filter(round=round_, initiative__in=[i.pk for i in own])
            .select_related("initiative")
            .order_by("-updated_at", "-pk")
        )
        if own
        else []
    )
    return {
        "round": round_,
        "request": request,
        "signed_in": user.is_authenticated,
        "initiatives": own,
        "applications": mine,
        "open_for_drafts": accepts_drafts(round_),
    }


@register.filter
def round_url(round_: Round) -> str:
    """The round's page (the rounds part's), or the fund's front page while it has none."""
    try:
        return round_.get_absolute_url()
    except NoReverseMatch:
        return reverse("fund:index")
