"""Reading a press release into proposals (issue 20): releases.reading and
releases.extract, on the seed's release, on releases written for these tests, and
on releases shuffled, cut and spoiled at random."""

import datetime
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis import strategies as st

from people.models import Person, PersonName
from rcm_site.search import fold
from releases.extract import extract
from releases.matching import key
from releases.reading import read_release
from releases.text import normalise

RELEASES = Path(__file__).parent / "fixtures" / "releases"
# A copy of shared/seed/iom-press-release-2018-09-rcm-labour-migration-workshop.txt,
# so that the suite does not depend on where shared/ is.
SEED_FILE = RELEASES / "iom-press-release-2018-09-rcm-labour-migration-workshop.txt"
SEED_RELEASE = SEED_FILE.read_text()
SEED_FIXTURE = (
    Path(settings.BASE_DIR)
    / "events"
    / "fixtures"
    / "mexico-city-workshop-2018.fixture"
)
# The release gives no year; its page is dated 7 September 2018.
SEED_PUBLISHED = datetime.date(2018, 9, 7)

SPANISH_RELEASE = """\
Países de la CRM analizan la protección de la niñez migrante

Tegucigalpa, Honduras – Del 3 al 5 de septiembre se realizó el Taller Regional sobre \
Protección de la Niñez Migrante, convocado por la Conferencia Regional sobre Migración \
(CRM) y con el apoyo de la Organización Internacional para las Migraciones (OIM).

«La protección de la niñez migrante es una responsabilidad compartida de toda la \
región», afirmó la viceministra de Relaciones Exteriores de Honduras, María Elena \
Castillo.

La directora del Instituto Nacional de Migración, Ana Lucía Pérez, señaló: “Hemos \
fortalecido los mecanismos de atención en la frontera sur.”

“Necesitamos datos comparables entre los países”, dijo Carlos Méndez, especialista de \
la OIM. “Solo así podremos planificar respuestas integrales.”

Participaron más de 80 representantes de cancillerías, autoridades migratorias y \
sociedad civil.

Los objetivos del taller fueron:
- Intercambiar buenas prácticas de protección consular.
- Fortalecer la coordinación entre las autoridades migratorias.

Foto: OIM / Juan Pérez

Para más información, contacte a Laura Gómez, OIM Honduras, Tel.: +504 2220 1100, \
Correo: lgomez@example.org
"""

ENGLISH_RELEASE = """\
Consular Liaison Officers of the RCM Meet in Panama City

Panama City – The Meeting of the Liaison Officers Network for Consular Protection \
took place virtually from 12 to 13 March, organized by the Ministry of Foreign Affairs \
of Panama with the support of the International Organization for Migration (IOM).

Ana María López, Director of Consular Affairs at the Ministry of Foreign Affairs of \
Panama, said: “Consular networks protect migrants wherever they are in the region.”

“We will share data on returns every month,” John Smith said. “Protection does not \
stop at the border,” he added, “and no migrant should be left without help.”

“Fair recruitment is the first step towards safe labour migration,” said IOM Director \
General António Vitorino.

Minister Jane Doe said that the region needs more regular pathways for its workers.

The participants agreed on the following recommendations:
- Share consular alerts between the liaison officers within 24 hours.
- Train consular staff on the identification of vulnerable migrants.
"""


def fixture_rows(model):
    rows = json.loads(SEED_FIXTURE.read_text())
    return [row["fields"] for row in rows if row["model"] == model]


def by_slug(model):
    return {row["slug"]: row for row in fixture_rows(model)}


def one(extraction, kind):
    found = extraction.of_kind(kind)
    assert len(found) == 1, [p.fields for p in found]
    return found[0]


def ref(extraction, proposal, name):
    return extraction.get(proposal.refs[name])


def organization_keys(fields):
    """What names an organization, folded as the extractor compares names."""
    names = [fields.get(f, "") for f in ("name", "acronym", "name_en", "acronym_en")]
    return {key(name) for name in names if name}


def full_name(person):
    """Given and family names together: which of three words are the family name
    ("Pablo Rusconi Trigueros", "María Elena Castillo") the text cannot tell."""
    return f"{person.fields['given_name']} {person.fields['family_name']}"


def organization_of(extraction, statement):
    """The slug of the record a statement's organization matched, else its name."""
    if "organization" not in statement.refs:
        return None
    organization = ref(extraction, statement, "organization")
    return (
        organization.match.slug if organization.match else organization.fields["name"]
    )


