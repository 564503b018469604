"""Sections on the home page that other apps show; each app registers its own.

`omzien` knows no domain: an app registers a template and a function that gives its context,
in its AppConfig.ready(), so adding an app adds its section without an import here:

    from omzien.home_sections import register_home_section

    register_home_section("knowledgebase/partials/_home_latest.html", latest_for_home)

The home page caches its content per content version (omzien/templates/omzien/home.html), so a
section's context is worked out only when that fragment is missing, and may depend only on what
advances the content version. Keep it to a constant number of queries.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class HomeSection:
    template: str
    context: Callable[[], dict[str, Any]]


_sections: list[HomeSection] = []


def register_home_section(template: str, context: Callable[[], dict[str, Any]]) -> None:
    _sections.append(HomeSection(template, context))


def home_sections() -> list[tuple[str, dict[str, Any]]]:
    """(template, context) for each registered section, in the order registered."""
    return [(section.template, section.context()) for section in _sections]
