"""Sections on an initiative's page that other apps keep for it.

`initiatives` imports no other app (DESIGN.md). An app that shows something on an initiative's
page (the knowledge base: what the initiative contributed) registers a template and a function
that gives its context, in its AppConfig.ready():

    from initiatives.page_sections import register_page_section

    register_page_section("knowledgebase/partials/_initiative_contributions.html", contributions)

The section is part of the page's public fragment, cached per initiative and content version, so
its context may depend only on the initiative and on what advances the content version, is the
same for everyone, and must cost a constant number of queries (the page's count is pinned).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from initiatives.models import Initiative


@dataclass(frozen=True)
class PageSection:
    template: str
    context: Callable[["Initiative"], dict[str, Any]]


_sections: dict[str, PageSection] = {}


def register_page_section(template: str, context: Callable[["Initiative"], dict[str, Any]]) -> None:
    if template in _sections:
        raise ValueError(f"A section with the template {template!r} is registered already.")
    _sections[template] = PageSection(template, context)


def page_sections_for(initiative: "Initiative") -> list[tuple[str, dict[str, Any]]]:
    """(template, context) for each registered section, in the order registered."""
    return [(s.template, s.context(initiative)) for s in _sections.values()]