def statements_text(extraction):
    return [s.fields["text"] for s in extraction.of_kind("statement")]


def words_of(text):
    return re.sub(r"[.,]", " ", normalise(text)).split()


def assert_spans(extraction):
    """Every value read from the text is the text at its span; a joined quote is its
    parts, each verbatim and inside one paragraph."""
    text = extraction.text
    for proposal in extraction.proposals:
        assert set(proposal.spans) >= {
            f for f, v in proposal.fields.items() if type(v) is str
        } - {"language"}, proposal
        for field, where in proposal.spans.items():
            assert 0 <= where.start < where.end <= len(text), (proposal.key, field)
            value = proposal.fields.get(field)
            if type(value) is str and proposal.kind != "statement":
                assert value == normalise(text[where.start : where.end]), field
    for statement in extraction.of_kind("statement"):
        parts = [text[p.start : p.end] for p in statement.parts["text"]]
        assert all("\n\n" not in part for part in parts)
        # The parts' words, in order; only a comma or stop at a join may differ.
        assert words_of(statement.fields["text"]) == words_of(" ".join(parts))
        for part in parts:
            assert normalise(part) in normalise(text)


@pytest.fixture
def countries(db):
    call_command("loaddata", "countries", verbosity=0)


def test_seed_release_against_the_seed_fixture(countries):
    """With no records but the countries, the release gives what the seed fixture
    holds, field by field."""
    extraction = extract(SEED_RELEASE, published=SEED_PUBLISHED)
    assert_spans(extraction)
    assert extraction.language == "en"

    event = fixture_rows("events.event")[0]
    meeting = one(extraction, "meeting")
    assert meeting.fields["title"] == event["title_en"]
    assert meeting.fields["kind"] == event["kind"]
    assert meeting.fields["start_date"].isoformat() == event["start_date"]
    assert meeting.fields["end_date"].isoformat() == event["end_date"]
    assert meeting.fields["city"] == event["city_en"]
    assert meeting.fields["participant_count"] == event["participant_count"]
    country = ref(extraction, meeting, "country")
    assert country.match.iso_code == event["country"][0]
    # The release says nothing of the format: none is proposed.
    assert "format" not in meeting.fields

    organizations = by_slug("people.organization")
    expected_roles = {
        (
            frozenset(organization_keys(organizations[row["organization"][0]])),
            row["role"],
        )
        for row in fixture_rows("events.eventorganization")
        if row["role"] in {"host", "supporter", "co_organizer", "funder"}
    }
    found_roles = set()
    for role in extraction.of_kind("role"):
        names = organization_keys(ref(extraction, role, "organization").fields)
        expected = [
            r for r in expected_roles if r[0] & names and r[1] == role.fields["role"]
        ]
        found_roles.update(expected)
    hosts_and_supporters = {r for r in expected_roles if r[1] in {"host", "supporter"}}
    assert hosts_and_supporters <= found_roles
    # The funder is named "the US of State Department": not the fixture's name.
    assert {r[1] for r in expected_roles - found_roles} <= {"funder"}

    people = by_slug("people.person")
    statements = extraction.of_kind("statement")
    assert len(statements) == 4
    for proposal, row in zip(statements, fixture_rows("events.statement"), strict=True):
        assert proposal.fields["text"] == row["text_en"]
        assert proposal.fields["kind"] == "verbatim"
        # The release's language: that two of them spoke Spanish it does not say.
        assert proposal.fields["language"] == "en"
        speaker = ref(extraction, proposal, "speaker")
        person = people[row["speaker"][0]]
        assert speaker.fields["given_name"] == person["given_name"]
        assert speaker.fields["family_name"] == person["family_name"]
        post = ref(extraction, proposal, "post")
        assert post.fields["title"] == row["position"][2]
        organization = ref(extraction, proposal, "organization")
        assert organization_keys(organization.fields) & organization_keys(
            organizations[row["organization"][0]]
        )
        assert post.refs["organization"] == organization.key
    miguel = ref(extraction, statements[0], "speaker")
    assert miguel.fields["honorific"] == people["miguel-diaz-reynoso"]["honorific_en"]

    figures = extraction.of_kind("figure")
    assert [fold(f.fields["value"]) for f in figures] == [
        fold(row["value_en"]) for row in fixture_rows("events.keyfigure")
    ]
    # The label keeps the release's words ("nationals in the Americas…"), which the
    # fixture's editors reworded.
    assert figures[0].fields["label"] == (
        "nationals in the Americas live outside their country of origin"
    )

    photo = one(extraction, "photo")
    seed_photo = fixture_rows("events.photo")[0]
    assert photo.fields["caption"] == seed_photo["caption_en"]
    # "IOM /Cesia Chavarria" as the release spaces it.
    assert photo.fields["credit"].split() == ["IOM", "/Cesia", "Chavarria"]
    assert "".join(photo.fields["credit"].split()) == "".join(
        seed_photo["credit"].split()
    )

    contact = one(extraction, "media_contact")
    seed_contact = fixture_rows("events.mediacontact")[0]
    person = ref(extraction, contact, "person")
    assert (person.fields["given_name"], person.fields["family_name"]) == (
        "Alexandra",
        "Bonnie",
    )
    assert "iom" in organization_keys(ref(extraction, contact, "organization").fields)
    assert fold(contact.fields["office"]) == fold(seed_contact["office"])
    assert contact.fields["phone"] == seed_contact["phone"]
    # "Email:" with nothing after it: no address.
    assert "email" not in contact.fields

    challenges = [
        p.fields["text"]
        for p in extraction.of_kind("keypoint")
        if p.fields["kind"] == "challenge"
    ]
    assert challenges == [
        "the integration of new and diverse profiles of immigrant workers in its labour "
        "market, added to the traditional intra-regional movements",
        "the lack or scarcity of qualified human resources",
        "the reintegration of their own returned nationals",
    ]
    # Nothing is matched in an empty database: all proposed new.
    assert all(p.match is None for p in extraction.of_kind("person"))


