"""The Mexico City workshop seed: every fact of the press release as a record."""

import datetime
import io
import json

import pytest
from django.apps import apps
from django.core import serializers
from django.core.management import call_command
from django.core.serializers import json as django_json
from django.core.serializers.base import DeserializationError

from events.models import (
    Event,
    EventOrganization,
    KeyFigure,
    KeyPoint,
    MediaContact,
    Participation,
    Photo,
    Resource,
    Statement,
)
from people.models import Country, Organization, Person

from .conftest import SEED_FIXTURES, WORKSHOP

pytestmark = pytest.mark.django_db

PROJECT_MODELS = [
    m
    for m in apps.get_models()
    if m._meta.app_label in {"people", "events"}
    and not m._meta.model_name.startswith("historical")
]


def snapshot():
    """Every row of the project's models, as dumpdata writes them, without keys.

    Change history is the record of edits, not of the data, and is left out."""
    out = io.StringIO()
    call_command(
        "dumpdata",
        *[m._meta.label for m in PROJECT_MODELS],
        natural_foreign=True,
        natural_primary=True,
        stdout=out,
    )
    rows = json.loads(out.getvalue())
    for row in rows:
        row.pop("pk", None)
    return sorted(rows, key=lambda r: json.dumps(r, sort_keys=True))


def counts():
    return {m._meta.label: m.objects.count() for m in PROJECT_MODELS}


def test_the_eleven_member_countries(seed):
    assert list(Country.objects.members().values_list("iso_code", flat=True)) == [
        "BZ", "CA", "CR", "DO", "SV", "GT", "HN", "MX", "NI", "PA", "US",
    ]  # fmt: skip
    assert Country.objects.get(iso_code="DO").name == "Dominican Republic"


def test_the_workshop(seed):
    event = Event.objects.get(slug=WORKSHOP)
    assert event.title == (
        "Regional Workshop on the Governance of Labour Migration: "
        "Towards Integrated and Planned Policies"
    )
    assert event.get_kind_display() == "Workshop"
    assert (event.start_date, event.end_date) == (
        datetime.date(2018, 9, 4),
        datetime.date(2018, 9, 5),
    )
    assert event.timezone == "America/Mexico_City"
    assert (event.city, event.country.iso_code) == ("Mexico City", "MX")
    assert event.participant_count == 60
    assert event.is_published()
    (source,) = event.sources.all()
    assert source.title == (
        "Central and North American Countries Discuss Labour Migration Governance"
    )
    assert source.publisher.acronym == "IOM"
    assert set(event.sectors.values_list("name", flat=True)) == {
        "Chancelleries",
        "Immigration authorities",
        "Ministries of labour",
        "Employers",
        "Trade unions",
        "Civil society",
    }


def test_organizations_and_their_roles(seed):
    roles = {
        (r.organization.slug, r.role, r.note)
        for r in EventOrganization.objects.filter(event__slug=WORKSHOP)
    }
    assert roles == {
        ("government-of-mexico", "host", ""),
        ("rcm", "convener", ""),
        ("iom", "supporter", ""),
        ("ilo", "supporter", ""),
        ("iom", "co_organizer", "through its Mesoamerica Program"),
        ("iom-mesoamerica-program", "co_organizer", "on behalf of IOM"),
        ("ilo", "co_organizer", ""),
        ("us-department-of-state", "funder", "funds IOM's Mesoamerica Program"),
    }
    program = Organization.objects.get(slug="iom-mesoamerica-program")
    assert program.parent.acronym == "IOM"
    sre = Organization.objects.get(slug="mexico-ministry-of-foreign-affairs")
    assert (sre.parent.name, sre.country.iso_code) == ("Government of Mexico", "MX")


