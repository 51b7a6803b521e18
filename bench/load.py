"""Load test: readers browse and filter while editors save and publish in the admin,
and hostile clients loop over the heaviest addresses.

Run by bench/load.sh, which starts gunicorn on a fresh database. Bounded in time (the
-t option) and in requests (RCM_LOAD_MAX_REQUESTS), loopback only. Fails (exit code 1)
on any 5xx other than a deliberate refusal (429 or 503 with Retry-After, counted and
printed apart), on readers' p95 at or over READERS_P95_MS, on any "database is
locked", or on any lost write: every statement an editor saved must be in the
database afterwards.
"""

import collections
import os
import random
import re
import uuid

from locust import HttpUser, between, constant, events, task

WORKSHOP = "2018-09-labour-migration-governance-workshop-mexico-city"
MAX_REQUESTS = int(os.environ.get("RCM_LOAD_MAX_REQUESTS", "20000"))
PASSWORD = os.environ.get("RCM_LOAD_PASSWORD", "load-test-password-1")

READERS_P95_MS = 500

saved_texts = []
problems = []
refused = collections.Counter()
reader_times = []
run = {"requests": 0, "environment": None}


@events.init.add_listener
def remember(environment, **kwargs):
    run["environment"] = environment


def deliberate_refusal(response):
    return response.status_code in (429, 503) and "Retry-After" in response.headers


@events.request.add_listener
def watch(request_type, name, response, exception, response_time, context, **kwargs):
    run["requests"] += 1
    if context.get("reader"):
        reader_times.append(response_time)
    if response is not None and deliberate_refusal(response):
        refused[f"{response.status_code} on {name}"] += 1
    elif response is not None and response.status_code >= 500:
        problems.append(f"{response.status_code} on {request_type} {name}")
    if response is not None and b"database is locked" in (response.content or b""):
        problems.append(f"database is locked on {name}")
    if run["requests"] == MAX_REQUESTS:
        run["environment"].runner.quit()


class Reader(HttpUser):
    weight = 8
    wait_time = between(0.05, 0.3)

    def on_start(self):
        # Half the readers read in Spanish: each language's pages are cached apart.
        self.language = random.choice(["en", "es"])

    def context(self):
        return {"reader": True}

    def path(self, path):
        return f"/{self.language}{path}"

    @task(4)
    def home(self):
        self.client.get(self.path("/"))

    @task(4)
    def meetings(self):
        self.client.get(self.path("/events/"))
        self.client.get(
            self.path(f"/events/?year={random.randint(2017, 2019)}&kind=workshop"),
            name="/events/?filters",
        )

    @task(4)
    def meeting(self):
        self.client.get(self.path(f"/events/{WORKSHOP}/"))

    @task(3)
    def statements(self):
        word = random.choice(["migration", "labour", "Mexico", "díaz", "region"])
        self.client.get(self.path(f"/statements/?q={word}"), name="/statements/?q=")

    @task(2)
    def people_and_organizations(self):
        self.client.get(self.path("/people/miguel-diaz-reynoso/"))
        self.client.get(self.path("/organizations/iom/"))

    @task(1)
    def open_formats(self):
        self.client.get(self.path("/feeds/statements/"))
        self.client.get(self.path("/statements.json?country=MX"))
        self.client.get(self.path(f"/events/{WORKSHOP}.ics"))


class Hostile(HttpUser):
    """Asks, without pause, for what costs the site most: whole-list downloads and
    calendars with random parameters, filtered downloads, sitemaps, bad filter values.
    A refusal with Retry-After is an answer; so is a 400 for a bad value."""

    # One more than the heavy requests allowed at once (DJANGO_HEAVY_REQUESTS, 2), so
    # that the limit is reached.
    fixed_count = 3
    wait_time = constant(0)

    def get(self, path, name, expected=(200,)):
        language = random.choice(["en", "es"])
        if not path.startswith("/sitemap"):
            path = f"/{language}{path}"
        with self.client.get(path, name=name, catch_response=True) as response:
            if response.status_code in expected or deliberate_refusal(response):
                response.success()
            else:
                response.failure(f"answered {response.status_code}")

    @task(4)
    def whole_lists(self):
        for name in ("statements", "events", "people", "organizations"):
            self.get(f"/{name}.csv?r={random.random()}", f"/{name}.csv?r=")

    @task(3)
    def calendars(self):
        self.get(f"/events/calendar.ics?r={random.random()}", "/events/calendar.ics")
        # A year outside the RCM's has no calendar.
        year = random.randint(1990, 2040)
        self.get(f"/events/calendar/{year}.ics", "/events/calendar/Y.ics", (200, 404))

    @task(2)
    def filtered_downloads(self):
        query = random.choice(["country=MX", "year=2018", "q=migration", "kind=x"])
        self.get(f"/statements.csv?{query}", "/statements.csv?filters")
        self.get(f"/events.csv?{query}", "/events.csv?filters", (200, 400))

    @task(2)
    def bad_values(self):
        value = random.choice(["abc", "-1", "9" * 30, "%00", "' OR 1=1 --", "zz"])
        for path in (
            f"/statements.csv?year={value}",
            f"/events.csv?country={value}",
            f"/people.csv?organization={value}",
            f"/statements.json?page_size={value}",
        ):
            self.get(path, "bad filter value", (400,))

    @task(1)
    def sitemaps(self):
        for section in ("statements", "events", "people"):
            self.get(f"/sitemap-{section}.xml", "/sitemap-S.xml")