@pytest.mark.django_db
def test_seed_release_matches_the_seed_records(seed):
    extraction = extract(SEED_RELEASE, published=SEED_PUBLISHED)
    assert_spans(extraction)
    rows = fixture_rows("events.statement")
    for proposal, row in zip(extraction.of_kind("statement"), rows, strict=True):
        speaker = ref(extraction, proposal, "speaker")
        assert speaker.match is not None and speaker.match.slug == row["speaker"][0]
        organization = ref(extraction, proposal, "organization")
        assert organization.match.slug == row["organization"][0]
        post = ref(extraction, proposal, "post")
        assert post.match is not None and post.match.title_en == row["position"][2]
    roles = {
        (ref(extraction, r, "organization").match.slug, r.fields["role"])
        for r in extraction.of_kind("role")
        if ref(extraction, r, "organization").match
    }
    assert {
        ("government-of-mexico", "host"),
        ("iom", "supporter"),
        ("ilo", "supporter"),
        ("iom", "co_organizer"),
        ("iom-mesoamerica-program", "co_organizer"),
        ("ilo", "co_organizer"),
    } <= roles
    contact = one(extraction, "media_contact")
    assert ref(extraction, contact, "person").match.slug == "alexandra-bonnie"
    assert ref(extraction, contact, "organization").match.slug == "iom"
    # One proposal per person: the speakers and the media contact, none twice.
    assert sorted(p.match.slug for p in extraction.of_kind("person")) == sorted(
        [*(row["speaker"][0] for row in rows), "alexandra-bonnie"]
    )
    assert {p.match.slug for p in extraction.of_kind("resource")} >= {
        "ilo-multilateral-framework-labour-migration",
        "ilo-fair-recruitment-principles",
        "ilo-refugee-labour-market-principles",
    }
    assert {p.match.slug for p in extraction.of_kind("sector")} >= {
        "chancelleries",
        "immigration-authorities",
        "ministries-of-labour",
        "employers",
        "civil-society",
    }


def test_names_match_other_names_acronyms_accents_and_case(seed):
    miguel = Person.objects.get(slug="miguel-diaz-reynoso")
    PersonName.objects.create(person=miguel, name="Miguel Díaz")
    text = (
        "Headline\n\n"
        "“Mexico works for regular labour migration,” said Miguel Diaz, General "
        "Director for Latin America at the SRE.\n\n"
        "“Decent work has no borders,” said Francesco CARELLA, Labour Migration "
        "Specialist of the OIT.\n\n"
        "“Data come first,” said pablo rusconi trigueros.\n"
    )
    extraction = extract(text)
    assert_spans(extraction)
    first, second = extraction.of_kind("statement")
    assert ref(extraction, first, "speaker").match == miguel
    assert ref(extraction, first, "organization").match.slug == (
        "mexico-ministry-of-foreign-affairs"
    )
    assert ref(extraction, first, "post").match.title_en == (
        "General Director for Latin America"
    )
    assert ref(extraction, second, "speaker").match.slug == "francesco-carella"
    assert ref(extraction, second, "organization").match.slug == "ilo"
    assert (
        ref(extraction, second, "post").match.title_en == "Labour Migration Specialist"
    )
    # A name in lower case is not read as one: no statement without a speaker.
    assert len(extraction.of_kind("person")) == 2


