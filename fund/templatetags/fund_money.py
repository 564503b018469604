"""Template helpers of the money pages (funders, contributions, the ledger)."""

from django import template

from fund.models import Contribution
from fund.statements import contribution_earmark

register = template.Library()


@register.filter
def earmark(contribution: Contribution) -> str:
    """ "alleen voor initiatieven in Amersfoort"; "" for general money. Load the contribution
    with its earmark's municipality and theme."""
    return contribution_earmark(contribution)
