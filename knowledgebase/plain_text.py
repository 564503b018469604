"""Sanitised HTML as plain text: for the search vector and the highlighted snippets, which must
never be computed on markup."""

import html
import re

import nh3

BLOCK_END = re.compile(r"</(p|li|h[1-6]|blockquote|pre|tr)>|<br\s*/?>", re.IGNORECASE)
SPACES = re.compile(r"[ \t]+")
BLANK_LINES = re.compile(r"\n{3,}")


def plain_text_of(fragment: str) -> str:
    with_breaks = BLOCK_END.sub("\n", fragment)
    text = html.unescape(nh3.clean(with_breaks, tags=set()))
    return BLANK_LINES.sub("\n\n", SPACES.sub(" ", text)).strip()