def test_a_meeting_until_a_date_has_no_first_day_read(countries):
    extraction = extract(
        "Headline\n\nThe Regional Seminar on Migrant Children runs until 14 October "
        "2022 in Santiago.\n"
    )
    meeting = one(extraction, "meeting")
    assert meeting.fields["end_date"] == datetime.date(2022, 10, 14)
    assert "start_date" not in meeting.fields


def test_a_range_across_the_year_is_read_and_one_naming_no_day_is_not(countries):
    across = one(
        extract(
            "Headline\n\nThe Regional Seminar on Migrant Children ran from 30 "
            "December – 2 January 2019 in Santiago.\n"
        ),
        "meeting",
    )
    assert across.fields["start_date"] == datetime.date(2018, 12, 30)
    assert across.fields["end_date"] == datetime.date(2019, 1, 2)
    for dates in ("29-1 March 2020", "29 February – 2 January 2020"):
        meeting = one(
            extract(
                f"Headline\n\nThe Regional Seminar on Migrant Children ran {dates} "
                "in Santiago.\n"
            ),
            "meeting",
        )
        assert "start_date" not in meeting.fields, dates
        assert "end_date" not in meeting.fields, dates


@pytest.mark.django_db
def test_spanish_release(seed):
    extraction = extract(SPANISH_RELEASE, published=datetime.date(2019, 9, 6))
    assert_spans(extraction)
    assert extraction.language == "es"

    meeting = one(extraction, "meeting")
    assert meeting.fields["title"] == (
        "Taller Regional sobre Protección de la Niñez Migrante"
    )
    assert meeting.fields["kind"] == "workshop"
    # "Del 3 al 5 de septiembre": the year is the release's.
    assert meeting.fields["start_date"] == datetime.date(2019, 9, 3)
    assert meeting.fields["end_date"] == datetime.date(2019, 9, 5)
    assert meeting.fields["city"] == "Tegucigalpa"
    assert ref(extraction, meeting, "country").match.iso_code == "HN"
    assert meeting.fields["participant_count"] == 80
    assert meeting.fields["participant_count_qualifier"] == "more_than"

    roles = {
        (ref(extraction, r, "organization").match.slug, r.fields["role"])
        for r in extraction.of_kind("role")
    }
    assert roles == {("rcm", "convener"), ("iom", "supporter")}

    said = [
        (
            s.fields["text"],
            full_name(ref(extraction, s, "speaker")),
            s.refs.get("post") and ref(extraction, s, "post").fields["title"],
            organization_of(extraction, s),
        )
        for s in extraction.of_kind("statement")
    ]
    assert said == [
        (
            "La protección de la niñez migrante es una responsabilidad compartida de "
            "toda la región",
            "María Elena Castillo",
            "viceministra de Relaciones Exteriores de Honduras",
            None,
        ),
        (
            "Hemos fortalecido los mecanismos de atención en la frontera sur.",
            "Ana Lucía Pérez",
            "directora",
            "Instituto Nacional de Migración",
        ),
        (
            "Necesitamos datos comparables entre los países. Solo así podremos "
            "planificar respuestas integrales.",
            "Carlos Méndez",
            "especialista",
            "iom",
        ),
    ]
    assert {s.fields["language"] for s in extraction.of_kind("statement")} == {"es"}

    assert [
        (p.fields["kind"], p.fields["text"]) for p in extraction.of_kind("keypoint")
    ] == [
        ("specific_objective", "Intercambiar buenas prácticas de protección consular"),
        (
            "specific_objective",
            "Fortalecer la coordinación entre las autoridades migratorias",
        ),
    ]
    assert one(extraction, "photo").fields == {"credit": "OIM / Juan Pérez"}
    contact = one(extraction, "media_contact")
    assert contact.fields == {
        "office": "Honduras",
        "phone": "+504 2220 1100",
        "email": "lgomez@example.org",
    }
    assert ref(extraction, contact, "organization").match.slug == "iom"
    assert {p.match.slug for p in extraction.of_kind("sector")} == {
        "chancelleries",
        "immigration-authorities",
        "civil-society",
    }


