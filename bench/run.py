"""Benchmark the portal's pages under gunicorn against the throughput of a trivial Django view.

`make bench` (or `.venv/bin/python bench/run.py --help`). See bench/README.md.
"""

import argparse
import os
import re
import time
from pathlib import Path

import database
import psutil
import report
import wrk
from pages import DEFAULT_SIZES, LOADERS, PAGES, SCRIPT_MEETINGS, TRIVIAL, TRIVIAL_AGAIN, Page
from portal import (
    ROOT,
    WORK,
    Manage,
    Server,
    cpu_seconds,
    csrf_token,
    gunicorn,
    member_cookie,
    production_env,
)

RESULTS = ROOT / "bench" / "results.md"
# What follows this line in the results file is written by hand (comparisons, query plans) and
# kept when the tables above it are written anew.
KEPT = "<!-- Written by hand below this line; make bench keeps it. -->"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--sizes",
        "--size",
        type=lambda text: [int(size) for size in text.split(",")],
        default=DEFAULT_SIZES,
        help="data sizes (initiatives), comma-separated, e.g. 150,15000",
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up per page")
    parser.add_argument("--rounds", type=int, default=3, help="report the median round")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: its config)")
    parser.add_argument(
        "--pages", help='only these pages, comma-separated names ("home,home, logged in")'
    )
    parser.add_argument("--output", type=Path, default=RESULTS)
    return parser.parse_args()


def selected_pages(names: str | None) -> list[Page]:
    """The trivial view first and again last (its drift shows how steady the machine was)."""
    pages = PAGES
    if names:
        wanted = set(re.split(r",(?! )", names))  # "home, logged in" is one name
        unknown = wanted - {page.name for page in PAGES}
        if unknown:
            raise SystemExit(f"unknown pages {sorted(unknown)}; known: {[p.name for p in PAGES]}")
        pages = [page for page in PAGES if page.name in wanted]
    return [TRIVIAL, *pages, TRIVIAL_AGAIN]


def prepare(server: database.pgserver.PostgresServer, size: int) -> Manage:
    """A fresh database, migrated and loaded with `size`; returns manage.py bound to it."""
    manage = Manage(production_env(database.fresh_database(server)))
    manage("migrate", "--noinput")
    manage("createcachetable")
    for loader in LOADERS:
        loader(size, manage)
    return manage


def check_statuses(server: Server, pages: list[tuple[Page, str]], cookie: str) -> None:
    """Every page answers as expected; a logged-in one shows the log-out form (with its CSRF
    token), so the session cookie really logs the bench member in."""
    wrong = []
    for page, path in pages:
        status, body = server.get(path, cookie if page.logged_in else None)
        if status != page.status:
            wrong.append(f"{page.name} {path} gave {status} (expected {page.status})")
        elif page.logged_in and path.endswith("/") and b"csrfmiddlewaretoken" not in body:
            wrong.append(f"{page.name} {path} did not show the logged-in page")
    if wrong:
        raise SystemExit(f"not benchmarking: {', '.join(wrong)}")


def measure(
    server: Server,
    page: Page,
    path: str,
    args: argparse.Namespace,
    db_pid: int,
    warm_up: bool,
    cookie: str,
) -> report.Row:
    settings = wrk.Settings(args.threads, args.connections, args.duration)
    cookie_sent = cookie if page.logged_in else None
    script = ROOT / "bench" / page.script if page.script else None
    script_args = [csrf_token(cookie), str(SCRIPT_MEETINGS)] if script else None
    if warm_up:
        wrk.run(
            server.url(path),
            settings,
            duration=args.warmup,
            cookie=cookie_sent,
            script=script,
            script_args=script_args,
        )
    cpu_before, db_before = cpu_seconds(server.pid), cpu_seconds(db_pid)
    result = wrk.run(
        server.url(path), settings, cookie=cookie_sent, script=script, script_args=script_args
    )
    time.sleep(0.5)  # let the requests in flight when wrk stopped finish
    cpu = cpu_seconds(server.pid) - cpu_before
    db_cpu = cpu_seconds(db_pid) - db_before
    if result.bad_responses:
        raise SystemExit(
            f"{page.name} {path}: {result.bad_responses} 4xx/5xx responses under load; "
            f"see {WORK / 'gunicorn.log'}"
        )
    per_request = 1000 / result.requests
    print(
        f"  {page.name:<32} {result.requests_per_second:8.0f} req/s  p50 {result.p50_ms:6.2f} ms"
        f"  p99 {result.p99_ms:7.2f} ms  CPU {cpu * per_request:.2f} ms/req"
        + (f"  ({result.socket_errors} socket errors)" if result.socket_errors else "")
    )
    return report.Row(page.name, path, result, cpu * per_request, db_cpu * per_request)


def bench_size(
    pg: database.pgserver.PostgresServer, size: int, args: argparse.Namespace
) -> tuple[list[report.Row], int]:
    """The rows for one data size, and the number of gunicorn workers that served them."""
    print(f"Data size {size}: fresh database, migrate, load")
    manage = prepare(pg, size)
    cookie = member_cookie(manage)
    pages = [(page, page.resolve()) for page in selected_pages(args.pages)]
    with gunicorn(manage.env, WORK / "gunicorn.log", args.workers) as server:
        check_statuses(server, pages, cookie)
        workers = len(psutil.Process(server.pid).children())
        print(f"Measuring at {server.url('')}, {workers} workers, {len(pages)} pages")
        db_pid = database.postmaster_pid(pg)
        rounds = []
        for number in range(args.rounds):
            print(f" round {number + 1} of {args.rounds}")
            rounds.append(
                [
                    measure(server, page, path, args, db_pid, number == 0, cookie)
                    for page, path in pages
                ]
            )
    return [median(list(runs)) for runs in zip(*rounds, strict=True)], workers


def median(rows: list[report.Row]) -> report.Row:
    """The round with the median throughput: one burst of load elsewhere on the machine (other
    processes share these cores) then spoils one round, not the result."""
    return sorted(rows, key=lambda row: row.result.requests_per_second)[len(rows) // 2]


def kept_part(output: Path) -> str:
    old = output.read_text() if output.exists() else ""
    return "\n" + old[old.index(KEPT) :] if KEPT in old else ""


def main() -> None:
    args = parse_args()
    load_before = os.getloadavg()[0]
    wrk.require()
    WORK.mkdir(parents=True, exist_ok=True)
    pg = database.start(WORK / "pgdata")
    try:
        print("collectstatic")
        Manage(production_env(pg.get_uri()))("collectstatic", "--noinput")
        runs = {size: bench_size(pg, size, args) for size in args.sizes}
        postgres_version = database.version(pg)
    finally:
        database.stop(pg)
    settings = wrk.Settings(args.threads, args.connections, args.duration)
    workers = sorted({workers for _, workers in runs.values()})
    load = f"{load_before:.1f}"
    header = report.machine(
        postgres_version, settings, "/".join(map(str, workers)), args.rounds, load
    )
    text = report.document(header, {size: rows for size, (rows, _) in runs.items()})
    args.output.write_text(text + kept_part(args.output))
    print("\n" + text)
    print(f"Written to {args.output}")


if __name__ == "__main__":
    main()
