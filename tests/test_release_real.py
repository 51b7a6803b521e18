"""Real press releases (tests/fixtures/releases/, as published) read field by field:
what the extractor must find in each, and what it must not propose."""

import datetime
from pathlib import Path

import pytest
from django.core.management import call_command

from releases.extract import extract

from .test_release_extract import assert_spans, full_name, one, ref

RELEASES = Path(__file__).parent / "fixtures" / "releases"


def release(name):
    """The release's text, without the fixture's first line (where it was found)."""
    text = (RELEASES / name).read_text()
    assert text.startswith("#")
    return text.split("\n", 1)[1]


def meeting_fields(extraction):
    meeting = one(extraction, "meeting")
    country = meeting.refs.get("country") and ref(extraction, meeting, "country")
    return {
        **meeting.fields,
        "country": country and country.match and country.match.iso_code,
    }


def roles(extraction):
    return sorted(
        (
            role.fields["role"],
            ref(extraction, role, "organization").fields.get("name")
            or ref(extraction, role, "organization").fields.get("acronym"),
            role.fields.get("note", ""),
        )
        for role in extraction.of_kind("role")
    )


def figures(extraction):
    return [
        (f.fields["value"], f.fields["label"]) for f in extraction.of_kind("figure")
    ]


@pytest.fixture
def countries(db):
    call_command("loaddata", "countries", verbosity=0)


def test_24th_rcm_relaunch_in_guatemala(countries):
    extraction = extract(release("iom-2019-11-rcm-24-relaunch-guatemala.txt"))
    assert_spans(extraction)
    assert extraction.language == "en"
    assert meeting_fields(extraction) == {
        "title": "24th Regional Conference on Migration",
        "kind": "vice_ministerial",
        # "November 12-14"; the year is the one the release gives ("November 12, 2019").
        "start_date": datetime.date(2019, 11, 12),
        "end_date": datetime.date(2019, 11, 14),
        "city": "Guatemala City",
        "country": "GT",
    }
    assert roles(extraction) == [
        ("presidency", "Guatemala", ""),
        (
            "supporter",
            "IOM",
            "through the Regional Migration Program: Mesoamerica-The Caribbean",
        ),
    ]
    assert figures(extraction) == [("eleven", "member countries")]
    # The declaration is the vice ministers' as a body: no person said it.
    assert extraction.of_kind("statement") == []
    assert extraction.of_kind("person") == []


def test_20th_crm_in_mexico_city(countries):
    extraction = extract(release("oim-2015-11-crm-20-ciudad-de-mexico.txt"))
    assert_spans(extraction)
    assert extraction.language == "es"
    assert meeting_fields(extraction) == {
        "title": "XX Conferencia Regional sobre Migración",
        "kind": "vice_ministerial",
        # Only the day it ended is stated ("concluyó ayer (11 de noviembre)"), with
        # no year and no date of the release: no date is proposed.
        "city": "Ciudad de México",
        "country": "MX",
    }
    statement = one(extraction, "statement")
    assert statement.fields == {
        "text": (
            "los factores asociados al retorno a menudo producen estrés, depresión y "
            "otras afecciones que, aunadas a otros factores socioeconómicos y "
            "psicosociales, vuelven a los migrantes vulnerables al abuso"
        ),
        "language": "es",
        "kind": "reported",
    }
    assert full_name(ref(extraction, statement, "speaker")) == "Marcelo Pisani"
    post = ref(extraction, statement, "post")
    assert post.fields["title"] == "Director Regional"
    organization = ref(extraction, statement, "organization")
    assert organization.fields["acronym"] == "OIM"
    assert figures(extraction) == [
        (
            "más de seis millones",
            "de personas migrantes han retornado en forma voluntaria o por deportación",
        ),
        ("más de medio millón", "de migrantes ha retornado cada año a Mesoamérica"),
    ]


def test_20th_crm_dates_with_the_release_date(countries):
    extraction = extract(
        release("oim-2015-11-crm-20-ciudad-de-mexico.txt"),
        published=datetime.date(2015, 11, 12),
    )
    meeting = one(extraction, "meeting")
    # The release states the last day only; the first is not guessed.
    assert "start_date" not in meeting.fields
    assert meeting.fields["end_date"] == datetime.date(2015, 11, 11)


