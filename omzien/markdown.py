"""Markdown written by people, turned into HTML that is safe to show anywhere."""

import markdown as markdown_lib
import nh3
from django.utils.html import escape, linebreaks

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "ul",
    "ol",
    "li",
    "a",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "code",
    "pre",
    "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
# Python-Markdown looks for the end of a link from every "[" it meets: time grows with the square
# of their number (20 KB of "![" took a minute, longer than a web worker may). Past this many, a
# text is no list of links: its brackets are shown as typed.
MAX_BRACKETS = 200


def render_markdown(text: str) -> str:
    if text.count("[") > MAX_BRACKETS:
        text = text.replace("\\", "\\\\").replace("[", "\\[")
    try:
        html = markdown_lib.markdown(text, extensions=["sane_lists"], output_format="html")
    except RecursionError:
        # Thousands of nested quotes or lists: shown as plain paragraphs instead.
        return linebreaks(escape(text))
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener",
    )
