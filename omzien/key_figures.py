"""The live figures on the home page; each app registers the ones it can count.

`omzien` knows no domain: the initiative directory, the meetings and the fund register their
figures in their AppConfig.ready(), so adding an app adds its figures without an import here.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise

from omzien.shared_cache import get_or_compute

# The figures are counts over whole tables: shared by everyone for a minute.
FIGURES_SECONDS = 60


@dataclass(frozen=True)
class KeyFigure:
    label: str | Promise
    count: Callable[[], int]
    url_name: str = ""


_figures: list[KeyFigure] = []


def register_key_figure(figure: KeyFigure) -> None:
    _figures.append(figure)


def key_figures() -> list[tuple[KeyFigure, int]]:
    counts = get_or_compute(
        f"key-figures:{len(_figures)}",
        lambda: [figure.count() for figure in _figures],
        FIGURES_SECONDS,
    )
    return list(zip(_figures, counts, strict=True))
