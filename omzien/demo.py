"""Demo data for `make run`: each app's demo.py registers a loader here.

A loader is idempotent (running it twice keeps what the first run made) and returns the lines
to print for the person starting the portal, such as the demo accounts.
"""

from collections.abc import Callable

Loader = Callable[[], list[str]]
_loaders: list[Loader] = []

DEMO_PASSWORD = "omzien-demo-wachtwoord-2026"  # noqa: S105 - printed for the demo, by design


def demo_loader(loader: Loader) -> Loader:
    _loaders.append(loader)
    return loader


def run_loaders() -> list[str]:
    lines: list[str] = []
    for loader in _loaders:
        lines += loader()
    return lines