def test_english_release_in_other_quote_patterns(countries):
    extraction = extract(ENGLISH_RELEASE, published=datetime.date(2019, 3, 14))
    assert_spans(extraction)
    meeting = one(extraction, "meeting")
    assert meeting.fields["title"] == (
        "Meeting of the Liaison Officers Network for Consular Protection"
    )
    assert meeting.fields["format"] == "virtual"
    assert (meeting.fields["start_date"], meeting.fields["end_date"]) == (
        datetime.date(2019, 3, 12),
        datetime.date(2019, 3, 13),
    )
    assert ref(extraction, meeting, "country").match.iso_code == "PA"
    roles = {
        (ref(extraction, r, "organization").fields["name"], r.fields["role"])
        for r in extraction.of_kind("role")
    }
    assert roles == {
        ("Ministry of Foreign Affairs of Panama", "organizer"),
        ("International Organization for Migration", "supporter"),
    }

    def who(statement):
        speaker = ref(extraction, statement, "speaker").fields
        post = statement.refs.get("post") and ref(extraction, statement, "post")
        org = statement.refs.get("organization") and ref(
            extraction, statement, "organization"
        )
        return (
            f"{speaker['given_name']} {speaker['family_name']}",
            post and post.fields["title"],
            org and (org.fields.get("name") or org.fields.get("acronym")),
        )

    statements = extraction.of_kind("statement")
    assert [(s.fields["text"], s.fields["kind"], who(s)) for s in statements] == [
        (
            "Consular networks protect migrants wherever they are in the region.",
            "verbatim",
            (
                "Ana María López",
                "Director of Consular Affairs",
                "Ministry of Foreign Affairs of Panama",
            ),
        ),
        (
            "We will share data on returns every month. Protection does not stop at "
            "the border, and no migrant should be left without help.",
            "verbatim",
            ("John Smith", None, None),
        ),
        (
            "Fair recruitment is the first step towards safe labour migration.",
            "verbatim",
            (
                "António Vitorino",
                "Director General",
                "International Organization for Migration",
            ),
        ),
        (
            "the region needs more regular pathways for its workers",
            "reported",
            ("Jane Doe", "Minister", None),
        ),
    ]
    # The quote broken around "John Smith said" and "he added" is one statement,
    # made of three stretches of the release.
    assert len(statements[1].parts["text"]) == 3
    recommendations = [
        p.fields["text"]
        for p in extraction.of_kind("keypoint")
        if p.fields["kind"] == "recommendation"
    ]
    assert recommendations == [
        "Share consular alerts between the liaison officers within 24 hours",
        "Train consular staff on the identification of vulnerable migrants",
    ]


def test_a_speaker_named_again_by_surname_or_not_at_all(countries):
    text = (
        "La XVI Reunión Anual de la Conferencia Regional sobre Migración aborda las "
        "realidades de la migración\n\n"
        "“La migración ordenada beneficia a todos los países de la región”, dijo "
        "William Lacy Swing, Director General de la OIM.\n\n"
        '"Este es un tributo especial de los Estados miembros de la Conferencia", '
        "afirmó el Director General Swing.\n\n"
        "“Los procesos migratorios deben ser vistos como una oportunidad”, agregó.\n"
    )
    extraction = extract(text)
    assert_spans(extraction)
    assert one(extraction, "meeting").fields["title"] == (
        "XVI Reunión Anual de la Conferencia Regional sobre Migración"
    )
    person = one(extraction, "person")
    post = one(extraction, "post")
    statements = extraction.of_kind("statement")
    assert len(statements) == 3
    for statement in statements:
        assert statement.refs["speaker"] == person.key
        assert statement.refs["post"] == post.key


