"""Template tags of the transparency pages (fund/views/transparency.py)."""

from django import template
from django.http import QueryDict
from django.urls import reverse

from fund.transparency import canonical_query

register = template.Library()


@register.simple_tag
def grants_with(filter_key: str, name: str, value: object) -> str:
    """The grants page with the current filters (`filter_key`, a canonical query) and one of them
    set: {% grants_with filter_key "municipality" total.slug %}. Made from the filters alone,
    never from the request, so a cached copy holds no one's stray parameters."""
    query = canonical_query(QueryDict(filter_key), **{name: value})
    return reverse("fund:grants") + (f"?{query}" if query else "")
