"""Template tags of the transparency pages (fund/views/transparency.py)."""

import re

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


WHITE_LINES = re.compile(r"\s*\n\s*")


class CompactNode(template.Node):
    def __init__(self, nodelist: template.NodeList) -> None:
        self.nodelist = nodelist

    def render(self, context: template.Context) -> str:
        return WHITE_LINES.sub("\n", self.nodelist.render(context).strip())


@register.tag
def compact(parser: template.base.Parser, token: template.base.Token) -> CompactNode:
    """{% compact %}...{% endcompact %}: each run of white space that holds a line break becomes
    one line break. The templates' indentation is half the size of a long list, and HTML shows
    those runs as one space either way (use it where no <pre> or <textarea> can be)."""
    nodelist = parser.parse(("endcompact",))
    parser.delete_first_token()
    return CompactNode(nodelist)