class Staff(HttpUser):
    """Editors add statements to the workshop as drafts; publishers publish them."""

    abstract = True
    wait_time = between(0.2, 0.8)
    username = ""

    def on_start(self):
        page = self.client.get("/admin/login/")
        self.client.post(
            "/admin/login/?next=/admin/",
            {
                "username": self.username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": token(page),
            },
            name="/admin/login/",
        )

    def form(self, url):
        return token(self.client.get(url, name=re.sub(r"\d+", "N", url)))


def token(response):
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text)
    return match.group(1) if match else ""


class Editor(Staff):
    weight = 1
    username = "load-editor"
    event_id = os.environ.get("RCM_LOAD_EVENT_ID", "1")

    @task
    def add_statement(self):
        text = f"Load test statement {uuid.uuid4()}"
        csrf = self.form("/admin/events/statement/add/")
        response = self.client.post(
            "/admin/events/statement/add/",
            {
                "csrfmiddlewaretoken": csrf,
                "event": self.event_id,
                "organization": os.environ.get("RCM_LOAD_ORGANIZATION_ID", "1"),
                "text_en": text,
                "kind": "verbatim",
                "language": "en",
                "order": "99",
                "_save": "Save",
            },
            allow_redirects=False,
        )
        if response.status_code == 302:
            saved_texts.append(text)
        else:
            problems.append(f"editor save answered {response.status_code}")


class Publisher(Staff):
    weight = 1
    username = "load-publisher"

    @task
    def publish_drafts(self):
        page = self.client.get(
            "/admin/events/statement/?state=draft",
            name="/admin/events/statement/?state=draft",
        )
        ids = re.findall(r'name="_selected_action" value="(\d+)"', page.text)[:5]
        if ids:
            self.client.post(
                "/admin/events/statement/",
                {
                    "csrfmiddlewaretoken": token(page),
                    "action": "publish_now",
                    "_selected_action": ids,
                },
                name="/admin/events/statement/ (publish)",
            )


@events.quitting.add_listener
def verify(environment, **kwargs):
    import django

    django.setup()
    from events.models import Statement

    stored = set(
        Statement.objects.filter(text__in=saved_texts).values_list("text", flat=True)
    )
    lost = [t for t in saved_texts if t not in stored]
    stats = environment.stats.total
    times = sorted(reader_times)
    readers_p95 = times[int(0.95 * (len(times) - 1))] if times else 0
    print(
        f"requests={stats.num_requests} failures={stats.num_failures} "
        f"p50={stats.get_response_time_percentile(0.5):.0f}ms "
        f"p95={stats.get_response_time_percentile(0.95):.0f}ms "
        f"p99={stats.get_response_time_percentile(0.99):.0f}ms "
        f"readers={len(times)} readers_p95={readers_p95:.0f}ms "
        f"refused={sum(refused.values())} "
        f"editor_saves={len(saved_texts)} lost_writes={len(lost)} problems={len(problems)}"
    )
    for refusal, count in sorted(refused.items()):
        print(f"REFUSED (deliberate): {count} x {refusal}")
    if readers_p95 >= READERS_P95_MS:
        problems.append(f"readers' p95 {readers_p95:.0f} ms >= {READERS_P95_MS} ms")
    for problem in sorted(set(problems))[:20]:
        print("PROBLEM:", problem)
    if problems or lost or stats.num_failures:
        environment.process_exit_code = 1