@pytest.mark.parametrize(
    ("attribution", "name", "title", "organization"),
    [
        (
            "Ambassador Miguel Díaz Reynoso, General Director for Latin America at the "
            "Ministry of Foreign Affairs of Mexico",
            "Miguel Díaz Reynoso",
            "General Director for Latin America",
            "Ministry of Foreign Affairs of Mexico",
        ),
        (
            "Marcelo Pisani, IOM Regional Director for Central America, North America "
            "and the Caribbean",
            "Marcelo Pisani",
            "Regional Director for Central America, North America and the Caribbean",
            "IOM",
        ),
        (
            "Pablo Rusconi Trigueros, Director of Immigration Department, Republic of "
            "El Salvador",
            "Pablo Rusconi Trigueros",
            "Director",
            "Immigration Department, Republic of El Salvador",
        ),
        (
            "Ana Pérez, Chief of Mission of the International Organization for "
            "Migration (IOM)",
            "Ana Pérez",
            "Chief of Mission",
            "International Organization for Migration",
        ),
        (
            "la directora general del Instituto Nacional de Migración, Ana Lucía Pérez",
            "Ana Lucía Pérez",
            "directora general",
            "Instituto Nacional de Migración",
        ),
        (
            "IOM Director General António Vitorino",
            "António Vitorino",
            "Director General",
            "IOM",
        ),
        (
            "the Minister of Labour and Social Welfare of Guatemala, Juan Pérez",
            "Juan Pérez",
            "Minister of Labour and Social Welfare of Guatemala",
            None,
        ),
    ],
)
def test_speakers_posts_and_organizations_as_releases_write_them(
    attribution, name, title, organization
):
    text = f"Headline\n\n“This is what we all came here to say,” said {attribution}.\n"
    extraction = extract(text, matcher=NoRecords())
    assert_spans(extraction)
    statement = one(extraction, "statement")
    assert full_name(ref(extraction, statement, "speaker")) == name
    assert ref(extraction, statement, "post").fields["title"] == title
    found = statement.refs.get("organization") and ref(
        extraction, statement, "organization"
    )
    assert (found and (found.fields.get("name") or found.fields["acronym"])) == (
        organization or None
    )


def test_reported_speech_in_spanish():
    text = (
        "Titular\n\n"
        "La ministra de Trabajo, Ana Gómez, afirmó que la región necesita más vías "
        "regulares para los trabajadores.\n"
    )
    extraction = extract(text, matcher=NoRecords())
    assert_spans(extraction)
    statement = one(extraction, "statement")
    assert statement.fields == {
        "text": "la región necesita más vías regulares para los trabajadores",
        "language": "es",
        "kind": "reported",
    }
    assert full_name(ref(extraction, statement, "speaker")) == "Ana Gómez"
    assert ref(extraction, statement, "post").fields["title"] == "ministra de Trabajo"


def test_figures_keep_the_release_wording_of_their_unit():
    text = (
        "Headline\n\n"
        "The programme received US$ 2 million for reintegration. Remittances grew "
        "by 5.5 per cent in 2018; más de 3 millones de personas retornaron.\n\n"
        "Some 40% of " + "very " * 80 + "long label.\n"
    )
    extraction = extract(text, matcher=NoRecords())
    assert_spans(extraction)
    assert [
        (f.fields["value"], f.fields["label"]) for f in extraction.of_kind("figure")
    ] == [
        ("US$ 2 million", "for reintegration"),
        ("5.5 per cent", "in 2018"),
        ("más de 3 millones", "de personas retornaron"),
    ]


def test_release_without_quotes(countries):
    text = (
        "RCM members meet on border management\n\n"
        "San José – The Working Group on Border Management met on 4 June 2019 to "
        "review the “single window” for border crossings. Delegates said nothing "
        "for the record.\n"
    )
    extraction = extract(text)
    assert_spans(extraction)
    assert extraction.of_kind("statement") == []
    assert extraction.of_kind("person") == []
    meeting = one(extraction, "meeting")
    assert meeting.fields["start_date"] == datetime.date(2019, 6, 4)
    assert meeting.fields["kind"] == "working_group"
    # San José names no country: none is guessed.
    assert "country" not in meeting.refs


def test_quote_broken_around_its_attribution(countries):
    text = (
        "Headline\n\n"
        "“Migration must be safe, orderly and regular,” said Laura Thompson, IOM Deputy "
        "Director General. “That is why this conference matters.”\n"
    )
    extraction = extract(text)
    assert_spans(extraction)
    statement = one(extraction, "statement")
    assert statement.fields["text"] == (
        "Migration must be safe, orderly and regular. That is why this conference "
        "matters."
    )
    first, second = statement.parts["text"]
    assert (
        text[first.start : first.end] == "Migration must be safe, orderly and regular,"
    )
    assert text[second.start : second.end] == "That is why this conference matters."
    assert (
        ref(extraction, statement, "post").fields["title"] == "Deputy Director General"
    )


