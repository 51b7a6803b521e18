"""Filtered lists: each filter narrows, filters combine and survive paging, and a value
that does not validate is a 400 naming the field."""

import datetime
import re

import pytest

from .factories import (
    CountryFactory,
    EventFactory,
    EventOrganizationFactory,
    OrganizationFactory,
    PersonFactory,
    PositionFactory,
    StatementFactory,
    TopicFactory,
)
from .test_pages import page_text

pytestmark = pytest.mark.django_db


def titles(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return sorted(str(obj) for obj in response.context["object_list"])


@pytest.fixture
def world(db):
    mx = CountryFactory(iso_code="MX", name="Mexico", slug="mexico")
    gt = CountryFactory(iso_code="GT", name="Guatemala", slug="guatemala")
    reintegration = TopicFactory(slug="reintegration", name="Reintegration")
    iom = OrganizationFactory(
        slug="iom", name="International Organization for Migration", acronym="IOM"
    )
    sre = OrganizationFactory(
        slug="sre", name="Ministry of Foreign Affairs", kind="government", country=mx
    )
    workshop = EventFactory(
        title="Workshop on labour migration",
        slug="workshop-2018",
        kind="workshop",
        format="in_person",
        country=mx,
        start_date=datetime.date(2018, 9, 4),
        end_date=datetime.date(2018, 9, 5),
    )
    workshop.topics.add(reintegration)
    EventOrganizationFactory(event=workshop, organization=iom, role="supporter")
    vice = EventFactory(
        title="Vice-ministerial meeting",
        slug="vmm-2019",
        kind="vice_ministerial",
        format="hybrid",
        country=gt,
        start_date=datetime.date(2019, 6, 1),
        end_date=datetime.date(2019, 6, 1),
    )
    diaz = PersonFactory(
        given_name="Miguel",
        family_name="Díaz Reynoso",
        slug="miguel-diaz-reynoso",
        country=mx,
    )
    PositionFactory(person=diaz, organization=sre, title="General Director")
    pisani = PersonFactory(
        given_name="Marcelo", family_name="Pisani", slug="marcelo-pisani"
    )
    PositionFactory(person=pisani, organization=iom, title="Regional Director")
    s1 = StatementFactory(
        event=workshop,
        speaker=diaz,
        organization=sre,
        country=mx,
        text="Mexico recognizes migrants.",
    )
    s1.topics.add(reintegration)
    StatementFactory(
        event=workshop, speaker=pisani, organization=iom, text="Planning is paramount."
    )
    StatementFactory(
        event=vice,
        speaker=pisani,
        organization=iom,
        text="Data matters for governance.",
    )
    return locals()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Vice-ministerial meeting", "Workshop on labour migration"]),
        ("year=2018", ["Workshop on labour migration"]),
        ("country=GT", ["Vice-ministerial meeting"]),
        ("kind=vice_ministerial", ["Vice-ministerial meeting"]),
        ("format=in_person", ["Workshop on labour migration"]),
        ("topic=reintegration", ["Workshop on labour migration"]),
        ("organization=iom", ["Workshop on labour migration"]),
        ("q=LABOUR", ["Workshop on labour migration"]),
        ("year=2018&country=GT", []),
        ("year=2019&kind=vice_ministerial&format=hybrid", ["Vice-ministerial meeting"]),
    ],
)
def test_meeting_filters(world, client, query, expected):
    assert titles(client, f"/en/events/?{query}") == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "speaker=marcelo-pisani",
            ["Data matters for governance.", "Planning is paramount."],
        ),
        ("organization=sre", ["Mexico recognizes migrants."]),
        ("country=MX", ["Mexico recognizes migrants."]),
        ("event=vmm-2019", ["Data matters for governance."]),
        ("topic=reintegration", ["Mexico recognizes migrants."]),
        ("year=2018", ["Mexico recognizes migrants.", "Planning is paramount."]),
        ("q=paramount", ["Planning is paramount."]),
        ("speaker=marcelo-pisani&year=2019", ["Data matters for governance."]),
        (
            "q=marcelo PISANI",
            ["Data matters for governance.", "Planning is paramount."],
        ),
        ("q=diaz", ["Mexico recognizes migrants."]),
        ("q=%CC%81", []),
    ],
)
def test_statement_filters(world, client, query, expected):
    assert titles(client, f"/en/statements/?{query}") == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=MX", ["Miguel Díaz Reynoso"]),
        ("organization=iom", ["Marcelo Pisani"]),
        ("q=diaz", ["Miguel Díaz Reynoso"]),
        ("q=DÍAZ reynoso", ["Miguel Díaz Reynoso"]),
        ("q=pisani&country=MX", []),
        ("q=miguel díaz", ["Miguel Díaz Reynoso"]),
        ("country=mx", ["Miguel Díaz Reynoso"]),
    ],
)
def test_people_filters(world, client, query, expected):
    assert titles(client, f"/en/people/?{query}") == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=government", ["Ministry of Foreign Affairs"]),
        ("country=MX", ["Ministry of Foreign Affairs"]),
        ("q=iom", ["International Organization for Migration (IOM)"]),
    ],
)
def test_organization_filters(world, client, query, expected):
    assert titles(client, f"/en/organizations/?{query}") == expected


