"""The frame of every page: the links in its head, its header and its footer.

They are the same for everyone but for a few personal values (the page's own address in the
language form, the log-out form's CSRF token), and Django's template engine took longer to render
them than the rest of a signed-in request together. So each is rendered from its template once
per process for each language and kind of visitor, with markers where the personal values go,
split at the markers, and on every request joined with that request's values. The parts depend on
nothing in the database (roles choose which parts, and are read with the session), so they never
go stale; a changed template is read again when the development server sees the change.
"""

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from omzien.work_queues import has_work_queues, is_coordination

# The main menu: (URL name, label). The sections come with their apps.
NAVIGATION = (
    ("initiatives:directory", _("Initiatives")),
    ("initiatives:listings", _("Needs and offers")),
    ("initiatives:white-spots", _("White spots")),
    ("meetings:agenda", _("Meetings")),
    ("knowledgebase:index", _("Knowledge base")),
    ("fund:index", _("Fund")),
)
# Sections whose every page lies under the menu item's address: a page inside one marks its item
# with aria-current="true" (the item's own page with "page"). The directory is not one of them:
# needs and offers and the white spots have menu items of their own under /initiatives/.
WHOLE_SECTIONS = ("meetings:agenda", "knowledgebase:index", "fund:index")

_MARKER = re.compile("\x00([a-z]+)\x00")


def _slot(name: str) -> SafeString:
    return mark_safe(f"\x00{name}\x00")  # noqa: S308 - a marker, replaced before it is sent


@dataclass(frozen=True)
class Prebuilt:
    """Rendered text split at its slots: texts[0], slot 0, texts[1], slot 1, ... texts[-1]."""

    texts: tuple[str, ...]
    slots: tuple[str, ...]

    @classmethod
    def render(cls, template_name: str, context: dict[str, Any]) -> "Prebuilt":
        pieces = _MARKER.split(render_to_string(template_name, context))
        return cls(tuple(pieces[0::2]), tuple(pieces[1::2]))

    def fill(self, values: Mapping[str, str]) -> SafeString:
        out = [self.texts[0]]
        for slot, text in zip(self.slots, self.texts[1:], strict=True):
            out.append(values[slot])
            out.append(text)
        return mark_safe("".join(out))  # noqa: S308 - the values are escaped by their makers


@lru_cache(maxsize=8)
def head(language: str) -> SafeString:
    with translation.override(language):
        return mark_safe(render_to_string("_head.html"))  # noqa: S308 - rendered by Django


@lru_cache(maxsize=8)
def footer(language: str, contact_email: str) -> SafeString:
    with translation.override(language):
        return mark_safe(render_to_string("_footer.html", {"contact_email": contact_email}))  # noqa: S308


@lru_cache(maxsize=64)
def header(language: str, audience: str, current: int | None, inside: bool = False) -> Prebuilt:
    """audience: "minimal" (no forms: the error pages have no request), "visitor", "member",
    "coordinator" (a coordinator: the work overview is "Coördinatie") or "work" (someone else
    with work queues, the fund's committee and treasurers: "Te doen"); current: the index in NAVIGATION of the section the page is in; inside: the
    page is a page within that section, not the section's own page."""
    with translation.override(language):
        navigation = [
            (reverse(name), label, ("true" if inside else "page") if index == current else "")
            for index, (name, label) in enumerate(NAVIGATION)
        ]
        return Prebuilt.render(
            "_header.html",
            {
                "audience": audience,
                "navigation": navigation,
                "next_path": _slot("next"),
                "csrf_input": _slot("csrf"),
            },
        )


@lru_cache(maxsize=1)
def _navigation_paths() -> dict[str, int]:
    return {reverse(name): index for index, (name, _label) in enumerate(NAVIGATION)}


@lru_cache(maxsize=1)
def _section_paths() -> tuple[tuple[str, int], ...]:
    names = [name for name, _label in NAVIGATION]
    return tuple((reverse(name), names.index(name)) for name in WHOLE_SECTIONS)


def _current(path: str) -> tuple[int | None, bool]:
    """The menu item of the page at `path`, and whether the page lies inside its section."""
    index = _navigation_paths().get(path)
    if index is not None:
        return index, False
    for prefix, section in _section_paths():
        if path.startswith(prefix):
            return section, True
    return None, False


def header_for(request: HttpRequest | None) -> SafeString:
    language = translation.get_language()
    if request is None:
        return header(language, "minimal", None).fill({})
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        audience = "visitor"
    elif not has_work_queues(user):
        audience = "member"
    else:
        audience = "coordinator" if is_coordination(user) else "work"
    prebuilt = header(language, audience, *_current(request.path))
    values = {"next": escape(request.get_full_path())}
    if "csrf" in prebuilt.slots:
        values["csrf"] = format_html(
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request)
        )
    return prebuilt.fill(values)


PREBUILT: tuple[Callable[..., Any], ...] = (head, footer, header, _navigation_paths, _section_paths)


def forget(**kwargs: Any) -> None:
    """Drops every prebuilt part; connected to the development server's file watcher."""
    for function in PREBUILT:
        function.cache_clear()  # type: ignore[attr-defined]
