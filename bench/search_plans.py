"""The query plans of the directory's search at benchmark size: a common, a rare and an absent word.

    .venv/bin/python bench/search_plans.py                 # a fresh database of 15,000 initiatives
    .venv/bin/python bench/search_plans.py --database-url URL   # one already loaded (faster)

For each word it prints EXPLAIN ANALYZE of the queries the directory runs for `?q=<word>`: the
ranked first page and the total; for the absent word also the first page sorted by name, where
PostgreSQL could walk the name index and filter every row (the trap in SEARCH-NOTES). It ends with
a line per query saying how the initiatives table was read, and exits with 1 if any query reads it
with a sequential scan.
"""

import argparse
import json
import subprocess
import sys

import database
from portal import ROOT, WORK, production_env
from run import prepare

WORDS = {"common": "buurt", "rare": "Lexmond", "absent": "xylofoon"}

# Run by manage.py shell in the portal's environment: prints one JSON object per query.
EXPLAIN = """
import json
from django.db import connection
from initiatives.filters import InitiativeFilter
from initiatives.models import Initiative

def explain(queryset):
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        return [row[0] for row in cursor.fetchall()]

for kind, word, sort in {queries}:
    results = InitiativeFilter({{"q": word, "sort": sort}}, queryset=Initiative.objects.approved()).qs
    page = results.select_related("municipality")[:20]
    found = results.count()
    print(json.dumps({{"kind": kind, "word": word, "sort": sort, "found": found,
                      "page": explain(page), "count": explain(results.order_by().values("pk"))}}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=15000, help="initiatives (default 15000)")
    parser.add_argument("--database-url", help="an already loaded database to explain against")
    args = parser.parse_args()
    if args.database_url:
        print(explained(production_env(args.database_url)))
        return
    WORK.mkdir(parents=True, exist_ok=True)
    server = database.start(WORK / "pgdata")
    try:
        print(f"Loading {args.size} initiatives into a fresh database ...", file=sys.stderr)
        manage = prepare(server, args.size)
        print(explained(manage.env))
    finally:
        database.stop(server)


def explained(env: dict[str, str]) -> str:
    queries = [(kind, word, "relevance") for kind, word in WORDS.items()]
    queries.append(("absent", WORDS["absent"], "name"))
    code = EXPLAIN.format(queries=repr(queries))
    output = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    results = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    report = [section(result) for result in results]
    verdicts = [verdict(result) for result in results]
    report.append("\n".join(line for line, _ok in verdicts))
    if not all(ok for _line, ok in verdicts):
        print("\n\n".join(report))
        sys.exit(1)
    return "\n\n".join(report)


def section(result: dict) -> str:
    title = (
        f"### {result['kind']} word `{result['word']}`, sorted by {result['sort']}: "
        f"{result['found']} found"
    )
    return "\n".join(
        [title, "", "First page:", "```", *result["page"], "```", "", "Total:", "```",
         *result["count"], "```"]
    )  # fmt: skip


def verdict(result: dict) -> tuple[str, bool]:
    reads = [
        line.strip().split("  (")[0].lstrip("-> ")
        for line in result["page"] + result["count"]
        if "on initiatives_initiative" in line and "Scan" in line
    ]
    ok = not any(read.startswith("Seq Scan") for read in reads)
    label = f"{result['kind']} `{result['word']}` ({result['sort']})"
    return f"- {label}: {'; '.join(dict.fromkeys(reads))}{'' if ok else '  <- SEQUENTIAL'}", ok


if __name__ == "__main__":
    main()
