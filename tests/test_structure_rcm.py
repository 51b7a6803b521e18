"""The RCM's structure as a reader meets it: the bodies that meet and the Pro-Tempore
Presidency by year, with their meetings; a meeting's body, presidency, host country,
objectives and the roles people and organizations played at it."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Body, Event, Presidency

from . import factories as f
from .conftest import SEED_FIXTURES, WORKSHOP
from .test_pages import get_text, page_text

pytestmark = pytest.mark.django_db

WORKSHOP_URL = f"/en/events/{WORKSHOP}/"


@pytest.fixture
def mexico():
    return f.CountryFactory(
        iso_code="MX", name="Mexico", name_es="México", slug="mexico"
    )


@pytest.fixture
def rcgm():
    return f.BodyFactory(
        slug="regional-consultation-group",
        name="Regional Consultation Group on Migration",
        name_es="Grupo Regional de Consulta sobre Migración",
        acronym="RCGM",
        acronym_es="GRCM",
        kind="consultation_group",
    )


def meeting(title, day, **fields):
    return f.EventFactory(
        title=title, start_date=day, end_date=day + datetime.timedelta(days=1), **fields
    )


def test_a_body_page_lists_its_published_meetings_newest_first(client, rcgm):
    meeting("Older session", datetime.date(2017, 5, 2), rcm_body=rcgm)
    meeting("Newer session", datetime.date(2019, 11, 12), rcm_body=rcgm)
    meeting("Drafted session", datetime.date(2018, 6, 1), rcm_body=rcgm)
    Event.objects.filter(title="Drafted session").update(publication_status="draft")
    meeting(
        "Another body's session", datetime.date(2018, 6, 1), rcm_body=f.BodyFactory()
    )

    text = get_text(client, rcgm.get_absolute_url())
    assert "Regional Consultation Group on Migration (RCGM)" in text
    assert "Regional consultation group" in text
    assert text.index("Newer session") < text.index("Older session")
    assert "Drafted session" not in text
    assert "Another body's session" not in text
    assert "2 results" in text

    spanish = get_text(client, f"/es/bodies/{rcgm.slug}/")
    assert "Grupo Regional de Consulta sobre Migración (GRCM)" in spanish
    assert "Grupo regional de consulta" in spanish


def test_a_body_page_is_paginated(client, rcgm):
    for n in range(25):
        meeting(f"Session {n:02}", datetime.date(2000 + n, 1, 10), rcm_body=rcgm)
    first = get_text(client, rcgm.get_absolute_url())
    second = get_text(client, rcgm.get_absolute_url() + "?page=2")
    assert "Session 24" in first and "Session 00" not in first
    assert "Session 00" in second and "Session 24" not in second
    assert "Page 2 of 2" in second


def test_a_body_names_its_parent_and_parts_when_public(client, rcgm):
    group = f.BodyFactory(name="Working Group on Labor Migration", parent=rcgm)
    draft = f.BodyFactory(
        name="Unannounced group", parent=rcgm, publication_status="draft"
    )
    assert "Part of Regional Consultation Group" in get_text(
        client, group.get_absolute_url()
    )
    text = get_text(client, rcgm.get_absolute_url())
    assert "Includes Working Group on Labor Migration" in text
    assert draft.name not in text


def test_unknown_or_draft_body_and_presidency_are_not_found(client, rcgm):
    draft = f.BodyFactory(publication_status="draft", publish_at=None)
    later = f.PresidencyFactory(
        year=2030,
        publication_status="published",
        publish_at=datetime.datetime(2100, 1, 1, tzinfo=datetime.UTC),
    )
    get_text(client, "/en/bodies/no-such-body/", status=404)
    get_text(client, draft.get_absolute_url(), status=404)
    get_text(client, "/en/presidencies/1990/", status=404)
    get_text(client, "/en/presidencies/99999999999999999999/", status=404)
    get_text(client, later.get_absolute_url(), status=404)
    assert draft.name not in get_text(client, "/en/bodies/")
    assert "2030" not in get_text(client, "/en/presidencies/")


def test_a_presidency_page_names_its_country_and_lists_its_meetings(client, mexico):
    presidency = f.PresidencyFactory(country=mexico, year=2021)
    meeting("Puebla meeting", datetime.date(2021, 7, 29), presidency=presidency)
    meeting("Draft meeting", datetime.date(2021, 8, 1), presidency=presidency)
    Event.objects.filter(title="Draft meeting").update(publication_status="draft")
    meeting("Another year's meeting", datetime.date(2019, 11, 12))

    text = get_text(client, "/en/presidencies/2021/")
    assert "Pro-Tempore Presidency 2021: Mexico" in text
    assert "Puebla meeting" in text
    assert "Draft meeting" not in text
    assert "Another year's meeting" not in text
    assert "2021: Mexico" in get_text(client, "/en/presidencies/")
    assert "Presidencia Pro Tempore 2021: México" in get_text(
        client, "/es/presidencies/2021/"
    )


def test_the_meeting_page_names_its_body_presidency_and_host_country(
    client, rcgm, mexico
):
    presidency = f.PresidencyFactory(country=mexico, year=2018)
    event = f.EventFactory(
        country=f.CountryFactory(iso_code="PA", name="Panama", name_es="Panamá"),
        host_country=mexico,
        rcm_body=rcgm,
        presidency=presidency,
    )
    text = get_text(client, event.get_absolute_url())
    assert "Host country Mexico" in text
    assert "Body Regional Consultation Group on Migration" in text
    assert "Pro-Tempore Presidency Mexico, 2018" in text
    assert "Panama" in text  # where it took place, apart from who hosted it
    spanish = get_text(client, f"/es/events/{event.slug}/")
    assert "País anfitrión México" in spanish
    assert "Grupo Regional de Consulta sobre Migración" in spanish
    assert "Presidencia Pro Tempore México, 2018" in spanish


def test_the_meeting_page_leaves_out_a_draft_body_and_presidency(client):
    event = f.EventFactory(
        rcm_body=f.BodyFactory(name="Secret group", publication_status="draft"),
        presidency=f.PresidencyFactory(year=2031, publication_status="draft"),
    )
    text = get_text(client, event.get_absolute_url())
    assert "Secret group" not in text
    assert "Pro-Tempore Presidency" not in text
    assert "Host country" not in text  # unknown: not stated, not shown


def test_objectives_come_first_general_then_specific_in_order(client):
    event = f.EventFactory()
    f.KeyPointFactory(event=event, kind="challenge", text="A challenge.", order=1)
    f.KeyPointFactory(
        event=event, kind="specific_objective", text="Second aim.", order=3
    )
    f.KeyPointFactory(
        event=event, kind="specific_objective", text="First aim.", order=2
    )
    f.KeyPointFactory(
        event=event, kind="general_objective", text="The overall aim.", order=9
    )
    text = get_text(client, event.get_absolute_url())
    order = [
        "Objectives",
        "General objective The overall aim.",
        "Specific objectives First aim. Second aim.",
        "Challenges A challenge.",
    ]
    positions = [text.index(piece) for piece in order]
    assert positions == sorted(positions)
    spanish = get_text(client, f"/es/events/{event.slug}/")
    assert "Objetivo general" in spanish and "Objetivos específicos" in spanish


def test_people_are_listed_by_role_then_order_with_labels_in_both_languages(client):
    event = f.EventFactory()
    for family, role, order in [
        ("Attendee", "participant", 0),
        ("Second", "speaker", 2),
        ("First", "speaker", 1),
        ("Rapporteur", "rapporteur", 0),
        ("Chair", "chair", 5),
        ("Keynote", "keynote", 0),
    ]:
        f.ParticipationFactory(
            event=event,
            person=f.PersonFactory(given_name="Ana", family_name=family),
            role=role,
            order=order,
        )
    text = get_text(client, event.get_absolute_url())
    lines = [
        "Ana Chair Chair",
        "Ana Rapporteur Rapporteur",
        "Ana Keynote Keynote speaker",
        "Ana First Speaker",
        "Ana Second Speaker",
        "Ana Attendee Participant",
    ]
    positions = [text.index(line) for line in lines]
    assert positions == sorted(positions)
    spanish = get_text(client, f"/es/events/{event.slug}/")
    for label in (
        "Presidencia",
        "Relatoría",
        "Conferencista principal",
        "Participante",
    ):
        assert label in spanish


def test_organizations_are_listed_presidency_first(client):
    event = f.EventFactory()
    for name, role in [
        ("Funding Agency", "funder"),
        ("Host Government", "host"),
        ("Secretariat Office", "technical_secretariat"),
        ("Presiding Government", "presidency"),
    ]:
        f.EventOrganizationFactory(
            event=event, organization=f.OrganizationFactory(name=name), role=role
        )
    text = get_text(client, event.get_absolute_url())
    order = [
        "Pro-Tempore Presidency Presiding Government",
        "Technical secretariat Secretariat Office",
        "Host Host Government",
        "Funder Funding Agency",
    ]
    positions = [text.index(piece) for piece in order]
    assert positions == sorted(positions)
    spanish = get_text(client, f"/es/events/{event.slug}/")
    assert "Presidencia Pro Tempore" in spanish and "Secretaría técnica" in spanish


def test_the_person_page_lists_meetings_attended_with_the_role(client):
    person = f.PersonFactory()
    f.ParticipationFactory(
        person=person, role="co_chair", event=f.EventFactory(title="Plenary")
    )
    assert "Plenary" in get_text(client, person.get_absolute_url())
    assert "· Co-chair" in get_text(client, person.get_absolute_url())
    assert "· Copresidencia" in get_text(client, f"/es/people/{person.slug}/")


def test_the_meeting_list_filters_by_body(client, rcgm):
    meeting("Consultation", datetime.date(2019, 11, 12), rcm_body=rcgm)
    meeting("Workshop elsewhere", datetime.date(2019, 11, 12))
    text = get_text(client, "/en/events/?body=regional-consultation-group")
    assert "Consultation" in text
    assert "Workshop elsewhere" not in text
    # A draft body is no choice: the filter says so, with a 400, rather than a list.
    f.BodyFactory(slug="draft-group", publication_status="draft")
    response = client.get("/en/events/?body=draft-group")
    assert response.status_code == 400
    assert "RCM body" in page_text(response)


def test_downloads_carry_the_host_country_body_and_presidency(client, rcgm, mexico):
    f.EventFactory(
        slug="hosted",
        host_country=mexico,
        rcm_body=rcgm,
        presidency=f.PresidencyFactory(year=2018, country=mexico),
    )
    rows = client.get("/en/events.json").json()["results"]
    (row,) = [row for row in rows if row["slug"] == "hosted"]
    assert row["host_country"] == "MX"
    assert row["body"] == "regional-consultation-group"
    assert row["presidency"] == 2018


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def test_body_and_presidency_pages_cost_the_same_queries_as_meetings_grow(
    client, settings, rcgm, mexico
):
    settings.PAGE_CACHE_ENABLED = False
    presidency = f.PresidencyFactory(country=mexico, year=2199)
    f.BodyFactory(parent=rcgm)
    event = f.EventFactory(
        rcm_body=rcgm, presidency=presidency, host_country=mexico, country=mexico
    )
    # A detail page: its record, each list's rows, the meetings' count and their
    # sessions. A list: its count and its page (the presidencies, one a year, all
    # on one page).
    urls = {
        rcgm.get_absolute_url(): 5,
        presidency.get_absolute_url(): 4,
        "/en/bodies/": 2,
        "/en/presidencies/": 1,
        # As for any meeting (test_queries): its body, presidency and host country
        # come with the meeting's own row.
        event.get_absolute_url(): 14,
    }

    def grow(n):
        for _ in range(n):
            f.EventFactory(
                rcm_body=rcgm,
                presidency=presidency,
                country=mexico,
                host_country=mexico,
            )
            f.BodyFactory(parent=rcgm)
            f.PresidencyFactory(country=mexico)

    grow(1)
    assert {url: count_queries(client, url) for url in urls} == urls
    grow(30)
    assert {url: count_queries(client, url) for url in urls} == urls


def test_search_finds_a_body(client, rcgm):
    text = get_text(client, "/en/search/?q=consultation")
    assert "RCM bodies (1)" in text
    assert "Regional Consultation Group on Migration" in text


def test_bodies_and_presidencies_are_in_the_sitemap(client, rcgm):
    f.PresidencyFactory(year=2019)
    f.BodyFactory(slug="draft-group", publication_status="draft")
    bodies = client.get("/sitemap-bodies.xml").content.decode()
    assert "/en/bodies/regional-consultation-group/" in bodies
    assert "/es/bodies/regional-consultation-group/" in bodies
    assert "draft-group" not in bodies
    assert (
        "/en/presidencies/2019/"
        in client.get("/sitemap-presidencies.xml").content.decode()
    )


def test_editors_draft_bodies_and_publishers_publish_them():
    editor = set(
        Group.objects.get(name="Editor").permissions.values_list("codename", flat=True)
    )
    publisher = set(
        Group.objects.get(name="Publisher").permissions.values_list(
            "codename", flat=True
        )
    )
    assert {"add_body", "change_presidency"} <= editor
    assert not {"publish_body", "publish_presidency"} & editor
    assert {"publish_body", "publish_presidency", "delete_body"} <= publisher


def test_the_seed_loads_with_the_rcm_structure_and_keeps_its_facts(seed, client):
    assert Body.objects.get(slug="regional-consultation-group").acronym == "RCGM"
    assert Presidency.objects.get(year=2018).country.iso_code == "PA"
    # The press release names neither a body nor a presidency for the workshop.
    workshop = Event.objects.get(slug=WORKSHOP)
    assert (workshop.rcm_body, workshop.presidency, workshop.host_country) == (
        None,
        None,
        None,
    )
    text = get_text(client, WORKSHOP_URL)
    for fact in (
        "Host Government of Mexico",
        "Over 25 million",
        "Ambassador Miguel Díaz Reynoso",
        "Challenges",
    ):
        assert fact in text
    assert "Objectives" not in text
    call_command("loaddata", *SEED_FIXTURES, verbosity=0)
    assert Body.objects.count() == 8 and Presidency.objects.count() == 4
    assert "Pro-Tempore Presidency 2018: Panama" in get_text(
        client, "/en/presidencies/2018/"
    )


def test_observers_participating_organizations_and_heads_of_delegation(client):
    event = f.EventFactory()
    for role in ("observer", "participant", "host"):
        f.EventOrganizationFactory(
            event=event, role=role, organization=f.OrganizationFactory(name=role)
        )
    f.ParticipationFactory(
        event=event,
        role="head_of_delegation",
        person=f.PersonFactory(given_name="Rocío", family_name="Higuera"),
    )
    text = get_text(client, event.get_absolute_url())
    # Observers and participants follow those who ran the meeting.
    assert text.index("Host") < text.index("Participating organization")
    assert text.index("Participating organization") < text.index("Observer")
    assert "Head of delegation" in text
    spanish = get_text(client, event.get_absolute_url().replace("/en/", "/es/"))
    for label in ("Observador", "Organización participante", "Jefatura de delegación"):
        assert label in spanish
