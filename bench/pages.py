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
    logged_in: bool = False  # requested with the session cookie of a bench member (no cache)
    # A wrk Lua script in bench/ that makes the requests (path is then what the status check
    # before measuring GETs); it is given the member's CSRF token and SCRIPT_MEETINGS.
    script: str | None = None

    def resolve(self) -> str:
        return self.path if isinstance(self.path, str) else self.path()


# The yardstick every other page is divided by; routed only with BENCHMARK=true.
TRIVIAL = Page("trivial view", "/bench/trivial")
TRIVIAL_AGAIN = Page("trivial view, again", TRIVIAL.path)


def as_visitor_and_member(name: str, path: PathSource) -> list[Page]:
    """The page as a visitor sees it (the shared page cache may answer) and as a logged-in
    person, who always gets a freshly made page."""
    return [Page(name, path), Page(f"{name}, logged in", path, logged_in=True)]


# The generated initiatives are numbered from 1 at every size (load_bench_data), so this slug is
# a real one; the status check before measuring proves it.
BENCH_INITIATIVE = "/initiatives/bench-000001/"
# load_bench_meetings numbers its meetings from 1 too, number 1 the first upcoming one.
BENCH_MEETING = "/meetings/bench-meeting-000001/"
# The knowledge base's searches, with load_bench_knowledge's words (_knowledge_vocabulary.py): in
# about one item in a thousand, in a quarter of them, in none; and a word with a theme and a kind.
KNOWLEDGE_SEARCHES = {
    "rare": "/knowledge/?q=voedselbos",
    "common": "/knowledge/?q=vrijwilligers",
    "absent": "/knowledge/?q=xylofoon",
    "faceted": "/knowledge/?q=mantelzorg&theme=zorg&kind=practice",
}
# What the loaders found out that a page's address needs (set while loading, read after).
LOADED: dict[str, str] = {}


def knowledge_item() -> str:
    """A published practice's page, as load_bench_knowledge printed it."""
    return LOADED.get("item page", "/knowledge/1/item/")


def fund_round() -> str:
    """The page of the latest closed round, with its decisions, as load_bench_fund printed it."""
    return LOADED.get("round page", "/fund/rounds/bench-round/")


def fund_grant() -> str:
    """A settled grant's page, as load_bench_fund printed it."""
    return LOADED.get("grant page", "/fund/grants/1/")


PAGES: list[Page] = [
    # What being signed in costs before any page is made: the session, the person, their roles.
    Page("trivial view, logged in", TRIVIAL.path, logged_in=True),
    Page("healthz", "/healthz"),
    *as_visitor_and_member("home", "/"),
    Page("static file", lambda: static_path("css/portal.css")),
    *as_visitor_and_member("directory", "/initiatives/"),
    *as_visitor_and_member(
        "directory filtered", "/initiatives/?municipality=utrecht&theme=welzijn"
    ),
    *as_visitor_and_member("directory searched", "/initiatives/?q=moestuin"),
    *as_visitor_and_member("initiative page", BENCH_INITIATIVE),
    *as_visitor_and_member("map data", "/initiatives/map.json"),
    *as_visitor_and_member("agenda", "/meetings/"),
    *as_visitor_and_member("meeting page", BENCH_MEETING),
    # The feed is another part of the meetings app (meetings:feed).
    *as_visitor_and_member("meetings feed", "/meetings/feed.ics"),
    # The bench member registers for one of the first upcoming meetings and then cancels that
    # registration, in turn (bench/register.lua): a POST with the CSRF token, never turned away
    # by the guests' rate limits. Half the requests register, half cancel.
    Page(
        "register and cancel (in turn)",
        "/meetings/bench-meeting-000001/register/",
        logged_in=True,
        script="register.lua",
    ),
    *(
        page
        for name, path in KNOWLEDGE_SEARCHES.items()
        for page in as_visitor_and_member(f"knowledge search {name}", path)
    ),
    *as_visitor_and_member("knowledge item page", knowledge_item),
    *as_visitor_and_member("knowledge agenda", "/knowledge/agenda/"),
    # The community fund (issue 9): where the money went (every grant, with the totals and the
    # municipality × year table), a closed round with its decisions, and one grant.
    *as_visitor_and_member("fund grants", "/fund/grants/"),
    *as_visitor_and_member("fund round page", fund_round),
    *as_visitor_and_member("fund grant page", fund_grant),
]

# The script cycles over this many meetings, all upcoming at every size (load_bench_meetings
# makes a quarter of round(N * 40 / 150) upcoming: 10 at 150 initiatives).
SCRIPT_MEETINGS = 10

# Number of initiatives: realistic, and 100x realistic (DESIGN.md, Quality bars).
DEFAULT_SIZES: list[int] = [150, 15000]

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


def with_addresses(name: str) -> Loader:
    """A loader that runs `manage.py <name> N` and keeps the "label: value" lines it prints (the
    addresses of pages it made) in LOADED; skipped with a message while no app provides it."""

    def load(size: int, manage: Manage) -> None:
        if name not in manage.commands():
            print(f"  loader: no management command {name!r} yet, skipped")
            return
        print(f"  loader: manage.py {name} {size}")
        for line in manage(name, str(size)).splitlines():
            if ": " in line and not line.startswith(" "):
                label, value = line.split(": ", 1)
                LOADED[label] = value
                print(f"    {line}")

    return load


# load_bench_knowledge N: 1,000 items at 150 initiatives, 100,000 at 15,000; it prints the address
# of an item page.
knowledge_base = with_addresses("load_bench_knowledge")
# load_bench_fund N: three years of the community fund (bench/README.md); it prints the address
# of a closed round's page and of a grant's page.
fund = with_addresses("load_bench_fund")


VACUUM = (
    "from django.db import connection; connection.ensure_connection(); "
    "connection.connection.autocommit = True; connection.cursor().execute('VACUUM ANALYZE')"
)


def vacuum_analyze(size: int, manage: Manage) -> None:
    """What autovacuum does in production within minutes of a bulk load: statistics for the
    planner and the visibility map that lets index-only scans skip the table."""
    print("  loader: VACUUM ANALYZE")
    manage("shell", "-c", VACUUM)


# Called in order for each data size on a fresh, migrated database.
LOADERS: list[Loader] = [
    management_command("load_bench_data", "--initiatives"),
    # About 40 meetings at the realistic size, a few thousand at 100x (the same ratio).
    management_command("load_bench_meetings"),
    knowledge_base,
    fund,
    vacuum_analyze,
]
