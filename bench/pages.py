"""What the benchmark measures: pages, data sizes, data loaders. Each is extended by one line."""

from collections.abc import Callable
from dataclasses import dataclass

from portal import Manage, static_path

PathSource = str | Callable[[], str]


@dataclass(frozen=True)
class Page:
    name: str
    path: PathSource  # a callable when the path is known only after setup (hashed static names)
    status: int = 200

    def resolve(self) -> str:
        return self.path if isinstance(self.path, str) else self.path()


# The yardstick every other page is divided by; routed only with BENCHMARK=true.
TRIVIAL = Page("trivial view", "/bench/trivial")
TRIVIAL_AGAIN = Page("trivial view, again", TRIVIAL.path)

PAGES: list[Page] = [
    Page("healthz", "/healthz"),
    Page("home", "/"),
    Page("static file", lambda: static_path("css/portal.css")),
]

# Number of initiatives: realistic, and 100x realistic (DESIGN.md, Quality bars).
DEFAULT_SIZES: list[int] = [150]

Loader = Callable[[int, Manage], None]


def management_command(name: str, *args: str) -> Loader:
    """A loader that runs `manage.py <name> <args> N` if an app provides that command."""

    def load(size: int, manage: Manage) -> None:
        if name not in manage.commands():
            print(f"  loader: no management command {name!r} yet, skipped")
            return
        print(f"  loader: manage.py {name} {' '.join(args)} {size}")
        manage(name, *args, str(size))

    return load


# Called in order for each data size on a fresh, migrated database.
LOADERS: list[Loader] = [
    management_command("load_bench_data", "--initiatives"),
]
