"""Calendars, feeds, sitemap, structured data and downloads, read with real parsers."""

import csv
import datetime
import io
import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlsplit

import feedparser
import icalendar
import jsonschema
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from events.models import Event, Statement
from people.models import Organization, Person
from rcm_site.sitemaps import StatementSitemap

from . import factories as f
from .conftest import WORKSHOP

pytestmark = pytest.mark.django_db

EVENT_URL = f"/en/events/{WORKSHOP}/"
HOST = "http://testserver"


def parse_calendar(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def test_meeting_calendar(seed, client):
    cal = parse_calendar(client, f"/en/events/{WORKSHOP}.ics")
    (vevent,) = cal.walk("VEVENT")
    assert str(vevent["summary"]).startswith("Regional Workshop on the Governance")
    assert vevent.decoded("dtstart") == datetime.date(2018, 9, 4)
    # All-day events end on the day after the last day (RFC 5545: DTEND is exclusive).
    assert vevent.decoded("dtend") == datetime.date(2018, 9, 6)
    assert str(cal["x-wr-timezone"]) == "America/Mexico_City"
    assert [str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")] == ["America/Mexico_City"]
    assert str(vevent["url"]) == HOST + EVENT_URL
    assert str(vevent["location"]) == "Mexico City, Mexico"
    assert vevent["organizer"].params["cn"] == "Government of Mexico"
    assert str(vevent["status"]) == "CONFIRMED"
    assert str(vevent["uid"]) == f"{Event.objects.get().uuid}@rcm-meetings"
    assert isinstance(vevent.decoded("last-modified"), datetime.datetime)


def test_calendar_uid_survives_an_edit_of_title_and_slug(seed, client):
    uid = str(
        parse_calendar(client, f"/en/events/{WORKSHOP}.ics").walk("VEVENT")[0]["uid"]
    )
    event = Event.objects.get()
    event.title, event.slug = "Renamed workshop", "renamed-workshop"
    event.save()
    vevent = parse_calendar(client, "/en/events/renamed-workshop.ics").walk("VEVENT")[0]
    assert str(vevent["uid"]) == uid
    assert str(vevent["summary"]) == "Renamed workshop"


def test_subscription_calendar_lists_published_meetings_only(seed, client):
    f.EventFactory(title="Cancelled meeting", event_status="cancelled")
    f.EventFactory(title="Draft meeting", publication_status="draft", publish_at=None)
    f.EventFactory(title="Online meeting", format="virtual", city="", country=None)
    cal = parse_calendar(client, "/en/events/calendar/2019.ics")
    by_title = {str(v["summary"]): v for v in cal.walk("VEVENT")}
    assert set(by_title) == {"Cancelled meeting", "Online meeting"}
    assert str(by_title["Cancelled meeting"]["status"]) == "CANCELLED"
    assert str(by_title["Online meeting"]["location"]) == "Online"
    assert len({str(v["uid"]) for v in by_title.values()}) == 2
    (workshop,) = parse_calendar(client, "/en/events/calendar/2018.ics").walk("VEVENT")
    assert str(workshop["summary"]) == Event.objects.get(slug=WORKSHOP).title


def test_the_calendar_to_subscribe_to_holds_a_year_back_and_what_is_to_come(
    client, settings
):
    settings.PAGE_CACHE_ENABLED = False
    today = datetime.date.today()
    for title, days in [("Long ago", -800), ("Last month", -30), ("Next month", 30)]:
        day = today + datetime.timedelta(days=days)
        f.EventFactory(title=title, start_date=day, end_date=day)
    cal = parse_calendar(client, "/en/events/calendar.ics")
    assert {str(v["summary"]) for v in cal.walk("VEVENT")} == {
        "Last month",
        "Next month",
    }
    long_ago = (today - datetime.timedelta(days=800)).year
    yearly = parse_calendar(client, f"/en/events/calendar/{long_ago}.ics")
    assert "Long ago" in {str(v["summary"]) for v in yearly.walk("VEVENT")}
    page = client.get("/en/data/").content.decode()
    assert f'href="/en/events/calendar/{long_ago}.ics"' in page
    for year in (1066, 99999999999):
        assert client.get(f"/en/events/calendar/{year}.ics").status_code == 404


def test_unknown_or_draft_meeting_calendar_is_404(seed, client):
    draft = f.EventFactory(publication_status="draft", publish_at=None)
    assert client.get(f"/en/events/{draft.slug}.ics").status_code == 404
    assert client.get("/en/events/nothing.ics").status_code == 404


FEEDS = [
    ("/en/feeds/events/", "atom10", ["Regional Workshop on the Governance"]),
    ("/en/feeds/events/rss/", "rss20", ["Regional Workshop on the Governance"]),
    (
        "/en/feeds/statements/",
        "atom10",
        ["Ambassador Miguel", "Marcelo Pisani", "Francesco", "Pablo"],
    ),
    (
        "/en/feeds/statements/rss/",
        "rss20",
        ["Ambassador Miguel", "Marcelo Pisani", "Francesco", "Pablo"],
    ),
    ("/en/feeds/people/marcelo-pisani/statements/", "atom10", ["Marcelo Pisani"]),
    ("/en/feeds/organizations/ilo/statements/", "atom10", ["Francesco Carella"]),
    ("/en/feeds/countries/sv/statements/", "atom10", ["Pablo Rusconi Trigueros"]),
]


@pytest.mark.parametrize(("url", "version", "expected"), FEEDS)
def test_feeds_parse_and_list_published_items_only(
    seed, client, url, version, expected
):
    speaker = f.PersonFactory(given_name="Draft", family_name="Speaker")
    f.StatementFactory(
        event=Event.objects.get(),
        speaker=speaker,
        publication_status="draft",
        publish_at=None,
    )
    f.EventFactory(title="Draft meeting", publication_status="draft", publish_at=None)
    response = client.get(url)
    assert response.status_code == 200
    # What a WSGI server iterates over and writes to the socket: one write, not one
    # per XML element.
    assert len(list(response)) == 1
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == version
    titles = [entry.title for entry in feed.entries]
    assert len(titles) == len(expected)
    for prefix in expected:
        assert any(title.startswith(prefix) for title in titles), (prefix, titles)
    assert not any("Draft" in title for title in titles)
    for entry in feed.entries:
        assert entry.link.startswith(HOST + "/en/")


def test_statement_feed_entry_carries_the_quote_and_author(seed, client):
    feed = feedparser.parse(
        client.get("/en/feeds/people/francesco-carella/statements/").content
    )
    (entry,) = feed.entries
    assert entry.title.startswith("Francesco Carella at Regional Workshop")
    assert "ILO 97 and 143" in entry.summary
    assert entry.author == "Francesco Carella"


@pytest.mark.parametrize(
    ("url", "entry", "escaped"),
    [
        ("/en/feeds/statements/", "entry", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        # Escaped as HTML, then as XML: see test_feeds_carry_an_editors_markup_as_text.
        (
            "/en/feeds/statements/rss/",
            "item",
            "&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;",
        ),
    ],
)
def test_an_edited_quote_shows_in_the_feed_once_escaped(
    seed, client, settings, url, entry, escaped
):
    settings.PAGE_CACHE_ENABLED = False
    statement = Statement.objects.get(speaker__slug="francesco-carella")
    statement.text_en = "New words <script>alert(1)</script>"
    statement.save()
    body = client.get(url).content.decode()
    assert body.count(f"<{entry}>") == 4
    assert body.count("New words") == 1
    assert f"New words {escaped}" in body
    assert "ILO 97 and 143" not in body


HOSTILE = "Words <script>alert(1)</script><img src=x onerror=alert(2)>"


@pytest.mark.parametrize(
    ("url", "summary"),
    [
        ("/en/feeds/statements/", "{http://www.w3.org/2005/Atom}summary"),
        ("/en/feeds/statements/rss/", "description"),
        ("/en/feeds/events/", "{http://www.w3.org/2005/Atom}summary"),
        ("/en/feeds/events/rss/", "description"),
    ],
)
def test_feeds_carry_an_editors_markup_as_text(seed, client, settings, url, summary):
    settings.PAGE_CACHE_ENABLED = False
    Statement.objects.filter(speaker__slug="francesco-carella").update(text_en=HOSTILE)
    Event.objects.filter(slug=WORKSHOP).update(summary_en=HOSTILE)
    root = ET.fromstring(client.get(url).content)
    (element,) = [e for e in root.iter(summary) if "Words" in (e.text or "")]
    if summary.endswith("}summary"):
        # Atom: a reader shows a text summary as it is, characters and all.
        assert element.get("type") == "text"
        assert element.text.endswith(HOSTILE)
    else:
        # RSS: a reader renders the description as HTML, so it must hold no markup.
        assert "<" not in element.text
        assert element.text.endswith(
            "Words &lt;script&gt;alert(1)&lt;/script&gt;"
            "&lt;img src=x onerror=alert(2)&gt;"
        )


def test_feed_of_unknown_person_is_404(seed, client):
    assert client.get("/en/feeds/people/nobody/statements/").status_code == 404


SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_urls(client):
    index = ET.fromstring(client.get("/sitemap.xml").content)
    urls = set()
    for loc in index.findall("s:sitemap/s:loc", SITEMAP_NS):
        section = ET.fromstring(client.get(loc.text.removeprefix(HOST)).content)
        urls |= {
            u.text.removeprefix(HOST)
            for u in section.findall("s:url/s:loc", SITEMAP_NS)
        }
    return urls


def test_sitemap_lists_every_published_page_and_nothing_else(seed, client):
    draft = f.EventFactory(
        slug="draft-meeting", publication_status="draft", publish_at=None
    )
    f.StatementFactory(event=draft, publication_status="draft", publish_at=None)
    hidden_person = f.PersonFactory(
        slug="hidden", publication_status="draft", publish_at=None
    )
    f.BodyFactory(slug="draft-body", publication_status="draft", publish_at=None)
    urls = sitemap_urls(client)
    expected = {
        "/en/", "/en/events/", "/en/statements/", "/en/people/", "/en/organizations/", "/en/countries/", "/en/data/",
        EVENT_URL,
        *(s.get_absolute_url() for s in Statement.objects.published()),
        *(p.get_absolute_url() for p in hidden_person.__class__.objects.published()),
        *(f"/en/organizations/{slug}/" for slug in [
            "rcm", "government-of-mexico", "mexico-ministry-of-foreign-affairs", "iom",
            "iom-mesoamerica-program", "ilo", "us-department-of-state",
            "el-salvador-immigration-department",
        ]),
        *(f"/en/countries/{c}/" for c in ["bz", "ca", "cr", "do", "sv", "gt", "hn", "mx", "ni", "pa", "us"]),
        *(f"/en/topics/{t}/" for t in [
            "labour-migration", "migration-governance", "reintegration", "integration",
            "human-rights", "migration-data",
        ]),
        "/en/bodies/", "/en/presidencies/",
        *(f"/en/bodies/{slug}/" for slug in [
            "vice-ministerial-meeting", "regional-consultation-group",
            "liaison-officers-network-smuggling-trafficking",
            "liaison-officers-network-consular-protection",
            "working-group-border-management", "working-group-labour-migration",
            "working-group-irregular-mass-migration", "working-group-protection",
        ]),
        *(f"/en/presidencies/{year}/" for year in [2017, 2018, 2019, 2021]),
    }  # fmt: skip
    in_spanish = {"/es/" + url.removeprefix("/en/") for url in expected}
    assert urls == expected | in_spanish
    assert "/en/events/draft-meeting/" not in urls
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_sitemap_lastmod_comes_from_the_record(seed, client):
    section = ET.fromstring(client.get("/sitemap-events.xml").content)
    urls = section.findall("s:url", SITEMAP_NS)
    assert [url.find("s:loc", SITEMAP_NS).text for url in urls] == [
        f"{HOST}/en/events/{WORKSHOP}/",
        f"{HOST}/es/events/{WORKSHOP}/",
    ]
    for url in urls:
        assert url.find("s:lastmod", SITEMAP_NS).text == "2018-09-07"


def test_a_sitemap_section_reads_only_what_its_addresses_need(seed, client):
    """The framework makes whole records of a section: statements, their texts in
    both languages, took 15 s a page at 100,000."""
    with CaptureQueriesContext(connection) as queries:
        body = client.get("/sitemap-statements.xml").content.decode()
    statement = Statement.objects.published().first()
    assert f"/en/statements/{statement.pk}/" in body
    reads = [q["sql"] for q in queries if '"events_statement"' in q["sql"]]
    assert reads and not any("text_en" in sql for sql in reads)
    assert any('"updated_at"' in sql for sql in reads)


def test_a_sitemap_reads_only_the_records_of_its_page(seed, client, monkeypatch):
    """The framework paired every record of a section with each language before it
    counted or paged them: 2.5-5 s a page and 7 s for the index at 100,000 statements."""
    monkeypatch.setattr(StatementSitemap, "limit", 4)
    event = Event.objects.get(slug=WORKSHOP)
    f.StatementFactory.create_batch(3, event=event)
    published = list(Statement.objects.published().order_by("pk"))
    pages = -(-len(published) // 2)

    with CaptureQueriesContext(connection) as queries:
        index = ET.fromstring(client.get("/sitemap.xml").content)
    sections = [loc.text for loc in index.findall("s:sitemap/s:loc", SITEMAP_NS)]
    assert [s for s in sections if "statements" in s] == [
        f"{HOST}/sitemap-statements.xml",
        *(f"{HOST}/sitemap-statements.xml?p={n}" for n in range(2, pages + 1)),
    ]
    counted = [q["sql"] for q in queries if '"events_statement"' in q["sql"]]
    assert any("COUNT(" in sql for sql in counted), counted
    assert any('MAX("events_statement"."updated_at")' in sql for sql in counted)
    # No statement itself is read: the rows would carry their ids.
    assert not any('"events_statement"."id"' in sql for sql in counted), counted

    with CaptureQueriesContext(connection) as queries:
        section = ET.fromstring(client.get("/sitemap-statements.xml?p=2").content)
    assert [u.text for u in section.findall("s:url/s:loc", SITEMAP_NS)] == [
        f"{HOST}/{language}/statements/{statement.pk}/"
        for statement in published[2:4]
        for language in ["en", "es"]
    ]
    (read,) = [q["sql"] for q in queries if '"events_statement"."id"' in q["sql"]]
    assert "LIMIT 2 OFFSET 2" in read


def test_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert f"Sitemap: {HOST}/sitemap.xml" in lines


def json_ld(response):
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_meeting_json_ld(seed, client):
    data = json_ld(client.get(EVENT_URL))
    assert data["@type"] == "Event"
    assert data["startDate"] == "2018-09-04"
    assert data["endDate"] == "2018-09-05"
    assert (
        data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    )
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["location"] == {
        "@type": "Place",
        "name": "Mexico City",
        "address": {
            "@type": "PostalAddress",
            "addressLocality": "Mexico City",
            "addressCountry": "MX",
        },
    }
    assert [o["name"] for o in data["organizer"]] == [
        "Government of Mexico",
        "Regional Conference on Migration",
        "International Organization for Migration",
        "Mesoamerica Program",
        "International Labour Organization",
    ]
    assert [o["name"] for o in data["sponsor"]] == [
        "International Organization for Migration",
        "International Labour Organization",
        "United States Department of State",
    ]
    assert data["url"] == HOST + EVENT_URL


def test_statement_person_and_organization_json_ld(seed, client):
    statement = Statement.objects.get(speaker__slug="miguel-diaz-reynoso")
    data = json_ld(client.get(statement.get_absolute_url()))
    assert data["@type"] == "Quotation"
    assert data["text"].startswith("Mexico recognizes")
    assert data["spokenByCharacter"]["name"] == "Miguel Díaz Reynoso"
    assert data["creator"] == data["spokenByCharacter"]
    assert data["isPartOf"]["@type"] == "Event"
    assert data["isPartOf"]["url"] == HOST + EVENT_URL

    person = json_ld(client.get("/en/people/miguel-diaz-reynoso/"))
    assert person["@type"] == "Person"
    assert (person["honorificPrefix"], person["familyName"]) == (
        "Ambassador",
        "Díaz Reynoso",
    )
    assert person["jobTitle"] == "General Director for Latin America"
    assert person["worksFor"]["name"] == "Ministry of Foreign Affairs of Mexico"

    organization = json_ld(client.get("/en/organizations/iom-mesoamerica-program/"))
    assert organization["@type"] == "Organization"
    assert (
        organization["parentOrganization"]["name"]
        == "International Organization for Migration"
    )


def test_text_from_the_admin_cannot_break_out_of_the_json_ld(seed, client):
    hostile = 'Evil </script><script>alert("x")</script> & <!-- meeting'
    event = Event.objects.get()
    event.title = hostile
    event.save()
    response = client.get(EVENT_URL)
    body = response.content.decode()
    assert '<script>alert("x")</script>' not in body
    assert body.count("<script") == 1
    assert json_ld(response)["name"] == hostile


PAGES = [
    "/en/", "/en/events/", EVENT_URL, "/en/statements/", "/en/people/", "/en/people/marcelo-pisani/",
    "/en/organizations/", "/en/organizations/ilo/", "/en/countries/", "/en/countries/mx/",
    "/en/topics/labour-migration/", "/en/data/", "/en/events/?year=2018",
]  # fmt: skip


@pytest.mark.parametrize("url", PAGES)
def test_every_page_has_open_graph_twitter_and_canonical(seed, client, url):
    body = client.get(url).content.decode()
    path = url.split("?")[0]

    def meta(attribute, name):
        match = re.search(
            rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', body
        )
        assert match, name
        return match.group(1)

    assert f'<link rel="canonical" href="{HOST}{path}">' in body
    assert meta("property", "og:url") == HOST + path
    assert meta("property", "og:title")
    assert len(meta("property", "og:description")) > 20
    assert meta("property", "og:image") == HOST + "/static/img/rcm-card.png"
    assert meta("name", "twitter:card") == "summary_large_image"


def read_csv(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize(
    ("list_url", "csv_url", "key", "field"),
    [
        ("/en/events/?year=2018", "/en/events.csv?year=2018", "slug", "slug"),
        ("/en/statements/?country=MX", "/en/statements.csv?country=MX", "id", "pk"),
        ("/en/statements/", "/en/statements.csv", "id", "pk"),
        ("/en/people/?q=pisani", "/en/people.csv?q=pisani", "slug", "slug"),
        (
            "/en/organizations/?kind=intergovernmental",
            "/en/organizations.csv?kind=intergovernmental",
            "slug",
            "slug",
        ),
    ],
)
def test_csv_matches_the_filtered_list_row_for_row(
    seed, client, list_url, csv_url, key, field
):
    f.EventFactory(title="Other year")
    listed = [
        str(getattr(obj, field)) for obj in client.get(list_url).context["object_list"]
    ]
    rows = read_csv(client.get(csv_url))
    assert [row[key] for row in rows] == listed
    assert listed


def test_statement_csv_columns(seed, client):
    rows = read_csv(client.get("/en/statements.csv?speaker=francesco-carella"))
    (row,) = rows
    assert row["speaker_name"] == "Francesco Carella"
    assert row["position"] == "Labour Migration Specialist"
    assert row["organization"] == "ilo"
    assert row["event"] == WORKSHOP
    # The press release does not say on which of the two days he spoke.
    assert row["date"] == ""
    assert row["kind"] == "verbatim"
    assert sorted(row["references"].split("; ")) == sorted(
        ["ilo-c097", "ilo-c143", "ilo-multilateral-framework-labour-migration",
         "ilo-fair-recruitment-principles", "ilo-refugee-labour-market-principles"]
    )  # fmt: skip
    assert row["text"].startswith("International conventions on migrant workers")


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize(
    ("download", "model", "key"),
    [
        ("events", Event, "slug"),
        ("statements", Statement, "id"),
        ("people", Person, "slug"),
        ("organizations", Organization, "slug"),
    ],
)
def test_download_url_is_the_records_page(seed, client, language, download, model, key):
    """The url column is built without a reverse() per row; it must stay the address
    get_absolute_url gives."""
    field = "pk" if key == "id" else key
    with translation.override(language):
        pages = {
            str(getattr(obj, field)): HOST + obj.get_absolute_url()
            for obj in model.objects.published()
        }
    assert pages
    rows = read_csv(client.get(f"/{language}/{download}.csv"))
    assert {row[key]: row["url"] for row in rows} == pages
    results = client.get(f"/{language}/{download}.json").json()["results"]
    assert {str(item[key]): item["url"] for item in results} == pages


@pytest.mark.parametrize(
    "text",
    [
        '=HYPERLINK("http://evil.example","Click")',
        "+1+1",
        "-2+3",
        "@SUM(A1)",
        "\tTab first",
        "\rCarriage return first",
    ],
)
def test_csv_cells_a_spreadsheet_would_run_are_neutralised(seed, client, text):
    Statement.objects.filter(speaker__slug="francesco-carella").update(text_en=text)
    (row,) = read_csv(client.get("/en/statements.csv?speaker=francesco-carella"))
    assert row["text"] == "'" + text
    data = client.get("/en/statements.json?speaker=francesco-carella").json()
    assert data["results"][0]["text"] == text


def test_csv_streams_in_chunks_of_many_rows(client, monkeypatch, settings):
    # Both requests must stream: the page cache would answer the second.
    settings.PAGE_CACHE_ENABLED = False
    event, speaker = f.EventFactory(), f.PersonFactory()
    f.StatementFactory.create_batch(
        300, event=event, speaker=speaker, text="Words on labour migration. " * 6
    )
    url = "/en/statements.csv"
    chunks = list(client.get(url).streaming_content)
    rows = list(csv.DictReader(io.StringIO(b"".join(chunks).decode("utf-8-sig"))))
    assert len(rows) == 300
    assert 1 < len(chunks) <= len(rows) / 50
    assert chunks[0].startswith("\ufeffid,url,text,".encode())
    monkeypatch.setattr("rcm_site.exports.CSV_CHUNK_CHARACTERS", 1)
    one_a_row = list(client.get(url).streaming_content)
    # The header, then each row.
    assert len(one_a_row) == 1 + len(rows)
    assert b"".join(one_a_row) == b"".join(chunks)


@pytest.mark.parametrize("name", ["meetings", "statements", "people", "organizations"])
def test_json_download_validates_against_its_published_schema(seed, client, name):
    url = {"meetings": "/en/events.json", "statements": "/en/statements.json",
           "people": "/en/people.json", "organizations": "/en/organizations.json"}[name]  # fmt: skip
    schema = client.get(f"/en/data/{name}.schema.json").json()
    data = client.get(url).json()
    jsonschema.validate(data, schema, format_checker=jsonschema.FormatChecker())
    assert data["count"] == len(data["results"]) > 0
    documented = client.get("/en/data/").content.decode()
    for field in schema["properties"]["results"]["items"]["properties"]:
        assert f"<code>{field}</code>" in documented


def link(url):
    """A full address's path and query parameters, in whatever order they come."""
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}" == HOST
    return parts.path, parse_qs(parts.query)


def test_json_pages_link_to_each_other_and_keep_the_filters(seed, client):
    data = client.get("/en/statements.json?event=" + WORKSHOP + "&page_size=3").json()
    assert data["count"] == 4
    assert len(data["results"]) == 3
    assert data["previous"] is None
    assert link(data["next"]) == (
        "/en/statements.json",
        {"event": [WORKSHOP], "page_size": ["3"], "page": ["2"]},
    )
    second = client.get(data["next"].removeprefix(HOST)).json()
    assert len(second["results"]) == 1
    assert second["next"] is None
    assert link(second["previous"]) == (
        "/en/statements.json",
        {"event": [WORKSHOP], "page_size": ["3"], "page": ["1"]},
    )


@pytest.mark.parametrize(
    ("url", "status", "field"),
    [
        ("/en/events.json?year=abc", 400, "year"),
        ("/en/events.csv?kind=nope", 400, "kind"),
        ("/en/statements.json?speaker=nobody", 400, "speaker"),
        ("/en/statements.json?page_size=5000", 400, "page_size"),
        ("/en/statements.json?page=abc", 400, "page"),
        ("/en/statements.json?page=99", 404, "page"),
    ],
)
def test_bad_download_parameters_name_the_field(seed, client, url, status, field):
    response = client.get(url)
    assert response.status_code == status
    assert field in response.json()["errors"]


def test_downloads_exclude_drafts(seed, client):
    f.StatementFactory(
        text="Unpublished words", publication_status="draft", publish_at=None
    )
    f.PersonFactory(slug="draft-person", publication_status="draft", publish_at=None)
    assert "Unpublished words" not in json.dumps(
        client.get("/en/statements.json").json()
    )
    assert "draft-person" not in {
        r["slug"] for r in read_csv(client.get("/en/people.csv"))
    }


def test_list_pages_link_to_their_downloads_with_the_filters(seed, client):
    body = client.get("/en/statements/?country=MX&page=1").content.decode()
    assert 'href="/en/statements.csv?country=MX"' in body
    assert 'href="/en/statements.json?country=MX"' in body
    body = client.get(EVENT_URL).content.decode()
    assert f'href="/en/events/{WORKSHOP}.ics"' in body
    body = client.get("/en/people/marcelo-pisani/").content.decode()
    assert 'href="/en/feeds/people/marcelo-pisani/statements/"' in body


class Growing:
    def __init__(self):
        self.country = f.CountryFactory(iso_code="MX", name="Mexico", slug="mexico")
        self.org = f.OrganizationFactory(slug="iom")
        self.person = f.PersonFactory(slug="ana")

    def grow(self, n):
        for _ in range(n):
            event = f.EventFactory(country=self.country)
            event.topics.add(f.TopicFactory())
            f.EventOrganizationFactory(event=event, organization=self.org, role="host")
            statement = f.StatementFactory(
                event=event,
                speaker=self.person,
                organization=self.org,
                country=self.country,
            )
            statement.topics.add(f.TopicFactory())
            statement.references.add(f.ResourceFactory())
            position = f.PositionFactory(
                person=f.PersonFactory(), organization=self.org
            )
            f.OrganizationFactory(parent=self.org, country=self.country)
            assert position


GROWING_URLS = [
    "/en/events/calendar.ics",
    "/en/feeds/events/",
    "/en/feeds/statements/rss/",
    "/en/feeds/people/ana/statements/",
    "/en/feeds/organizations/iom/statements/",
    "/en/feeds/countries/mx/statements/",
    "/sitemap.xml",
    "/sitemap-statements.xml",
    "/en/events.csv",
    "/en/events.json",
    "/en/statements.csv?country=MX",
    "/en/statements.json",
    "/en/people.csv",
    "/en/people.json",
    "/en/organizations.csv",
    "/en/organizations.json",
]


def test_query_count_does_not_grow_with_rows(client, settings):
    settings.PAGE_CACHE_ENABLED = False
    world = Growing()

    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
            if response.streaming:
                b"".join(response.streaming_content)
        assert response.status_code == 200, url
        return len(ctx.captured_queries)

    world.grow(1)
    small = {url: count(url) for url in GROWING_URLS}
    world.grow(24)
    assert {url: count(url) for url in GROWING_URLS} == small
