"""The query plans and database times of the knowledge base's search at 100,000 items.

    .venv/bin/python bench/knowledge_search_plans.py                # fresh database, 15,000
                                                                    # initiatives, 100,000 items
    .venv/bin/python bench/knowledge_search_plans.py --database-url URL   # one already loaded

Four searches as the search page runs them (`/knowledge/?q=...`): a rare, a common and an absent
word, and a word with a theme and a kind chosen (the words are load_bench_knowledge's). For each:
- "page": the first 20 published matches by `SearchRank(F("search_vector"), ...)`
  (search.rank()), with `SearchHeadline` on `plain_text` for those 20 only;
- "total": how many match;
- one grouped count per facet (kind, knowledge type, theme, municipality, initiative, research
  question), each over the matches of every other chosen filter, and the facets' values.
The queries are the page's own: built by ItemFilter and views.search.with_snippets, and the counts
as captured from facets.all_counts (uncached), so they follow the page's rules: above filters.RANK_CANDIDATES matches only the newest are ranked, above
facets.COUNT_LIMIT the facets are not counted (so those queries are not run).
It prints EXPLAIN (ANALYZE, BUFFERS) of each query, then a table with the p95 (and median) of the
database's execution time over --runs runs, and exits with 1 if a query reads knowledgebase_item
with a sequential scan or a search's queries together take more than the target (50 ms p95).
"""

import argparse
import json
import subprocess
import sys

import database
from portal import ROOT, WORK, production_env
from run import prepare

# As in knowledgebase/management/commands/_knowledge_vocabulary.py.
SEARCHES = [
    {"name": "rare", "q": "voedselbos"},
    {"name": "common", "q": "vrijwilligers"},
    {"name": "absent", "q": "xylofoon"},
    {"name": "faceted", "q": "mantelzorg", "theme": "zorg", "kind": "practice"},
    # The planner's trap (SEARCH-NOTES.md): sorted by a column with an index, LIMIT 20, a word
    # that no row has: PostgreSQL may walk that index and filter every row.
    {"name": "absent, newest first", "q": "xylofoon", "sort": "newest"},
]
TARGET_MS = 50.0

