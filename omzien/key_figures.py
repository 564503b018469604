"""The live figures on the home page; each app registers the ones it can count.

`omzien` knows no domain: the initiative directory, the meetings and the fund register their
figures in their AppConfig.ready(), so adding an app adds its figures without an import here.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.functional import Promise

from omzien import content_version
from omzien.shared_cache import get_or_compute


@dataclass(frozen=True)
class KeyFigure:
    label: str | Promise
    count: Callable[[], int]
    url_name: str = ""


_figures: list[KeyFigure] = []


def register_key_figure(figure: KeyFigure) -> None:
    _figures.append(figure)


def key_figures(request: HttpRequest) -> list[tuple[KeyFigure, int]]:
    """Counted once per content version and shared: an app whose figures count its own tables
    watches them (omzien/content_version.py), so the figures change when those do."""
    counts = get_or_compute(
        f"key-figures:{len(_figures)}:{content_version.current(request)}",
        lambda: [figure.count() for figure in _figures],
    )
    return list(zip(_figures, counts, strict=True))
