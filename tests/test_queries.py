"""Every public page costs the same number of SQL queries with 1 and with 25 related rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Statement

from . import factories as f

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
            session = f.SessionFactory(event=self.event)
            f.ParticipationFactory(
                event=self.event, session=session, person=person, role="moderator"
            )
            statement = f.StatementFactory(
                event=self.event,
                session=session,
                speaker=person,
                position=position,
                organization=self.org,
                country=self.country,
            )
            statement.topics.add(self.topic)
            resource = f.ResourceFactory(issuers=[self.org, f.OrganizationFactory()])
            statement.references.add(resource)
            self.statement.references.add(resource)
            self.statement.topics.add(f.TopicFactory())
            source = f.SourceFactory(publisher=self.org)
            self.event.sources.add(source)
            self.statement.sources.add(source)
            f.EventOrganizationFactory(
                event=self.event,
                organization=f.OrganizationFactory(
                    parent=self.org, country=self.country
                ),
                cited_source=f.SourceFactory(publisher=f.OrganizationFactory()),
            )
            other = f.EventFactory(country=self.country, kind=self.event.kind)
            f.SessionFactory(event=other)
            other.topics.add(self.topic)
            f.EventOrganizationFactory(event=other, organization=self.org)
            f.KeyFigureFactory(event=self.event, cited_source=source)
            f.KeyPointFactory(event=self.event)
            f.PhotoFactory(event=self.event)
            f.MediaContactFactory(
                event=self.event, person=person, organization=self.org
            )
            f.PositionFactory(person=self.person, organization=f.OrganizationFactory())
            f.ParticipationFactory(event=other, person=self.person)
            f.StatementFactory(speaker=self.person, event=other, country=self.country)
            self.event.sectors.add(f.SectorFactory())
            self.event.resources.add(f.ResourceFactory(issuers=[self.org]))
            f.DocumentFactory(event=self.event)
            f.PersonNameFactory(person=self.person)


# Each page's queries. A list: its count, its page of rows, what they prefetch (a
# meeting's sessions, for its days), the choices of its filter form's dropdowns, and
# one lookup per facet or topic asked for. A detail page: its record, each list's
# rows, and each excerpt's count.
QUERIES = {
    "/en/": 8,
    "/en/events/": 6,
    "/en/events/?country=MX&topic=labour-migration&year=2019&q=meeting": 8,
    "/en/events/?organization=iom&page=1": 7,
    # The meeting, its twelve prefetched lists and its resources' issuers, and a page
    # of its statements with their count.
    "/en/events/workshop/": 15,
    "/en/statements/": 4,
    "/en/statements/?speaker=ana-lopez&organization=iom&country=MX&topic=labour-migration": 7,
    "/en/statements/?event=workshop&year=2019&q=statement": 5,
    "statement": 5,
    "/en/people/": 4,
    "/en/people/?country=MX&organization=iom&q=given": 6,
    "/en/people/ana-lopez/": 6,
    "/en/organizations/": 3,
    "/en/organizations/?kind=intergovernmental&country=MX&q=organization": 4,
    "/en/organizations/iom/": 6,
    "/en/countries/": 1,
    "/en/countries/mx/": 7,
    "/en/topics/labour-migration/": 4,
}


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_rows(client, settings):
    """Every page, measured with 1 and with 25 of each related row (one world grown
    once for all pages: growing it is the slow part)."""
    settings.PAGE_CACHE_ENABLED = False
    world = World()
    statement_url = world.statement.get_absolute_url()

    def counts():
        return {
            url: count_queries(client, statement_url if url == "statement" else url)
            for url in QUERIES
        }

    world.grow(1)
    assert counts() == QUERIES
    world.grow(24)
    assert Statement.objects.count() == 1 + 25 * 2
    assert counts() == QUERIES
