"""{% load knowledge_search %}: a search snippet with the words found in <mark>.

{{ item.snippet|highlighted }}
"""

from django import template
from django.utils.safestring import SafeString

from omzien.search.highlight import as_html

register = template.Library()


@register.filter
def highlighted(snippet: str | None) -> SafeString:
    """Everything escaped; only the markers of `Search.headline()` become <mark>."""
    return as_html(snippet or "")
