"""make bench: every public page kind against the issue's budgets, under gunicorn.

On a seed_demo database at its defaults (2,000 meetings, 20,000 people, 2,000
organizations, 100,000 statements), with gunicorn (2 sync workers, DEBUG off,
collectstatic done) and wrk on 127.0.0.1:

1. SQL queries per page, in-process with the page cache off: at most 15, and the same
   as on a demo site of 100 statements, measured first;
2. from scratch: the page cache off, so nothing at all is cached; one connection, one
   request at a time; p50 at most 50 ms, 100 ms for a text search;
3. warm: the page cache on, 4 connections, each page alternating with a bare
   HttpResponse view of the same process: at least 0.80 of its requests per second;
4. what a CSV export of every statement adds to a worker (under 50 MB), each worker's
   resident memory (under 150 MB); the time of seed_demo and of the whole calendar,
   without a budget.

Prints markdown tables, with OVER BUDGET beside each miss, and exits 1 on any miss.
About 5 minutes a database with the default 3 s a measurement.

    python bench/run.py --db sqlite|postgres [--seconds N]
                        [--events N --people N --organizations N --statements N]
"""

import argparse
import contextlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
PORT = 8102
BARE = "/bench/bare/"
# What is in braces is picked from the database by bench/page_facts.py, so that no
# list is empty on the small site either (an empty list skips reading its records).
PAGES = [
    ("home", "/en/"),
    ("meeting list", "/en/events/"),
    ("filtered meetings", "/en/events/?year={year}&kind={kind}"),
    ("meeting", "{event}"),
    ("meeting calendar", "{event_ics}"),
    ("statements list", "/en/statements/"),
    ("statements, text search", "/en/statements/?q=migraci%C3%B3n"),
    ("statement", "{statement}"),
    ("people list", "/en/people/"),
    ("person", "{person}"),
    ("organizations list", "/en/organizations/"),
    ("organization", "{organization}"),
    ("countries list", "/en/countries/"),
    ("country", "{country}"),
    ("topic", "{topic}"),
    ("search", "/en/search/?q=diaz"),
    ("open data", "/en/data/"),
    ("statements feed", "/en/feeds/statements/"),
    ("meetings feed", "/en/feeds/events/"),
    ("statements JSON", "/en/statements.json?year={year}"),
    ("meetings CSV", "/en/events.csv?year={year}"),
]
TEXT_SEARCH = {"statements, text search", "search"}
# Every meeting in one file to subscribe to (some MB at 2,000): like the CSV export of
# every statement, its time grows with the site, so only its queries are budgeted.
CALENDAR = ("whole calendar", "/en/events/calendar.ics")
# seed_demo's options, and what the site calls what they make.
SIZES = {
    "events": "meetings",
    "people": "people",
    "organizations": "organizations",
    "statements": "statements",
}
SMALL_SITE = ["--events=20", "--people=100", "--organizations=20", "--statements=100"]

MAX_QUERIES = 15
SCRATCH_P50_MS, TEXT_SEARCH_P50_MS = 50, 100
WARM_RATIO = 0.80
WORKER_MB = 150
EXPORT_GROWTH_MB = 50
misses = []


def run(*args, env, **kwargs):
    return subprocess.run(args, cwd=ROOT, env=env, check=True, **kwargs)


def verdict(ok, budget, miss):
    if not ok:
        misses.append(miss)
    return budget if ok else f"{budget} OVER BUDGET"


def table(header, rows):
    """A markdown table, padded to read in a terminal too, figures to the right."""
    rows = [header, *([str(cell) for cell in row] for row in rows)]
    columns = range(len(header))
    widths = [max(len(row[i]) for row in rows) for i in columns]
    right = [all(re.fullmatch(r"[\d.]*", row[i]) for row in rows[1:]) for i in columns]
    rule = [
        "-" * (w + 1) + (":" if r else "-") for w, r in zip(widths, right, strict=True)
    ]
    for n, row in enumerate(rows):
        cells = (
            cell.rjust(width) if r else cell.ljust(width)
            for cell, width, r in zip(row, widths, right, strict=True)
        )
        print("| " + " | ".join(cells) + " |")
        if n == 0:
            print("|" + "|".join(rule) + "|")
    print()


