"""Load test: readers browse and filter while editors save and publish in the admin.

Run by bench/load.sh, which starts gunicorn on a fresh database. Bounded in time (the
-t option) and in requests (RCM_LOAD_MAX_REQUESTS), loopback only. Fails (exit code 1)
on any 5xx, any "database is locked", or any lost write: every statement an editor
saved must be in the database afterwards.
"""

import os
import random
import re
import uuid

from locust import HttpUser, between, events, task

WORKSHOP = "2018-09-labour-migration-governance-workshop-mexico-city"
MAX_REQUESTS = int(os.environ.get("RCM_LOAD_MAX_REQUESTS", "20000"))
PASSWORD = os.environ.get("RCM_LOAD_PASSWORD", "load-test-password-1")

saved_texts = []
problems = []
run = {"requests": 0, "environment": None}


@events.init.add_listener
def remember(environment, **kwargs):
    run["environment"] = environment


@events.request.add_listener
def watch(request_type, name, response, exception, **kwargs):
    run["requests"] += 1
    if response is not None and response.status_code >= 500:
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
    print(
        f"requests={stats.num_requests} failures={stats.num_failures} "
        f"p50={stats.get_response_time_percentile(0.5):.0f}ms "
        f"p95={stats.get_response_time_percentile(0.95):.0f}ms "
        f"p99={stats.get_response_time_percentile(0.99):.0f}ms "
        f"editor_saves={len(saved_texts)} lost_writes={len(lost)} problems={len(problems)}"
    )
    for problem in sorted(set(problems))[:20]:
        print("PROBLEM:", problem)
    if problems or lost or stats.num_failures:
        environment.process_exit_code = 1