def test_facets_accept_only_public_records(world, client):
    OrganizationFactory(slug="draft-org", name="Draft Org", publication_status="draft")
    hidden = PersonFactory(slug="draft-person", publication_status="draft")
    StatementFactory(speaker=hidden, event=world["workshop"])
    EventFactory(
        slug="draft-meeting", title="Draft meeting", publication_status="draft"
    )
    for url in (
        "/en/statements/?speaker=draft-person",
        "/en/statements/?organization=draft-org",
        "/en/statements/?event=draft-meeting",
        "/en/events/?organization=draft-org",
        "/en/people/?organization=draft-org",
    ):
        response = client.get(url)
        assert response.status_code == 400, url
        assert "Draft" not in page_text(response)


def test_a_chosen_facet_is_shown_kept_and_removable(world, client):
    response = client.get("/en/statements/?speaker=marcelo-pisani&year=2018&page=1")
    assert "Speaker: Marcelo Pisani" in page_text(response)
    body = response.content.decode()
    assert '<input type="hidden" name="speaker" value="marcelo-pisani"' in body
    assert '<a class="facet-remove" href="?year=2018">' in body
    assert '<select name="speaker"' not in body


def test_filters_survive_pagination(world, client):
    for n in range(25):
        EventFactory(
            title=f"Working group {n:02}",
            kind="working_group",
            start_date=datetime.date(2020, 1, 1),
            end_date=datetime.date(2020, 1, 2),
        )
    response = client.get("/en/events/?kind=working_group&year=2020")
    body = response.content.decode()
    assert "25 results" in body
    assert "Page 1 of 2" in body
    next_link = re.search(r'<a href="([^"]+)" rel="next">', body).group(1)
    assert next_link == "?kind=working_group&amp;year=2020&amp;page=2"
    second = client.get("/en/events/" + next_link.replace("&amp;", "&"))
    assert second.status_code == 200
    assert len(second.context["object_list"]) == 5
    assert all(e.kind == "working_group" for e in second.context["object_list"])
    previous = re.search(
        r'<a href="([^"]+)" rel="prev">', second.content.decode()
    ).group(1)
    # The page cache keeps a list's parameters in order of name; page 1 is the
    # list's own address, one page in the cache rather than two.
    assert previous == "?kind=working_group&amp;year=2020"


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/en/events/?year=abc", "Year"),
        ("/en/events/?year=1900", "Year"),
        ("/en/events/?year=99999", "Year"),
        ("/en/events/?year=2018.5", "Year"),
        ("/en/events/?kind=conference", "Kind"),
        ("/en/events/?format=telepathy", "Format"),
        ("/en/events/?country=ZZ", "Country"),
        ("/en/events/?topic=no-such-topic", "Topic"),
        ("/en/events/?organization=12", "Organization"),
        ("/en/events/?q=" + "x" * 201, "Text"),
        ("/en/events/?q=bad%00byte", "Text"),
        ("/en/statements/?speaker=nobody", "Speaker"),
        ("/en/statements/?event=no-such-meeting", "Meeting"),
        ("/en/statements/?year=-1", "Year"),
        ("/en/people/?country=mx1", "Country"),
        ("/en/people/?organization=%00", "Organization"),
        ("/en/organizations/?kind=club", "Kind"),
    ],
)
def test_bad_filter_value_is_400_naming_the_field(world, client, url, field):
    response = client.get(url)
    assert response.status_code == 400
    errors = re.search(
        r'<div class="form-errors" role="alert">(.*?)</div>',
        response.content.decode(),
        re.S,
    )
    assert errors, "the page explains what is wrong"
    assert re.search(rf">{field}</(a|strong)>:", errors.group(1))
    assert list(response.context["object_list"]) == []


def test_valid_filters_beside_a_bad_one_keep_their_values_in_the_form(world, client):
    body = client.get("/en/events/?kind=workshop&year=abc").content.decode()
    assert '<option value="workshop" selected>' in body
    assert 'name="year" value="abc"' in body
