import datetime

import factory
from django.utils import timezone

from events import models as events
from people import models as people
from rcm_site.publishing import PublicationStatus


class PublishedFactory(factory.django.DjangoModelFactory):
    publication_status = PublicationStatus.PUBLISHED
    publish_at = factory.LazyFunction(
        lambda: timezone.now() - datetime.timedelta(days=1)
    )


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = people.Country
        django_get_or_create = ["iso_code"]

    iso_code = factory.Sequence(lambda n: f"{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}")
    name = factory.Sequence(lambda n: f"Country {n}")
    slug = factory.Sequence(lambda n: f"country-{n}")


class OrganizationFactory(PublishedFactory):
    class Meta:
        model = people.Organization

    name = factory.Sequence(lambda n: f"Organization {n}")
    slug = factory.Sequence(lambda n: f"organization-{n}")
    kind = "intergovernmental"


class PersonFactory(PublishedFactory):
    class Meta:
        model = people.Person

    given_name = factory.Sequence(lambda n: f"Given{n}")
    family_name = factory.Sequence(lambda n: f"Family{n}")
    slug = factory.Sequence(lambda n: f"person-{n}")


class PersonNameFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = people.PersonName

    person = factory.SubFactory(PersonFactory)
    name = factory.Sequence(lambda n: f"Other Name {n}")


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = people.Position

    person = factory.SubFactory(PersonFactory)
    organization = factory.SubFactory(OrganizationFactory)
    title = factory.Sequence(lambda n: f"Director {n}")


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = events.Topic

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = events.Sector

    name = factory.Sequence(lambda n: f"Sector {n}")
    slug = factory.Sequence(lambda n: f"sector-{n}")


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = events.Resource
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Convention {n}")
    slug = factory.Sequence(lambda n: f"resource-{n}")
    kind = "convention"

    @factory.post_generation
    def issuers(self, create, extracted, **kwargs):
        if create and extracted:
            self.issuers.set(extracted)


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = events.Source

    title = factory.Sequence(lambda n: f"Press release {n}")
    url = factory.Sequence(lambda n: f"https://example.org/news/{n}")
    kind = "press_release"


class BodyFactory(PublishedFactory):
    class Meta:
        model = events.Body

    name = factory.Sequence(lambda n: f"Working Group {n}")
    slug = factory.Sequence(lambda n: f"body-{n}")
    kind = "working_group"


class PresidencyFactory(PublishedFactory):
    class Meta:
        model = events.Presidency

    country = factory.SubFactory(CountryFactory)
    year = factory.Sequence(lambda n: 1996 + n)


class EventFactory(PublishedFactory):
    class Meta:
        model = events.Event

    title = factory.Sequence(lambda n: f"Meeting {n}")
    slug = factory.Sequence(lambda n: f"meeting-{n}")
    kind = "workshop"
    start_date = datetime.date(2019, 3, 4)
    end_date = datetime.date(2019, 3, 5)
    timezone = "America/Guatemala"
    city = "Guatemala City"
    summary = "A meeting."


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = events.Session

    event = factory.SubFactory(EventFactory)
    title = factory.Sequence(lambda n: f"Session {n}")
    slug = factory.Sequence(lambda n: f"session-{n}")
    date = factory.LazyAttribute(lambda session: session.event.start_date)


class EventOrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = events.EventOrganization

    event = factory.SubFactory(EventFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = "supporter"


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = events.Participation

    event = factory.SubFactory(EventFactory)
    person = factory.SubFactory(PersonFactory)
    role = "participant"


class StatementFactory(PublishedFactory):
    class Meta:
        model = events.Statement

    event = factory.SubFactory(EventFactory)
    speaker = factory.SubFactory(PersonFactory)
    text = factory.Sequence(lambda n: f"Statement number {n} on labour migration.")
    language = "en"


class KeyFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = events.KeyFigure

    event = factory.SubFactory(EventFactory)
    value = factory.Sequence(lambda n: f"{n} million")
    label = "migrants"


class KeyPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = events.KeyPoint

    event = factory.SubFactory(EventFactory)
    kind = "challenge"
    text = factory.Sequence(lambda n: f"Challenge {n}.")


class PhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = events.Photo

    event = factory.SubFactory(EventFactory)
    caption = factory.Sequence(lambda n: f"Caption {n}")
    credit = "IOM"
    alt_text = "People at a table"


class MediaContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = events.MediaContact

    event = factory.SubFactory(EventFactory)
    person = factory.SubFactory(PersonFactory)
    phone = "+506 0000 0000"


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = events.Document

    event = factory.SubFactory(EventFactory)
    kind = "report"
    title = factory.Sequence(lambda n: f"Report {n}")
    url = factory.Sequence(lambda n: f"https://example.org/report-{n}.pdf")
