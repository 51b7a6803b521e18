"""make bench: every public page kind against a bare Django view, under gunicorn.

Builds a seed_demo database (2,000 meetings, 100,000 statements by default) and reports
each page's SQL queries and its time to render from scratch (in-process, in a new
generation, nothing kept). Then starts gunicorn (2 workers, DEBUG off, collectstatic
done) with the page cache off (cold: every request runs its view and renders its page,
reusing the cards, forms, counts and rankings kept for the generation), then on (warm),
and measures with wrk on 127.0.0.1, alternating each page with the bare HttpResponse
view served by the same process. Prints req/s, p50, p99 and the ratio page/bare; then
search one request at a time, the memory a full CSV export of the statements adds to a
worker, and each worker's resident memory; and checks each figure against the budget.
Bounded: a few seconds per measurement.

    python bench/run.py --db sqlite|postgres [--events N --statements N --people N]
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
PORT = 8102
PAGES = [
    ("home", "/en/"),
    ("meeting list", "/en/events/"),
    ("filtered meetings", "/en/events/?year=2010&kind=workshop"),
    ("meeting", "{event}"),
    ("statements, text search", "/en/statements/?q=migraci%C3%B3n"),
    ("person", "{person}"),
    ("organization", "{organization}"),
    ("search", "/en/search/?q=diaz"),
    ("statements feed", "/en/feeds/statements/"),
    ("meetings feed", "/en/feeds/events/"),
    ("statements JSON", "/en/statements.json?year=2015"),
    ("meetings CSV", "/en/events.csv?year=2015"),
]


def run(*args, env, **kwargs):
    return subprocess.run(args, cwd=ROOT, env=env, check=True, **kwargs)


# The budgets: page/bare ratios cold and warm, search p50 for one request at a
# time, queries per page, worker memory, and what a full CSV export may add to it.
COLD_RATIO, WARM_RATIO = 0.10, 0.60
SEARCH_P50_MS = 20
MAX_QUERIES = 15
WORKER_MB = 150
EXPORT_GROWTH_MB = 50
misses = []


def budget(ok, what):
    if not ok:
        misses.append(what)
    return "" if ok else "  OVER BUDGET"


def wrk(url, seconds, connections=4):
    out = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def percentile(p):
        value, unit = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, percentile(50), percentile(99), int(errors.group(1)) if errors else 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--people", type=int, default=20000)
    parser.add_argument("--organizations", type=int, default=2000)
    parser.add_argument("--statements", type=int, default=100000)
    parser.add_argument("--seconds", type=int, default=4)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="rcm-bench-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "rcm_site.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-only-not-a-secret-0123456789abcdefghijklmnop",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_BENCHMARK": "1",
        "DJANGO_MEDIA_ROOT": str(work / "media"),
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
    try:
        run(PY, "manage.py", "migrate", "--noinput", "-v0", env=env)
        run(
            PY,
            "manage.py",
            "loaddata",
            "countries",
            "mexico-city-workshop-2018",
            "-v0",
            env=env,
        )
        started = time.monotonic()
        run(
            PY, "manage.py", "seed_demo",
            "--events", str(args.events), "--people", str(args.people),
            "--organizations", str(args.organizations), "--statements", str(args.statements),
            env=env,
        )  # fmt: skip
        print(f"seed_demo: {time.monotonic() - started:.0f} s")
        run(PY, "manage.py", "collectstatic", "--noinput", "-v0", env=env)
        urls = dict(
            line.split("\t", 1)
            for line in run(
                PY,
                "-c",
                PAGE_FACTS,
                env=env | {"DJANGO_PAGE_CACHE": "0"},
                capture_output=True,
                text=True,
            ).stdout.splitlines()
            if "\t" in line
        )
        pages = [(name, path.format(**urls)) for name, path in PAGES]
        print(f"\n{args.db}: {args.events} meetings, {args.statements} statements\n")
        print("Per page: SQL queries, and ms to render from scratch in-process (DEBUG")
        print("off, a new generation: no page, fragment or count kept):")
        for name, path in pages:
            queries = int(urls["q:" + path])
            flag = budget(queries <= MAX_QUERIES, f"{name}: {queries} queries")
            scratch = float(urls["t:" + path])
            print(f"  {name:28} {queries:>3} {scratch:8.1f} ms  {path}{flag}")
        for cache in ("0", "1"):
            measure(
                env | {"DJANGO_PAGE_CACHE": cache}, pages, args.seconds, cache == "1"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"\n{args.db}: " + ("every budget met" if not misses else "over budget:"))
    for miss in misses:
        print(f"  {miss}")
    return 1 if misses else 0


def measure(env, pages, seconds, warm):
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "rcm_site.wsgi", "--bind", f"127.0.0.1:{PORT}",
         "--workers", "2", "--log-level", "warning", "--timeout", "120"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{PORT}"
        for _ in range(100):
            try:
                subprocess.run(
                    ["curl", "-sf", base + "/healthz"], check=True, capture_output=True
                )
                break
            except subprocess.CalledProcessError:
                time.sleep(0.1)
        print(f"\n{'warm (page cache on)' if warm else 'cold (page cache off)'}:")
        print(
            f"  {'page':28} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'bare req/s':>10} {'ratio':>6}"
        )
        for name, path in pages:
            subprocess.run(["curl", "-s", "-o", "/dev/null", base + path], check=True)
            page = wrk(base + path, seconds)
            bare = wrk(base + "/bench/bare/", seconds)
            ratio = page[0] / bare[0]
            flag = "" if page[3] == 0 else f"  ({page[3]} non-2xx)"
            flag += budget(
                ratio >= (WARM_RATIO if warm else COLD_RATIO) and not page[3],
                f"{name} ({'warm' if warm else 'cold'}): {ratio:.2f} of the bare view",
            )
            print(
                f"  {name:28} {page[0]:8.0f} {page[1]:8.1f} {page[2]:8.1f} "
                f"{bare[0]:10.0f} {ratio:6.2f}{flag}"
            )
        if not warm:
            search_path = dict(pages)["search"]
            p50 = wrk(base + search_path, seconds, connections=1)[1]
            flag = budget(p50 < SEARCH_P50_MS, f"search p50 {p50:.1f} ms")
            print(f"  search, one request at a time: p50 {p50:.1f} ms{flag}")
            before = worker_memory(server)
            subprocess.run(
                ["curl", "-sf", "-o", "/dev/null", base + "/en/statements.csv"],
                check=True,
            )
            growth = max(
                a - b for a, b in zip(worker_memory(server), before, strict=True)
            )
            flag = budget(growth < EXPORT_GROWTH_MB, f"CSV export grew {growth} MB")
            print(f"  CSV export of every statement: worker grew {growth} MB{flag}")
        rss = worker_memory(server)
        flag = budget(max(rss) < WORKER_MB, f"worker resident memory {max(rss)} MB")
        print(f"  worker resident memory: {', '.join(f'{r} MB' for r in rss)}{flag}")
    finally:
        server.terminate()
        server.wait()


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


# Run inside Django: the pages' addresses in this database, and for each page its
# query count and the time it takes to render from scratch, in a new generation with
# nothing kept (median of 5), as the first reader after a change meets it.
PAGE_FACTS = r"""
import statistics
import time
import django
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.test.utils import setup_test_environment
setup_test_environment()
from events.models import Event
from people.models import Organization, Person
from rcm_site import page_cache
import sys
sys.path.insert(0, "bench")
from run import PAGES
urls = {
    "event": Event.objects.published().filter(slug__startswith="demo-").order_by("pk").first().get_absolute_url(),
    "person": Person.objects.published().filter(slug__startswith="demo-").order_by("pk").first().get_absolute_url(),
    "organization": Organization.objects.published().filter(slug__startswith="demo-").order_by("pk").first().get_absolute_url(),
}
for key, value in urls.items():
    print(f"{key}\t{value}")
client = Client(HTTP_HOST="127.0.0.1")

def get(path):
    response = client.get(path)
    if response.streaming:
        b"".join(response.streaming_content)

def from_scratch(path):
    page_cache.new_generation()
    # A generation's first request also looks up when it ends: not the page's cost.
    page_cache.current_generation()
    started = time.perf_counter()
    get(path)
    return (time.perf_counter() - started) * 1000

for name, path in PAGES:
    path = path.format(**urls)
    get(path)  # Python's own first-call costs (imports, compiled templates)
    page_cache.new_generation()
    page_cache.current_generation()
    with CaptureQueriesContext(connection) as ctx:
        get(path)
    print(f"q:{path}\t{len(ctx.captured_queries)}")
    print(f"t:{path}\t{statistics.median(from_scratch(path) for _ in range(5)):.1f}")
"""

if __name__ == "__main__":
    sys.exit(main())