def page_facts(env):
    out = run(
        PY, "-m", "bench.page_facts", env=env, stdout=subprocess.PIPE, text=True
    ).stdout
    return json.loads(out.splitlines()[-1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--people", type=int, default=20000)
    parser.add_argument("--organizations", type=int, default=2000)
    parser.add_argument("--statements", type=int, default=100000)
    parser.add_argument("--seconds", type=int, default=3)
    args = parser.parse_args()

    begun = time.monotonic()
    database = {"sqlite": "SQLite", "postgres": "PostgreSQL"}[args.db]
    work = Path(tempfile.mkdtemp(prefix="rcm-bench-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "rcm_site.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-only-not-a-secret-0123456789abcdefghijklmnop",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_BENCHMARK": "1",
        "DJANGO_MEDIA_ROOT": str(work / "media"),
        "DJANGO_PAGE_CACHE": "0",
    }
    env.pop("REDIS_URL", None)
    if args.db == "postgres":
        env["DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/rcm_bench"
        subprocess.run(
            ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", "rcm_bench"],
            check=True,
        )
        subprocess.run(
            ["createdb", "-h", "127.0.0.1", "-U", "postgres", "rcm_bench"], check=True
        )
    else:
        env["DATABASE_URL"] = f"sqlite:///{work / 'bench.sqlite3'}"
    seed_demo = [PY, "manage.py", "seed_demo"]
    try:
        run(PY, "manage.py", "migrate", "--noinput", "-v0", env=env)
        fixtures = ["countries", "mexico-city-workshop-2018"]
        run(PY, "manage.py", "loaddata", *fixtures, "-v0", env=env)
        run(PY, "manage.py", "collectstatic", "--noinput", "-v0", env=env)
        run(*seed_demo, *SMALL_SITE, env=env, stdout=subprocess.DEVNULL)
        small = page_facts(env)
        started = time.monotonic()
        # Replacing the small site's 100 statements adds well under a second.
        full_site = [f"--{size}={getattr(args, size)}" for size in SIZES]
        run(*seed_demo, "--replace", *full_site, env=env, stdout=subprocess.DEVNULL)
        seeded = time.monotonic() - started
        if args.db == "postgres":
            # As autovacuum leaves a site soon after a bulk load: until it has run,
            # every index-only scan (counting public statements) reads the table too.
            subprocess.run(
                ["psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "rcm_bench",
                 "-c", "VACUUM ANALYZE"],
                check=True,
            )  # fmt: skip
        facts = page_facts(env)

        site = ", ".join(f"{getattr(args, n):,} {what}" for n, what in SIZES.items())
        print(f"\n## {database}: {site}\n")
        print(f"seed_demo: {seeded:.0f} s\n")
        print("### SQL queries per page (in-process, page cache off)\n")
        queries_table(facts, small)
        pages = [(name, facts[name]["path"]) for name, _ in PAGES]
        with gunicorn(env) as server:
            from_scratch(server, pages, args.seconds)
        with gunicorn(env | {"DJANGO_PAGE_CACHE": "1"}) as server:
            warm(server, pages, args.seconds)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    minutes = (time.monotonic() - begun) / 60
    outcome = "every budget met" if not misses else "over budget:"
    print(f"{database}, measured in {minutes:.1f} min: {outcome}")
    for miss in misses:
        print(f"- {miss}")
    print()
    return 1 if misses else 0


def queries_table(facts, small):
    def count(fact):
        return fact["queries"] if fact["status"] == 200 else f"HTTP {fact['status']}"

    rows = []
    for name, fact in facts.items():
        here, there = count(fact), count(small[name])
        ok = here == there and isinstance(here, int) and here <= MAX_QUERIES
        miss = f"{name} queries: {here} at full size, {there} at 100 statements"
        budget = verdict(ok, f"≤ {MAX_QUERIES}, the same", miss)
        rows.append([name, here, there, budget, f"`{fact['path']}`"])
    table(["page", "queries", "at 100 statements", "budget", "address"], rows)


@contextlib.contextmanager
def gunicorn(env):
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "rcm_site.wsgi", "--bind", f"127.0.0.1:{PORT}",
         "--workers", "2", "--log-level", "warning", "--timeout", "120"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        for _ in range(100):
            if get(BARE)[0] == 200:
                break
            time.sleep(0.1)
        else:
            raise RuntimeError("gunicorn did not answer within 10 s")
        yield server
    finally:
        server.terminate()
        server.wait()


def get(path):
    """One request: its status, ms and bytes."""
    out = subprocess.run(
        ["curl", "-s", "-o", "/dev/null", "--max-time", "120",
         "-w", "%{http_code} %{time_total} %{size_download}",
         f"http://127.0.0.1:{PORT}{path}"],
        capture_output=True, text=True,
    ).stdout.split()  # fmt: skip
    status, seconds, size = out if len(out) == 3 else ("0", "0", "0")
    return int(status), float(seconds) * 1000, int(size)


def wrk(path, seconds, connections):
    """req/s, p50 ms, p99 ms and failed requests (not 2xx or 3xx, or timed out)."""
    out = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
         "--latency", f"http://127.0.0.1:{PORT}{path}"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def percentile(p):
        value, unit = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    failed = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    timeouts = re.search(r"Socket errors:.* timeout (\d+)", out)
    failed = sum(int(m.group(1)) for m in (failed, timeouts) if m)
    return rps, percentile(50), percentile(99), failed


def warmed_up(name, path, phase):
    """A first request, which also takes Python's first-call costs out of the figures;
    a page that fails it is a miss."""
    status = get(path)[0]
    if status != 200:
        misses.append(f"{name} {phase}: HTTP {status}")
    return status == 200


def from_scratch(server, pages, seconds):
    print("### From scratch (page cache off, one request at a time)\n")
    warmed_up("bare view", BARE, "from scratch")
    rps, p50, p99, _ = wrk(BARE, seconds, connections=1)
    rows = [["bare view", f"{p50:.1f}", f"{p99:.1f}", f"{rps:.0f}", ""]]
    for name, path in pages:
        if not warmed_up(name, path, "from scratch"):
            rows.append([name, "", "", "", "HTTP error OVER BUDGET"])
            continue
        rps, p50, p99, failed = wrk(path, seconds, connections=1)
        limit = TEXT_SEARCH_P50_MS if name in TEXT_SEARCH else SCRATCH_P50_MS
        note = f", {failed} requests failed" if failed else ""
        budget = verdict(
            p50 <= limit and not failed,
            f"p50 ≤ {limit} ms{note}",
            f"{name} from scratch: p50 {p50:.1f} ms{note}",
        )
        rows.append([name, f"{p50:.1f}", f"{p99:.1f}", f"{rps:.0f}", budget])
    table(["page", "p50 ms", "p99 ms", "req/s", "budget"], rows)

    before = worker_memory(server)
    status, ms, size = get("/en/statements.csv")
    growth = max(a - b for a, b in zip(worker_memory(server), before, strict=True))
    flag = verdict(
        status == 200 and growth < EXPORT_GROWTH_MB,
        f"budget < {EXPORT_GROWTH_MB} MB",
        f"CSV export of every statement: HTTP {status}, grew a worker {growth} MB",
    )
    print(
        f"- CSV export of every statement: {size / 1e6:.1f} MB in {ms / 1000:.1f} s, "
        f"grew a worker {growth} MB ({flag})"
    )
    if warmed_up(*CALENDAR, "from scratch"):
        times = [get(CALENDAR[1]) for _ in range(3)]
        ms = statistics.median(t[1] for t in times)
        print(
            f"- {CALENDAR[0]}: {times[0][2] / 1e6:.1f} MB in {ms:.0f} ms "
            "(median of 3; no budget)"
        )
    print_worker_memory(server)


def warm(server, pages, seconds):
    print("### Warm (page cache on, 4 connections, alternating with the bare view)\n")
    rows = []
    for name, path in [*pages, CALENDAR]:
        if not warmed_up(name, path, "warm"):
            rows.append([name, "", "", "", "", "", "HTTP error OVER BUDGET"])
            continue
        rps, p50, p99, failed = wrk(path, seconds, connections=4)
        bare = wrk(BARE, seconds, connections=4)[0]
        ratio = rps / bare
        budget = "no budget"
        if name != CALENDAR[0]:
            note = f", {failed} requests failed" if failed else ""
            budget = verdict(
                ratio >= WARM_RATIO and not failed,
                f"≥ {WARM_RATIO:.2f}{note}",
                f"{name} warm: {ratio:.2f} of the bare view{note}",
            )
        figures = [
            f"{rps:.0f}",
            f"{bare:.0f}",
            f"{ratio:.2f}",
            f"{p50:.1f}",
            f"{p99:.1f}",
        ]
        rows.append([name, *figures, budget])
    table(["page", "req/s", "bare req/s", "ratio", "p50 ms", "p99 ms", "budget"], rows)
    print_worker_memory(server)


def worker_memory(server):
    """Resident memory of each gunicorn worker, in MB, in a stable order."""
    out = subprocess.run(
        ["ps", "-o", "pid=,rss=", "--ppid", str(server.pid)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\n")
    rows = sorted(line.split() for line in out if line.strip())
    return [int(rss) // 1024 for _, rss in rows]


def print_worker_memory(server):
    rss = worker_memory(server)
    flag = verdict(
        max(rss) < WORKER_MB,
        f"budget < {WORKER_MB} MB",
        f"worker resident memory {max(rss)} MB",
    )
    print(f"- worker resident memory: {', '.join(f'{r} MB' for r in rss)} ({flag})\n")


if __name__ == "__main__":
    sys.exit(main())