# Run by manage.py shell in the portal's environment: prints one JSON object per query.
EXPLAIN = """
import json
from unittest.mock import patch
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from knowledgebase.facets import COUNT_LIMIT, COUNTERS, all_counts, facet_values
from knowledgebase.filters import ItemFilter
from knowledgebase.models import Item
from knowledgebase.views.search import with_snippets

RUNS = {runs}

def measure(sql, params):
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        plan = [row[0] for row in cursor.fetchall()]
        times = []
        for _ in range(RUNS):
            cursor.execute("EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) " + sql, params)
            times.append(cursor.fetchone()[0][0]["Execution Time"])
    return plan, times

# The facets' values are the same for every search: once per content version.
with CaptureQueriesContext(connection) as captured:
    facet_values()
plan, times = measure(captured[0]["sql"], None)
print(json.dumps({{"search": "every search, once per content version", "params": {{}},
                  "found": 0, "query": "facet values", "plan": plan, "times": times}}))

for chosen in {searches}:
    # The page's own filterset, counts, list and snippets (knowledgebase/views/search.py).
    data = QueryDict(mutable=True)
    data.update({{k: v for k, v in chosen.items() if k != "name"}})
    filterset = ItemFilter(data, queryset=Item.objects.published())
    filterset.form.is_valid()  # looks up the chosen theme, ...
    search = filterset.search  # looks up the words
    facet_values_shared = facet_values()
    with CaptureQueriesContext(connection) as captured, patch(
        "knowledgebase.facets.shared_values", lambda request=None: facet_values_shared
    ):
        counted = all_counts(filterset)  # as facets.shared_counts computes them, uncached
    labels = ["total"]
    if counted.counted:
        labels += [f"facet {{name}}" for name in COUNTERS]
    assert len(labels) == len(captured), [q["sql"][:80] for q in captured]
    queries = {{label: (query["sql"], None) for label, query in zip(labels, captured)}}
    filterset.total = counted.total  # as facets.add_counts does
    page = with_snippets(filterset.qs.select_related("initiative"), search)[:20]
    queries = {{"page": page.query.sql_with_params(), **queries}}
    for label, (sql, params) in queries.items():
        plan, times = measure(sql, params)
        found = counted.total if counted.counted else f"more than {{COUNT_LIMIT}}"
        print(json.dumps({{"search": chosen["name"], "params": chosen, "found": found,
                          "query": label, "plan": plan, "times": times}}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=15000, help="initiatives (default 15000)")
    parser.add_argument("--database-url", help="an already loaded database to explain against")
    parser.add_argument("--runs", type=int, default=20, help="timed runs per query")
    parser.add_argument("--plans", default="page,total", help="queries whose plans to print")
    args = parser.parse_args()
    if args.database_url:
        print(explained(production_env(args.database_url), args))
        return
    WORK.mkdir(parents=True, exist_ok=True)
    server = database.start(WORK / "pgdata")
    try:
        print(f"Loading {args.size} initiatives into a fresh database ...", file=sys.stderr)
        manage = prepare(server, args.size)
        print(explained(manage.env, args))
    finally:
        database.stop(server)


def explained(env: dict[str, str], args: argparse.Namespace) -> str:
    code = EXPLAIN.format(runs=args.runs, searches=repr(SEARCHES))
    output = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    results = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    shown = set(args.plans.split(","))
    report = [
        section(result) for result in results if result["query"] in shown or args.plans == "all"
    ]
    lines, ok = summary(results)
    report.append(lines)
    text = "\n\n".join(report)
    if not ok:
        print(text)
        sys.exit(1)
    return text


def p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def median(times: list[float]) -> float:
    return sorted(times)[len(times) // 2]


def reads(result: dict) -> list[str]:
    """How the query reads the items table: "Bitmap Heap Scan", "Index Scan using ...", ..."""
    found = [
        line.strip().split("  (")[0].lstrip("-> ")
        for line in result["plan"]
        if "on knowledgebase_item " in line + " " and "Scan" in line
    ]
    return list(dict.fromkeys(found))


def section(result: dict) -> str:
    params = "&".join(f"{k}={v}" for k, v in result["params"].items() if k != "name")
    if result["query"] != "page" and result["params"].get("sort"):
        return ""  # the same queries as the search unsorted
    title = (
        f"### {result['search']} `?{params}`: {result['query']} ({result['found']} found; "
        f"p95 {p95(result['times']):.1f} ms)"
    )
    return "\n".join([title, "", "```", *result["plan"], "```"])


def summary(results: list[dict]) -> tuple[str, bool]:
    rows = [
        "| search | query | found | median ms | p95 ms | reads knowledgebase_item |",
        "|---|---|---|---|---|---|",
    ]
    ok = True
    totals: dict[str, float] = {}
    for result in results:
        if result["query"] != "page" and result["params"].get("sort"):
            continue  # the same as the search unsorted
        scans = reads(result)
        sequential = any("Seq Scan" in scan for scan in scans)  # "Parallel Seq Scan" too
        ok = ok and not sequential
        totals[result["search"]] = totals.get(result["search"], 0) + p95(result["times"])
        rows.append(
            f"| {result['search']} | {result['query']} | {result['found']} "
            f"| {median(result['times']):.1f} | {p95(result['times']):.1f} "
            f"| {'; '.join(scans)}{'  <- SEQUENTIAL' if sequential else ''} |"
        )
    rows.append("")
    for search, total in totals.items():
        within = total <= TARGET_MS
        ok = ok and within
        rows.append(
            f"- {search}: all its queries together {total:.1f} ms (sum of p95s)"
            f"{'' if within else f'  <- over {TARGET_MS:.0f} ms'}"
        )
    return "\n".join(rows), ok


if __name__ == "__main__":
    main()
