"""Run by bench/run.py inside Django, with the page cache off: each page's address in
this database and the SQL queries it runs, as one line of JSON.

    python -m bench.page_facts
"""

# ruff: noqa: E402 (the models can be imported only once Django is set up)
import json

import django

django.setup()

from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from bench.run import CALENDAR, PAGES
from events.models import Event, Topic
from people.models import Country, Organization, Person


def busiest(queryset):
    # A budget has to hold for the largest page of a kind, not for a typical one.
    return queryset.annotate(n=Count("statements")).order_by("-n", "pk").first()


def addresses():
    demo = {"slug__startswith": "demo-"}
    event = busiest(Event.objects.published().filter(**demo))
    statement = event.statements.published().order_by("pk").first()
    person = busiest(Person.objects.published().filter(**demo))
    organization = busiest(Organization.objects.published().filter(**demo))
    return {
        "event": event.get_absolute_url(),
        "year": event.start_date.year,
        "kind": event.kind,
        "event_ics": reverse("events:event_calendar", args=[event.slug]),
        "statement": statement.get_absolute_url(),
        "person": person.get_absolute_url(),
        "organization": organization.get_absolute_url(),
        "country": busiest(Country.objects.members()).get_absolute_url(),
        "topic": busiest(Topic.objects.filter(**demo)).get_absolute_url(),
    }


def main():
    client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)

    def get(path):
        response = client.get(path)
        if response.streaming:
            b"".join(response.streaming_content)
        return response.status_code

    with translation.override("en"):
        urls = addresses()
    pages = {}
    for name, path in [*PAGES, CALENDAR]:
        path = path.format(**urls)
        # Not the page's cost: what Django reads once a process (content types,
        # translations).
        get(path)
        with CaptureQueriesContext(connection) as queries:
            status = get(path)
        pages[name] = {
            "path": path,
            "status": status,
            "queries": len(queries.captured_queries),
        }
    print(json.dumps(pages))


if __name__ == "__main__":
    main()
