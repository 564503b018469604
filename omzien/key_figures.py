"""The live figures on the home page; each app registers the ones it can count.

`omzien` knows no domain: the initiative directory, the meetings and the fund register their
figures in their AppConfig.ready(), so adding an app adds its figures without an import here.

A figure counts a whole number; `format` shows it otherwise (the fund's money granted this year:
cents shown as "€ 12.500,00"). Without it the page groups the digits ("1.250").
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
    format: Callable[[int], str] | None = None

    @property
    def as_text(self) -> bool:
        """Whether the page shows it as formatted text (a template cannot test `format` itself:
        it would call it)."""
        return self.format is not None

    def shown(self, count: int) -> int | str:
        """The count as the page shows it: formatted text, or the number itself."""
        return count if self.format is None else self.format(count)


_figures: list[KeyFigure] = []


def register_key_figure(figure: KeyFigure) -> None:
    _figures.append(figure)


def key_figures(request: HttpRequest) -> list[tuple[KeyFigure, int | str]]:
    """Counted once per content version and shared: an app whose figures count its own tables
    watches them (omzien/content_version.py), so the figures change when those do. Each figure
    comes with its count as shown (`KeyFigure.shown`)."""
    counts = get_or_compute(
        f"key-figures:{len(_figures)}:{content_version.current(request)}",
        lambda: [figure.count() for figure in _figures],
    )
    return [(figure, figure.shown(count)) for figure, count in zip(_figures, counts, strict=True)]