@pytest.mark.parametrize(
    ("speaker", "opening", "post", "organization"),
    [
        (
            "Ambassador Miguel Díaz Reynoso",
            "Mexico recognizes the vital importance of migrants",
            "General Director for Latin America",
            "Ministry of Foreign Affairs of Mexico",
        ),
        (
            "Marcelo Pisani",
            "The involvement of all RCM countries in the appropriate planning",
            "Regional Director for Central America, North America and the Caribbean",
            "International Organization for Migration",
        ),
        (
            "Francesco Carella",
            "International conventions on migrant workers, such as ILO 97 and 143",
            "Labour Migration Specialist",
            "International Labour Organization",
        ),
        (
            "Pablo Rusconi Trigueros",
            "This regional exchange is a space that has allowed us to know",
            "Director",
            "Immigration Department of the Republic of El Salvador",
        ),
    ],
)
def test_statements_are_verbatim_and_tied_to_the_post_then(
    seed, speaker, opening, post, organization
):
    statement = Statement.objects.select_related(
        "speaker", "position__organization", "organization"
    ).get(text__startswith=opening)
    assert statement.speaker.name_with_honorific == speaker
    assert statement.position.person == statement.speaker
    assert statement.position.title == post
    assert statement.position.organization.name == organization
    assert statement.organization == statement.position.organization
    assert statement.event.slug == WORKSHOP
    # The Mexican and Salvadoran officials spoke Spanish; the source gives their words
    # in English, so the site marks them as translations.
    spoken_in_spanish = {"Ambassador Miguel Díaz Reynoso", "Pablo Rusconi Trigueros"}
    assert statement.language == ("es" if speaker in spoken_in_spanish else "en")
    assert (
        Participation.objects.get(
            event__slug=WORKSHOP, person=statement.speaker
        ).position
        == statement.position
    )


def test_full_text_of_two_statements(seed):
    diaz = Statement.objects.get(speaker__slug="miguel-diaz-reynoso")
    assert diaz.text.endswith(
        "ensure absolute respect for the human rights of all people who migrate, "
        "as well as to encourage regular labour migration."
    )
    carella = Statement.objects.get(speaker__slug="francesco-carella")
    assert (
        "the Principles of Fair Contracting and the Principles on Refugee Access"
        in (carella.text)
    )


def test_the_five_instruments_cited(seed):
    carella = Statement.objects.get(speaker__slug="francesco-carella")
    assert set(carella.references.values_list("short_title", flat=True)) == {
        "ILO Convention 97",
        "ILO Convention 143",
        "Multilateral Framework on Labour Migration",
        "Principles of Fair Contracting",
        "Principles on Refugee Access to Labour Markets",
    }
    assert Resource.objects.get(slug="ilo-c097").year == 1949
    assert set(
        Event.objects.get(slug=WORKSHOP).resources.values_list("slug", flat=True)
    ) == set(carella.references.values_list("slug", flat=True))


def test_key_figures_and_the_triple_challenge(seed):
    figures = list(
        KeyFigure.objects.filter(event__slug=WORKSHOP).values_list("value", "label")
    )
    assert figures == [
        (
            "Over 25 million",
            "nationals of countries in the Americas live outside their country of origin",
        ),
        (
            "More than 80 per cent",
            "of migrants from the Americas remain within the region",
        ),
    ]
    challenges = KeyPoint.objects.filter(event__slug=WORKSHOP, kind="challenge")
    assert [c.text for c in challenges] == [
        "The integration of new and diverse profiles of immigrant workers in the "
        "region's labour market, added to the traditional intra-regional movements.",
        "The lack or scarcity of qualified human resources.",
        "The reintegration of countries' own returned nationals.",
    ]
    assert (
        KeyPoint.objects.filter(event__slug=WORKSHOP, kind="recommendation").count()
        == 2
    )


def test_photo_and_media_contact(seed):
    photo = Photo.objects.get(event__slug=WORKSHOP)
    assert photo.caption == (
        "Some of the key speakers at the RCM Labour Migration workshop in Mexico City."
    )
    assert photo.credit == "IOM / Cesia Chavarria"
    assert photo.alt_text
    contact = MediaContact.objects.select_related("person", "organization").get(
        event__slug=WORKSHOP
    )
    assert contact.person.full_name == "Alexandra Bonnie"
    assert (contact.organization.acronym, contact.office) == ("IOM", "San José")
    assert contact.phone == "+506 2212 5304"


