"""The map service's settings for the maps' data attributes.

{% load pdok %}
<div data-tiles="{% pdok_tile_url %}" data-attribution="{% pdok_attribution %}"></div>
"""

from django import template

from omzien import pdok

register = template.Library()


@register.simple_tag
def pdok_tile_url() -> str:
    return pdok.TILE_URL


@register.simple_tag
def pdok_attribution() -> str:
    return str(pdok.ATTRIBUTION)
