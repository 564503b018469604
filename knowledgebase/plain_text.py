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


# --- attack ---
# Characters XML 1.0 refuses (Django's feed writer fails on them), and the direction marks that
# turn a title around on the screen ("\u202egnp.exe" reads "exe.png").
XML_REFUSED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
DIRECTION_MARKS = re.compile(r"[\u202a-\u202e\u2066-\u2069]")


def xml_safe(text: str) -> str:
    """Text an XML feed can carry: without the control characters XML 1.0 refuses."""
    return XML_REFUSED.sub("", text)


def one_line(text: str) -> str:
    """A title as one line of plain text: no line breaks (it is the subject of e-mails), no
    control characters, no direction marks; runs of whitespace as one space."""
    text = DIRECTION_MARKS.sub("", XML_REFUSED.sub(" ", text))
    return " ".join(text.split())