def test_21st_rcm_in_san_pedro_sula(countries):
    extraction = extract(release("iom-2016-11-rcm-21-san-pedro-sula.txt"))
    assert_spans(extraction)
    assert extraction.language == "en"
    assert meeting_fields(extraction) == {
        "title": "21st Regional Conference on Migration",
        "kind": "other",
        "city": "San Pedro Sula",
        "country": "HN",
    }
    statements = extraction.of_kind("statement")
    assert [s.fields["text"] for s in statements] == [
        "many countries have closed-doors policies, trying to get people to go "
        "another way, rather than come to them.",
        "If you know something about demographic imbalances, that you have a global "
        "north in need of workers, a global south in need of jobs, you have to assume "
        "that all of our societies are going to become more multiethnic, "
        "multicultural, and multi-religious. And if we are not preparing our people "
        "for that, we are not fulfilling our responsibility. That is a shared "
        "responsibility.",
    ]
    for statement in statements:
        assert statement.fields["kind"] == "verbatim"
        assert full_name(ref(extraction, statement, "speaker")) == "William Lacy Swing"
        assert ref(extraction, statement, "post").fields["title"] == "Director General"
        assert ref(extraction, statement, "organization").fields["acronym"] == "IOM"
    assert len(extraction.of_kind("person")) == 1
    # "10 Central and North American countries" is who came, not a key figure.
    assert figures(extraction) == []


def test_the_same_patterns_in_releases_written_for_the_test(countries):
    spanish = extract(
        "Titular\n\n"
        "San José, Costa Rica – Del 12 al 14 de noviembre de 2019 se celebró la XXI "
        "Reunión Viceministerial de la CRM, bajo la Presidencia Pro Tempore de Costa "
        "Rica.\n\n"
        "La Viceministra de Gobernación, Ana Torres, destacó que la región necesita "
        "respuestas coordinadas ante la migración de retorno.\n"
    )
    assert_spans(spanish)
    assert meeting_fields(spanish) == {
        "title": "XXI Reunión Viceministerial de la CRM",
        "kind": "vice_ministerial",
        "start_date": datetime.date(2019, 11, 12),
        "end_date": datetime.date(2019, 11, 14),
        "city": "San José",
        "country": "CR",
    }
    assert roles(spanish) == [("presidency", "Costa Rica", "")]
    statement = one(spanish, "statement")
    assert statement.fields["text"] == (
        "la región necesita respuestas coordinadas ante la migración de retorno"
    )
    assert full_name(ref(spanish, statement, "speaker")) == "Ana Torres"

    english = extract(
        "Headline\n\n"
        "GUATEMALA CITY, Guatemala – The 25th Regional Conference on Migration met "
        "November 12 to 14, 2020 under the Pro-Tempore Presidency of Guatemala, which "
        "the IOM supported.\n\n"
        "The Minister of Foreign Affairs, Ana López, stressed that the region must "
        "protect every migrant who returns home.\n\n"
        "IOM Director General William Lacy Swing said: “Return is safe only when it "
        "is voluntary.”\n"
    )
    assert_spans(english)
    assert meeting_fields(english) == {
        # No word of the release names what kind of meeting it was.
        "title": "25th Regional Conference on Migration",
        "start_date": datetime.date(2020, 11, 12),
        "end_date": datetime.date(2020, 11, 14),
        "city": "GUATEMALA CITY",
        "country": "GT",
    }
    assert roles(english) == [("presidency", "Guatemala", "")]
    reported, quoted = english.of_kind("statement")
    assert reported.fields["kind"] == "reported"
    assert full_name(ref(english, reported, "speaker")) == "Ana López"
    assert quoted.fields["text"] == "Return is safe only when it is voluntary."
    assert full_name(ref(english, quoted, "speaker")) == "William Lacy Swing"
    assert ref(english, quoted, "post").fields["title"] == "Director General"


def test_what_a_release_does_not_state_is_not_proposed(countries):
    extraction = extract(
        "Headline\n\n"
        "Honduras – The 3rd Meeting of the Working Group was held in Honduras on "
        "12-14 with delegates who said “we agree”.\n"
    )
    assert_spans(extraction)
    # No month, no year: no date. "in Honduras" is a country, not a city.
    assert meeting_fields(extraction) == {
        "title": "3rd Meeting of the Working Group",
        "kind": "working_group",
        "country": "HN",
    }
    assert extraction.of_kind("statement") == []
    assert extraction.of_kind("figure") == []


def test_a_dateline_city_gives_its_country(countries):
    extraction = extract(
        "Titular\n\nCiudad de México – La Reunión de los Viceministros se celebró "
        "en Tapachula.\n"
    )
    assert_spans(extraction)
    # The dateline's city first; the country is the one the city is named after.
    assert meeting_fields(extraction) == {
        "title": "Reunión de los Viceministros",
        "kind": "vice_ministerial",
        "city": "Ciudad de México",
        "country": "MX",
    }


def test_a_numbered_list_is_no_meeting_in_a_series(countries):
    extraction = extract(
        "Headline\n\n"
        "The Regional Workshop on Labour Migration agreed on two points:\n"
        "1. Meeting reports are shared within a month.\n"
        "2. Forum dates are set a year ahead.\n"
    )
    assert one(extraction, "meeting").fields["title"] == (
        "Regional Workshop on Labour Migration"
    )
