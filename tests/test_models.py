import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from events.models import Event, EventOrganization, Statement
from rcm_site.publishing import PublicationStatus

from . import factories
from .factories import (
    CountryFactory,
    EventFactory,
    EventOrganizationFactory,
    OrganizationFactory,
    PersonFactory,
    PositionFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db


def test_database_refuses_a_meeting_that_ends_before_it_starts():
    event = EventFactory()
    event.end_date = event.start_date - datetime.timedelta(days=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        event.save()


def test_validation_puts_the_date_error_on_the_end_date():
    event = EventFactory.build(
        start_date=datetime.date(2020, 5, 2), end_date=datetime.date(2020, 5, 1)
    )
    with pytest.raises(ValidationError) as excinfo:
        event.full_clean()
    assert excinfo.value.message_dict["end_date"] == [
        "A meeting cannot end before it starts."
    ]


def test_slugs_are_unique_whatever_their_case():
    EventFactory(slug="vice-ministerial-2019")
    clash = EventFactory.build(slug="Vice-Ministerial-2019")
    with pytest.raises(
        ValidationError, match="A meeting with this slug already exists"
    ):
        clash.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        clash.save()


def test_one_role_per_organization_per_meeting_but_several_roles_allowed():
    role = EventOrganizationFactory(role="supporter")
    EventOrganizationFactory(
        event=role.event, organization=role.organization, role="funder"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        EventOrganization.objects.create(
            event=role.event, organization=role.organization, role="supporter"
        )


def test_time_zone_must_be_an_iana_name():
    event = EventFactory.build(timezone="Mexico City")
    with pytest.raises(ValidationError) as excinfo:
        event.full_clean()
    assert "not an IANA time zone name" in excinfo.value.message_dict["timezone"][0]


def test_statement_needs_a_speaker_or_an_organization():
    statement = StatementFactory.build(speaker=None, organization=None)
    with pytest.raises(ValidationError) as excinfo:
        statement.full_clean()
    assert "Name the speaker" in excinfo.value.message_dict["speaker"][0]
    statement.event.save()
    statement.event = statement.event
    with pytest.raises(IntegrityError), transaction.atomic():
        statement.save()


def test_statement_post_must_be_the_speakers_and_fills_the_organization():
    position = PositionFactory()
    statement = StatementFactory(speaker=position.person)
    statement.position = position
    statement.full_clean()
    statement.save()
    assert statement.organization == position.organization

    statement.position = PositionFactory()
    with pytest.raises(ValidationError) as excinfo:
        statement.full_clean()
    assert "belongs to someone else" in excinfo.value.message_dict["position"][0]


def test_validating_a_statement_changes_nothing_and_a_post_names_its_organization():
    position = PositionFactory()
    statement = StatementFactory.build(speaker=None, organization=None)
    statement.event.save()
    statement.event = statement.event
    statement.position = position
    statement.full_clean()
    assert (statement.organization, statement.country) == (None, None)
    statement.save()
    assert statement.organization == position.organization


def test_a_save_fills_the_country_from_the_organization_else_the_speaker():
    mexico, canada = CountryFactory(iso_code="MX"), CountryFactory(iso_code="CA")
    speaker = PersonFactory(country=canada)
    ministry = OrganizationFactory(country=mexico)
    assert StatementFactory(speaker=speaker, organization=ministry).country == mexico
    assert StatementFactory(speaker=speaker).country == canada
    given = StatementFactory(speaker=speaker, organization=ministry, country=canada)
    assert given.country == canada


def test_organization_statement_without_speaker_is_valid():
    statement = StatementFactory.build(speaker=None, organization=OrganizationFactory())
    statement.event.save()
    statement.event = statement.event
    statement.full_clean()
    statement.save()


def test_published_means_marked_published_and_due():
    now = timezone.now()
    due = EventFactory(publish_at=now - datetime.timedelta(minutes=1))
    EventFactory(publish_at=now + datetime.timedelta(minutes=1))
    EventFactory(publication_status=PublicationStatus.DRAFT, publish_at=None)
    assert list(Event.objects.published()) == [due]


def test_publishing_without_a_time_publishes_now():
    person = PersonFactory(
        publication_status=PublicationStatus.PUBLISHED, publish_at=None
    )
    assert person.publish_at is not None
    assert person.is_published()


def test_a_person_sorts_by_family_name():
    PersonFactory(given_name="Zoe", family_name="Álvarez Ruiz")
    PersonFactory(given_name="Ana", family_name="Zamora")
    from people.models import Person

    assert [p.full_name for p in Person.objects.all()] == [
        "Zoe Álvarez Ruiz",
        "Ana Zamora",
    ]


def test_str_of_each_record():
    statement = StatementFactory(
        text="One two three four five six seven eight nine ten eleven twelve thirteen"
    )
    assert (
        str(statement)
        == "One two three four five six seven eight nine ten eleven twelve…"
    )
    assert str(
        OrganizationFactory(name="International Labour Organization", acronym="ILO")
    ) == ("International Labour Organization (ILO)")
    assert Statement.objects.count() == 1


@pytest.mark.parametrize(
    "factory",
    [
        factories.EventFactory,
        factories.PersonFactory,
        factories.OrganizationFactory,
        factories.TopicFactory,
        factories.SectorFactory,
        factories.ResourceFactory,
        factories.BodyFactory,
        factories.CountryFactory,
    ],
)
def test_no_record_is_left_without_an_address(factory):
    """Not through a form, a fixture, a shell nor SQL: a published record with an empty
    slug made its lists, the sitemap and search answer 500."""
    record = factory()
    with pytest.raises(IntegrityError), transaction.atomic():
        type(record).objects.filter(pk=record.pk).update(slug="")
