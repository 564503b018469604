"""The results table and the description of the machine it was measured on."""

import datetime
import os
import platform
import subprocess
from dataclasses import dataclass
from pathlib import Path

import wrk

COLUMNS = [
    "page",
    "URL",
    "req/s",
    "ratio to trivial (req/s)",
    "p50 ms",
    "p50 ratio",
    "p99 ms",
    "p99 ratio",
    "CPU ms/request",
    "CPU ratio",
    "DB CPU ms/request",
]


@dataclass(frozen=True)
class Row:
    page: str
    path: str
    result: wrk.Result
    cpu_ms: float  # gunicorn master + workers, per request
    db_cpu_ms: float  # PostgreSQL server processes, per request


def table(rows: list[Row]) -> str:
    """Markdown table; the first row is the trivial view every ratio is taken against."""
    base = rows[0].result
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for row in rows:
        r = row.result
        cells = [
            row.page,
            f"`{row.path}`",
            f"{r.requests_per_second:.0f}",
            f"{r.requests_per_second / base.requests_per_second:.2f}",
            f"{r.p50_ms:.2f}",
            f"{r.p50_ms / base.p50_ms:.2f}",
            f"{r.p99_ms:.2f}",
            f"{r.p99_ms / base.p99_ms:.2f}",
            f"{row.cpu_ms:.2f}",
            f"{row.cpu_ms / rows[0].cpu_ms:.2f}",
            f"{row.db_cpu_ms:.2f}",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines += [
        f"\n{row.page}: {row.result.socket_errors} socket errors (connect, read, write, timeout)"
        for row in rows
        if row.result.socket_errors
    ]
    return "\n".join(lines)


def machine(
    postgres_version: str, settings: wrk.Settings, workers: str, rounds: int, load: str
) -> list[str]:
    return [
        f"- date: {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}",
        f"- commit: {_git_commit()}",
        f"- CPU: {_cpu_model()}, {os.cpu_count()} cores",
        f"- Python {platform.python_version()}, PostgreSQL {postgres_version} (embedded pgserver, "
        "unix socket)",
        f"- gunicorn: repo's gunicorn.conf.py, {workers} sync workers, max_requests off",
        f"- 1-minute load average when the run started: {load} (above 0: other processes "
        "competed for the cores)",
        f"- wrk: `{settings}` per page after a warm-up run of the same URL; the pages in turn, "
        f"{rounds} rounds, the round with the median req/s reported",
    ]


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def _git_commit() -> str:
    result = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    )
    return result.stdout.strip() or "unknown"


NOTES = """\
How to read this: wrk and the server run on the same machine and share its cores, so absolute
numbers say little about production; the ratios to the trivial Django view (same server, same
run, same middleware) are the figures to compare across machines and over time. For req/s a ratio
above 1 is faster than the trivial view; for latency a ratio below 1 is faster. The trivial view is
measured first (the baseline) and again last: the gap between the two is the noise of this run.
CPU ms/request is user+system time of the gunicorn master and workers over the measured run
divided by the requests wrk counted; DB CPU is the same for the PostgreSQL server processes. CPU
per request hardly moves with other load on the machine, so it is the steadiest figure here.
Regenerate with `make bench`.
"""


SCALING_NOTES = """\
Each page at the largest size against the smallest, both taken as ratios to the trivial view of
their own run (so a busier machine during one size does not count against the page): a
throughput ratio of 0.90 means the page serves 10% fewer requests at the larger size. CPU is the
gunicorn CPU per request, which does not depend on the trivial view.
"""


def scaling(sections: dict[int, list[Row]]) -> str:
    """The pages at the largest data size compared with the smallest."""
    small, large = min(sections), max(sections)
    before = {row.page: row for row in sections[small]}
    base_small, base_large = sections[small][0], sections[large][0]
    header = ["page", f"req/s ratio {large} / {small}", f"CPU ms {small}", f"CPU ms {large}"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in sections[large][1:]:
        old = before.get(row.page)
        if old is None or row.page.startswith("trivial"):
            continue
        new_ratio = row.result.requests_per_second / base_large.result.requests_per_second
        old_ratio = old.result.requests_per_second / base_small.result.requests_per_second
        cells = [row.page, f"{new_ratio / old_ratio:.2f}", f"{old.cpu_ms:.2f}", f"{row.cpu_ms:.2f}"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def document(header: list[str], sections: dict[int, list[Row]]) -> str:
    parts = ["# Benchmark results", "", *header, "", NOTES]
    for size, rows in sections.items():
        parts += [f"## Data size {size} (initiatives)", "", table(rows), ""]
    if len(sections) > 1:
        parts += [
            f"## {max(sections)} against {min(sections)} initiatives",
            "",
            SCALING_NOTES,
            scaling(sections),
            "",
        ]
    return "\n".join(parts)
