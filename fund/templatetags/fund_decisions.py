"""Template tags of the decisions part: a score the Dutch way, and a round's decisions so far
for the round's page (`fund/partials/_round_decisions.html`)."""

from decimal import Decimal
from typing import Any

from django import template
from django.db.models import Count, Q
from django.utils.formats import number_format

from fund.models import Decision, Round

register = template.Library()


@register.filter
def score(value: Decimal | None) -> str:
    """Decimal("3.7") -> "3,7" (in Dutch); None -> "–"."""
    if value is None:
        return "–"
    return number_format(value, decimal_pos=1)


@register.inclusion_tag("fund/partials/_round_decisions_summary.html")
def round_decisions(round_: Round) -> dict[str, Any]:
    """How many decisions the round took, and of what kind (one query)."""
    counts = Decision.objects.filter(round=round_).aggregate(
        total=Count("pk"),
        awarded=Count("pk", filter=~Q(outcome=Decision.Outcome.REJECT)),
        rejected=Count("pk", filter=Q(outcome=Decision.Outcome.REJECT)),
    )
    return {"round": round_, **counts}
