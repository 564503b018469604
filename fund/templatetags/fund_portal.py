"""What "my account" shows of the fund (fund/partials/_my_fund.html): the applications of the
person's initiatives, their reviews and ties (from their data, fund/personal_data.py), and for the
fund's roles the way to their work. A constant number of queries."""

from typing import Any

from django import template

from accounts.models import User
from fund.models import Application
from fund.permissions import is_committee, is_treasurer
from initiatives.permissions import memberships_of
from omzien.work_queues import has_work_queues

register = template.Library()

MY_APPLICATIONS = 10
MY_REVIEWS = 10


@register.inclusion_tag("fund/partials/_my_fund.html")
def my_fund(user: User, data: dict[str, Any]) -> dict[str, Any]:
    """`data` is the person's exported data (accounts.personal_data), read once for the page."""
    mine = data.get("fund", {})
    found = list(
        Application.objects.filter(initiative__memberships__user=user)
        .select_related("round", "initiative")
        .order_by("-updated_at", "-pk")[: MY_APPLICATIONS + 1]
    )
    committee, treasurer = is_committee(user), is_treasurer(user)
    # The newest reviews; the download holds them all.
    reviews = list(reversed(mine.get("reviews", [])))
    ties = [tie for tie in mine.get("ties", []) if tie["ended_at"] is None]
    return {
        "applications": found[:MY_APPLICATIONS],
        "more": len(found) > MY_APPLICATIONS,
        "reviews": reviews[:MY_REVIEWS],
        "more_reviews": max(len(reviews) - MY_REVIEWS, 0),
        "ties": ties,
        "committee": committee,
        "treasurer": treasurer,
        "has_work": has_work_queues(user),
        "show": bool(found or memberships_of(user) or reviews or ties or committee or treasurer),
    }