def test_unclosed_quotation_mark_gives_no_quote(countries):
    text = (
        "Headline\n\n"
        "“Migration must be safe, orderly and regular, said Laura Thompson, IOM Deputy "
        "Director General.\n\n"
        "The meeting ended. “We will meet again in Belize next year,” said Ana "
        "López, Director of the National Institute of Migration.\n\n"
        "More text follows here, and it goes on to the end of the release.\n"
    )
    extraction = extract(text)
    assert_spans(extraction)
    assert statements_text(extraction) == ["We will meet again in Belize next year."]
    # A closing mark paragraphs later closes nothing either.
    text = (
        "Headline\n\n"
        "“We must act now on labour migration, the meeting heard from the floor.\n\n"
        "Delegates then adopted the agenda for the next meeting,” said Ana López, "
        "Director of the National Institute of Migration.\n"
    )
    extraction = extract(text)
    assert_spans(extraction)
    assert extraction.of_kind("statement") == []


def test_reading_refuses_a_file_too_big():
    with pytest.raises(ValidationError) as error:
        read_release("release.txt", b"a" * (10 * 1024 * 1024))
    assert error.value.code == "too_big"
    assert "2.0" in error.value.messages[0]


def test_reading_refuses_a_text_too_long_for_a_release(settings):
    settings.RELEASE_MAX_CHARACTERS = 1000
    with pytest.raises(ValidationError) as error:
        read_release("release.txt", b"word " * 300)
    assert error.value.code == "too_long"
    assert "1,000" in error.value.messages[0]


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("release.docx", b"PK\x03\x04", "wrong_type"),
        ("release", b"text", "wrong_type"),
        ("release.pdf", b"%PDF-1.4 not really", "unreadable"),
        ("release.txt", b"\x00\x01\x02", "unreadable"),
        ("release.txt", b"  \n\n ", "empty"),
    ],
)
def test_reading_refuses_what_it_cannot_read(name, data, code):
    with pytest.raises(ValidationError) as error:
        read_release(name, data)
    assert error.value.code == code


def test_reading_text_in_either_encoding():
    assert read_release("r.txt", "Reunión – “sí”\r\n".encode()) == "Reunión – “sí”"
    assert read_release("r.TXT", "Reunión".encode("cp1252")) == "Reunión"


HTML_RELEASE = """<!doctype html><html><head><title>IOM news</title>
<script>var quote = "“Buy now,” said Nobody Important.";</script>
<style>p { color: red }</style></head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">Newsroom</a></li>
<li><a href="/donate">Donate to the Regional Workshop</a></li></ul></nav>
<header><div class="menu">Menu Search Languages</div></header>
<main><article>
<h1>Countries meet in Tegucigalpa on labour migration</h1>
<p>Tegucigalpa – Member countries of the RCM met on 3 and 4 October 2019 at the
Regional Workshop on Labour Migration Statistics, hosted by the Government of
Honduras.</p>
<p>“Better data make better policies for migrant workers,” said Ana López, Director
of the National Institute of Migration.</p>
</article></main>
<footer><p>Copyright IOM 2019. “All rights reserved,” said the Legal Office of
Someone. Privacy policy.</p></footer>
<script>document.write("said John Doe, Director");</script>
</body></html>"""


def test_html_release_uses_the_article_text_only(countries):
    text = read_release("release.html", HTML_RELEASE.encode())
    assert text.startswith("Countries meet in Tegucigalpa on labour migration\n\n")
    for absent in (
        "Buy now",
        "Home",
        "Newsroom",
        "Donate",
        "Menu",
        "Copyright",
        "color",
    ):
        assert absent not in text
    extraction = extract(text)
    assert_spans(extraction)
    assert statements_text(extraction) == [
        "Better data make better policies for migrant workers."
    ]
    meeting = one(extraction, "meeting")
    assert meeting.fields["title"] == "Regional Workshop on Labour Migration Statistics"
    assert meeting.fields["start_date"] == datetime.date(2019, 10, 3)


def test_html_release_keeps_a_headline_above_its_article():
    page = b"""<html><head><title>Site</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<header class="page-header"><h1 class="title">RCM countries meet in Panama</h1></header>
<div class="content"><p>Panama City - Delegations of the eleven member countries of the
Regional Conference on Migration met this week to discuss consular protection.</p>
<p>"We will keep working together for migrants in the whole region," said Ana Lopez,
Director of Consular Affairs.</p></div>
<footer>Copyright</footer></body></html>"""
    text = read_release("release.htm", page)
    assert text.startswith("RCM countries meet in Panama\n\nPanama City - Delegations")
    assert "Home" not in text and "Copyright" not in text