def test_spanish_double_surname_sorts_by_first_family_name(seed):
    person = Person.objects.get(slug="miguel-diaz-reynoso")
    assert (person.given_name, person.family_name) == ("Miguel", "Díaz Reynoso")
    names = list(Person.objects.values_list("family_name", flat=True))
    assert names == sorted(names)
    assert names.index("Díaz Reynoso") < names.index("Pisani")


def test_loading_twice_changes_nothing(seed):
    before = snapshot()
    call_command("loaddata", *SEED_FIXTURES, verbosity=0)
    assert snapshot() == before


def test_dumpdata_flush_loaddata_round_trip(seed, tmp_path):
    before = snapshot()
    dump = tmp_path / "dump.json"
    call_command(
        "dumpdata",
        *[m._meta.label for m in PROJECT_MODELS],
        natural_foreign=True,
        natural_primary=True,
        output=str(dump),
        verbosity=0,
    )
    call_command("flush", interactive=False, verbosity=0)
    assert Event.objects.count() == 0
    call_command("loaddata", str(dump), verbosity=0)
    assert snapshot() == before


def write(tmp_path, text):
    path = tmp_path / "bad.fixture"
    path.write_text(text)
    return str(path)


GOOD_PERSON = {
    "model": "people.person",
    "fields": {"slug": "new-person", "given_name": "Ana", "family_name": "López"},
}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[{"model": "people.country", "fields": {', "Not valid JSON"),
        (
            json.dumps(
                [
                    GOOD_PERSON,
                    {
                        "model": "events.participation",
                        "fields": {"event": [WORKSHOP], "person": ["nobody-here"]},
                    },
                ]
            ),
            "person refers to people.person ['nobody-here'], which does not exist",
        ),
        (
            json.dumps(
                [
                    GOOD_PERSON,
                    {
                        "model": "events.event",
                        "fields": {
                            "slug": "bad-date",
                            "title": "T",
                            "kind": "workshop",
                            "start_date": "2018-02-30",
                            "end_date": "2018-03-01",
                            "timezone": "UTC",
                            "summary": "S",
                        },
                    },
                ]
            ),
            "2018-02-30",
        ),
        (
            json.dumps(
                [GOOD_PERSON, {"model": "people.person", "fields": {"birthday": "x"}}]
            ),
            "Person has no field named 'birthday'",
        ),
        (
            json.dumps([GOOD_PERSON, {"model": "people.citizen", "fields": {}}]),
            "Invalid model identifier: people.citizen",
        ),
    ],
    ids=[
        "bad-json",
        "missing-person",
        "invalid-date",
        "unknown-field",
        "unknown-model",
    ],
)
def test_malformed_fixture_names_the_problem_and_changes_nothing(
    seed, tmp_path, text, message
):
    before = snapshot()
    with pytest.raises(DeserializationError) as excinfo:
        call_command("loaddata", write(tmp_path, text), verbosity=0)
    assert message in str(excinfo.value)
    assert "bad.fixture" in str(excinfo.value)
    assert snapshot() == before
    assert not Person.objects.filter(slug="new-person").exists()


def test_json_stays_djangos_own_format():
    assert serializers.get_serializer("json") is django_json.Serializer
    assert serializers.get_deserializer("json") is django_json.Deserializer


def test_reusing_a_natural_key_updates_the_record(seed, tmp_path):
    before = counts()
    fixture = [
        {
            "model": "people.person",
            "fields": {
                "slug": "marcelo-pisani",
                "given_name": "Marcelo",
                "family_name": "Pisani",
                "bio": "IOM Regional Director.",
                "publication_status": "published",
                "publish_at": "2018-09-07T12:00:00Z",
            },
        },
        {
            "model": "events.keyfigure",
            "fields": {
                "uuid": str(KeyFigure.objects.get(value="Over 25 million").uuid),
                "event": [WORKSHOP],
                "value": "Over 25 million",
                "label": "nationals of the Americas live abroad",
            },
        },
    ]
    call_command("loaddata", write(tmp_path, json.dumps(fixture)), verbosity=0)
    assert counts() == before
    assert Person.objects.get(slug="marcelo-pisani").bio == "IOM Regional Director."
    assert KeyFigure.objects.get(value="Over 25 million").label == (
        "nationals of the Americas live abroad"
    )


def person_row(slug, **fields):
    return {
        "model": "people.person",
        "fields": {
            "slug": slug,
            "given_name": "Fx",
            "family_name": "Valid",
            "publication_status": "published",
            **fields,
        },
    }


@pytest.mark.parametrize(
    "rows, message",
    [
        (
            [{**person_row("fx-valid"), "pk": "PK_OF_MIGUEL"}],
            "people.person ['fx-valid'] gives pk=PK_OF_MIGUEL, which is people.person "
            "['miguel-diaz-reynoso']; loading it would overwrite that record",
        ),
        (
            [{**person_row("marcelo-pisani"), "pk": "PK_OF_MIGUEL"}],
            "people.person ['marcelo-pisani'] is pk=PK_OF_MARCELO in the database, but "
            "the row gives pk=PK_OF_MIGUEL",
        ),
        (
            [person_row("fx-twice"), person_row("fx-twice", given_name="Other")],
            "people.person ['fx-twice'] appears twice in this load",
        ),
        (
            [person_row("fx-long", given_name="x" * 500)],
            "people.person ['fx-long']: given_name: Ensure this value has at most",
        ),
        (
            [person_row("fx-blank", family_name="")],
            "people.person ['fx-blank']: family_name: This field cannot be blank.",
        ),
        (
            [person_row("fx-hacked", publication_status="hacked")],
            "people.person ['fx-hacked']: publication_status: Value 'hacked' is not a "
            "valid choice.",
        ),
        (
            [person_row("")],
            "people.person ['']: slug: This field cannot be blank.",
        ),
        (
            [person_row("not a slug!")],
            "people.person ['not a slug!']: slug: Enter a valid “slug”",
        ),
        (
            [
                {
                    "model": "events.statement",
                    "fields": {
                        "uuid": "6f1c1a52-3a43-4a55-8d1b-1f0a3c2b9e01",
                        "event": [WORKSHOP],
                        "speaker": ["fx-nobody"],
                        "text_en": "Words.",
                        "kind": "verbatim",
                    },
                }
            ],
            "speaker names ['fx-nobody'], which is not in the database or earlier in "
            "the fixtures",
        ),
    ],
    ids=[
        "pk-of-another-person",
        "natural-key-of-another-pk",
        "duplicate-natural-key",
        "too-long",
        "required-missing",
        "bad-choice",
        "empty-slug",
        "bad-slug",
        "missing-speaker",
    ],
)
def test_a_row_that_would_corrupt_the_record_stops_the_load(
    seed, tmp_path, rows, message
):
    pks = {
        "PK_OF_MIGUEL": Person.objects.get(slug="miguel-diaz-reynoso").pk,
        "PK_OF_MARCELO": Person.objects.get(slug="marcelo-pisani").pk,
    }
    text = json.dumps(rows)
    for name, pk in pks.items():
        text = text.replace(f'"{name}"', str(pk))
        message = message.replace(name, str(pk))
    before = snapshot()
    with pytest.raises(DeserializationError) as excinfo:
        call_command("loaddata", write(tmp_path, text), verbosity=0)
    assert message in str(excinfo.value)
    assert "bad.fixture" in str(excinfo.value)
    assert snapshot() == before
    assert Person.objects.get(slug="miguel-diaz-reynoso").given_name == "Miguel"


def test_a_row_with_its_own_pk_and_natural_key_updates_its_record(seed, tmp_path):
    miguel = Person.objects.get(slug="miguel-diaz-reynoso")
    row = {**person_row("miguel-diaz-reynoso", given_name="Miguel"), "pk": miguel.pk}
    row["fields"]["family_name"] = "Díaz Reynoso"
    call_command("loaddata", write(tmp_path, json.dumps([row])), verbosity=0)
    assert Person.objects.get(pk=miguel.pk).slug == "miguel-diaz-reynoso"
