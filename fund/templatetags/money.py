from django import template

from fund.money import euros

register = template.Library()


@register.filter
def euro(cents: int | None) -> str:
    """{{ grant.awarded_cents|euro }} -> "€ 1.250,00"."""
    return euros(cents)
