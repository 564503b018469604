"""Runs wrk, the load generator, and reads its report."""

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

_UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


@dataclass(frozen=True)
class Settings:
    threads: int
    connections: int
    duration: int  # seconds

    def args(self, duration: int | None = None) -> list[str]:
        return [
            f"-t{self.threads}",
            f"-c{self.connections}",
            f"-d{duration or self.duration}s",
            "--latency",
        ]

    def __str__(self) -> str:
        return f"wrk {' '.join(self.args())}"


@dataclass(frozen=True)
class Result:
    requests: int
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    bad_responses: int  # status 4xx/5xx
    socket_errors: int


def require() -> None:
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed (Debian/Ubuntu: apt-get install wrk)")


def run(
    url: str,
    settings: Settings,
    duration: int | None = None,
    cookie: str | None = None,
    script: Path | None = None,
    script_args: list[str] | None = None,
) -> Result:
    """One wrk run; `script` is a Lua file that makes the requests (bench/register.lua), given
    `script_args` after `--`."""
    headers = ["-H", f"Cookie: {cookie}"] if cookie else []
    lua = ["-s", str(script)] if script else []
    after = ["--", *script_args] if script and script_args else []
    output = subprocess.run(
        ["wrk", *settings.args(duration), *headers, *lua, url, *after],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return parse(output)


def parse(output: str) -> Result:
    return Result(
        requests=int(_search(r"(\d+) requests in", output)),
        requests_per_second=float(_search(r"Requests/sec:\s+([\d.]+)", output)),
        p50_ms=_latency_ms("50", output),
        p99_ms=_latency_ms("99", output),
        bad_responses=int(_search(r"Non-2xx or 3xx responses:\s+(\d+)", output, "0")),
        socket_errors=sum(map(int, re.findall(r"\d+", _search(r"Socket errors:(.*)", output, "")))),
    )


def _latency_ms(percentile: str, output: str) -> float:
    match = re.search(rf"^\s+{percentile}%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.MULTILINE)
    if match is None:
        raise ValueError(f"no {percentile}% latency in wrk's output:\n{output}")
    return float(match[1]) * _UNIT_MS[match[2]]


def _search(pattern: str, output: str, default: str | None = None) -> str:
    match = re.search(pattern, output)
    if match is None:
        if default is not None:  # a line wrk prints only when there is something to say
            return default
        raise ValueError(f"{pattern!r} not found in wrk's output:\n{output}")
    return match[1]