def minimal_pdf(lines):
    """A one-page PDF whose text is these lines (Latin-1), built by hand."""
    escaped = [
        line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        for line in lines
    ]
    content = "BT /F1 11 Tf 72 760 Td 14 TL " + " ".join(
        f"({line}) '" for line in escaped
    )
    content = (content + " ET").encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
        b"/Encoding /WinAnsiEncoding >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def test_pdf_release(countries):
    data = minimal_pdf(
        [
            "Workshop on labour migration held in Guatemala City",
            "",
            "Guatemala City, Guatemala - The Regional Workshop on Fair Recruitment",
            "took place on 20 November 2019.",
            "",
            '"Fair recruitment protects workers and employers alike," said Maria',
            "Gomez, Director of the Ministry of Labour.",
        ]
    )
    text = read_release("release.pdf", data)
    assert "Regional Workshop on Fair Recruitment" in text
    extraction = extract(text)
    assert_spans(extraction)
    meeting = one(extraction, "meeting")
    assert meeting.fields["title"] == "Regional Workshop on Fair Recruitment"
    assert meeting.fields["start_date"] == datetime.date(2019, 11, 20)
    assert ref(extraction, meeting, "country").match.iso_code == "GT"
    statement = one(extraction, "statement")
    assert (
        statement.fields["text"]
        == "Fair recruitment protects workers and employers alike."
    )
    speaker = ref(extraction, statement, "speaker")
    assert (speaker.fields["given_name"], speaker.fields["family_name"]) == (
        "Maria",
        "Gomez",
    )


class NoRecords:
    """A site with no records: the property below is about text, not matching."""

    countries = sectors = topics = resources = ()

    def person(self, name):
        return None, []

    def organization(self, name, acronym=""):
        return None, []

    def post(self, person, title, organization):
        return None, []

    def country(self, name):
        return None


RELEASE_PARAGRAPHS = [
    p
    for release in (SEED_RELEASE, SPANISH_RELEASE, ENGLISH_RELEASE)
    for p in release.split("\n\n")
]
MARKS = '“”"«»„'


@st.composite
def spoiled_releases(draw):
    """Paragraphs of the test releases shuffled and spliced, cut anywhere, with stray
    quotation marks put anywhere."""
    chosen = draw(
        st.lists(st.sampled_from(RELEASE_PARAGRAPHS), min_size=1, max_size=12)
    )
    text = "\n\n".join(chosen)
    cut = draw(st.integers(min_value=1, max_value=len(text)))
    text = text[:cut]
    for _ in range(draw(st.integers(min_value=0, max_value=6))):
        at = draw(st.integers(min_value=0, max_value=len(text)))
        text = text[:at] + draw(st.sampled_from(MARKS)) + text[at:]
    return text


@examples(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spoiled_releases())
def test_no_proposed_quote_is_absent_from_the_release(text):
    extraction = extract(text, published=datetime.date(2019, 1, 1), matcher=NoRecords())
    assert extraction.text == text
    assert_spans(extraction)
    for statement in extraction.of_kind("statement"):
        # The text, stops added at the joins aside, is words of the release.
        words = normalise(statement.fields["text"]).split()
        assert words
        for part in statement.parts["text"]:
            assert normalise(text[part.start : part.end]) in normalise(text)


# The words the rules look for, to be strung together at random.
RULE_WORDS = [
    "said", "dijo", "“", "”", "«", "»", '"', "\n\n", "\n", "- ", "Ana", "López",
    "IOM", "(OIM)", ",", ".", ":", ";", "4-5/09", "del 3 al 5 de septiembre",
    "Photo:", "Foto:", "contact", "Tel:", "+506 2212", "a@b.co", "hosted by",
    "con el apoyo de", "the", "Workshop", "Taller", "Regional", "of", "Ministry",
    "25 million", "per cent", "objectives:", "he added", "Director", "General", "–",
    "Mexico City", "until", "30 February", "31/02",
]  # fmt: skip


@examples(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(RULE_WORDS), max_size=60).map(" ".join), st.text())
def test_any_text_gives_proposals_whose_spans_are_in_it(words, junk):
    for text in (words, junk, words + junk):
        extraction = extract(
            text, published=datetime.date(2019, 1, 1), matcher=NoRecords()
        )
        assert_spans(extraction)
