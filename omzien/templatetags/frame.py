"""The frame of every page (omzien/frame.py), for base.html.

{% load frame %}{% frame_head %} … {% frame_header %} … {% frame_footer %}
"""

from typing import Any

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.safestring import SafeString

from omzien import frame

register = template.Library()


@register.simple_tag
def frame_head() -> SafeString:
    return frame.head(translation.get_language())


@register.simple_tag(takes_context=True)
def frame_header(context: dict[str, Any]) -> SafeString:
    """The error pages are rendered without a request; they get the header without its forms."""
    return frame.header_for(context.get("request"))


@register.simple_tag
def frame_footer() -> SafeString:
    return frame.footer(translation.get_language(), settings.CONTACT_EMAIL)
