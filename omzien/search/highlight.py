"""Snippets with the words found marked: `Search.headline()` puts START and STOP around each
word it found (characters of Unicode's private use area, which no one types), and `as_html`
escapes everything else and makes only those markers into <mark> elements."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

START = "\ue000"
STOP = "\ue001"

MARKED = re.compile(f"{START}([^{START}{STOP}]*){STOP}")
STRAY = re.compile(f"[{START}{STOP}]")


def as_html(snippet: str) -> SafeString:
    """The snippet as HTML: its text escaped, the marked words in <mark>."""
    escaped = escape(snippet)  # leaves the markers as they are
    marked = MARKED.sub(r"<mark>\1</mark>", escaped)
    return mark_safe(STRAY.sub("", marked))  # noqa: S308 - escaped above; only our own <mark>
