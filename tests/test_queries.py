"""Every public page costs the same number of SQL queries with 1 and with 25 related rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Statement

from . import factories as f
from .conftest import start_new_generation

pytestmark = pytest.mark.django_db


class World:
    """Fixed records that every page is about, and a way to hang more rows off them."""

    def __init__(self):
        self.country = f.CountryFactory(iso_code="MX", name="Mexico", slug="mexico")
        self.topic = f.TopicFactory(slug="labour-migration")
        self.org = f.OrganizationFactory(slug="iom", country=self.country)
        self.person = f.PersonFactory(slug="ana-lopez", country=self.country)
        self.event = f.EventFactory(slug="workshop", country=self.country)
        self.event.topics.add(self.topic)
        self.statement = f.StatementFactory(
            event=self.event, speaker=self.person, organization=self.org
        )

    def grow(self, n):
        for _ in range(n):
            person = f.PersonFactory(country=self.country)
            position = f.PositionFactory(person=person, organization=self.org)
            f.ParticipationFactory(
                event=self.event, person=person, position=position, role="speaker"
            )
            statement = f.StatementFactory(
                event=self.event,
                speaker=person,
                position=position,
                organization=self.org,
                country=self.country,
            )
            statement.topics.add(self.topic)
            resource = f.ResourceFactory(issuer=self.org)
            statement.references.add(resource)
            self.statement.references.add(resource)
            self.statement.topics.add(f.TopicFactory())
            f.EventOrganizationFactory(
                event=self.event,
                organization=f.OrganizationFactory(
                    parent=self.org, country=self.country
                ),
            )
            other = f.EventFactory(country=self.country, kind=self.event.kind)
            other.topics.add(self.topic)
            f.EventOrganizationFactory(event=other, organization=self.org)
            f.KeyFigureFactory(event=self.event)
            f.KeyPointFactory(event=self.event)
            f.PhotoFactory(event=self.event)
            f.MediaContactFactory(
                event=self.event, person=person, organization=self.org
            )
            f.PositionFactory(person=self.person, organization=f.OrganizationFactory())
            f.ParticipationFactory(event=other, person=self.person)
            f.StatementFactory(speaker=self.person, event=other, country=self.country)
            self.event.sectors.add(f.SectorFactory())
            self.event.resources.add(f.ResourceFactory(issuer=self.org))


URLS = [
    "/en/",
    "/en/events/",
    "/en/events/?country=MX&topic=labour-migration&year=2019&q=meeting",
    "/en/events/?organization=iom&page=1",
    "/en/events/workshop/",
    "/en/statements/",
    "/en/statements/?speaker=ana-lopez&organization=iom&country=MX&topic=labour-migration",
    "/en/statements/?event=workshop&year=2019&q=statement",
    "statement",
    "/en/people/",
    "/en/people/?country=MX&organization=iom&q=given",
    "/en/people/ana-lopez/",
    "/en/organizations/",
    "/en/organizations/?kind=intergovernmental&country=MX&q=organization",
    "/en/organizations/iom/",
    "/en/countries/",
    "/en/countries/mx/",
    "/en/topics/labour-migration/",
]


def count_queries(client, url):
    start_new_generation()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_rows(client):
    """Every page, measured with 1 and with 25 of each related row (one world grown
    once for all pages: growing it is the slow part)."""
    world = World()
    urls = [world.statement.get_absolute_url() if u == "statement" else u for u in URLS]
    world.grow(1)
    small = {url: count_queries(client, url) for url in urls}
    world.grow(24)
    assert Statement.objects.count() == 1 + 25 * 2
    assert {url: count_queries(client, url) for url in urls} == small
