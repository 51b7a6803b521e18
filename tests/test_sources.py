"""Sources: any number per meeting and per statement, each shown linked with what is
known of it, carried in the downloads, cited by roles and key figures; the single
source fields of before became Source rows."""

import csv
import datetime
import io
import json
import re

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext

from events.models import Event, Source, Statement
from rcm_site.publishing import PublicationStatus

from . import factories as f
from .conftest import REAL_TRANSACTIONS, WORKSHOP

pytestmark = pytest.mark.django_db

PRESS_RELEASE = (
    "https://www.iom.int/news/"
    "central-and-north-american-countries-discuss-labour-migration-governance"
)
PRESS_RELEASE_TITLE = (
    "Central and North American Countries Discuss Labour Migration Governance"
)


def listed_sources(response):
    """Each item of the page's list of sources: its link, and its text with the tags
    removed."""
    body = response.content.decode()
    (section,) = re.findall(r'<[ou]l class="sources">(.*?)</[ou]l>', body, re.S)
    items = re.findall(r"<li([^>]*)>(.*?)</li>", section, re.S)
    return [
        {
            "id": re.search(r'id="([^"]+)"', attrs)[1] if "id=" in attrs else None,
            "href": re.search(r'href="([^"]+)"', item)[1] if "href" in item else None,
            "text": " ".join(re.sub(r"<[^>]+>", " ", item).split()),
        }
        for attrs, item in items
    ]


def read_csv(response):
    # A download the page cache answers is no longer streamed.
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    text = body.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def three_sources():
    """A meeting and its statement, backed by three sources: one in Spanish by a
    public publisher, one in English, one undated and in no stated language."""
    iom = f.OrganizationFactory(name="International Organization for Migration")
    event = f.EventFactory(slug="workshop", title="Workshop")
    sources = [
        f.SourceFactory(
            title="Comunicado final",
            url="https://example.org/comunicado",
            publisher=iom,
            kind="press_release",
            date=datetime.date(2019, 3, 6),
            language="es",
        ),
        f.SourceFactory(
            title="Annual report",
            url="https://example.org/report",
            kind="report",
            date=datetime.date(2019, 4, 1),
            language="en",
        ),
        f.SourceFactory(
            title="Recording of the opening",
            url="https://example.org/video",
            kind="video",
            date=None,
            language="",
        ),
    ]
    # Added out of order: the page lists them by date, undated last.
    event.sources.add(sources[2], sources[0], sources[1])
    statement = f.StatementFactory(event=event, text="Words on labour migration.")
    statement.sources.add(*sources)
    return event, statement, sources


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        (
            "en",
            [
                "Comunicado final · International Organization for Migration · "
                "Press release · 6 March 2019 · Spanish",
                "Annual report · Official report · 1 April 2019 · English",
                "Recording of the opening · Video",
            ],
        ),
        (
            "es",
            [
                "Comunicado final · International Organization for Migration · "
                "Comunicado de prensa · 6 marzo 2019 · Español",
                "Annual report · Informe oficial · 1 abril 2019 · Inglés",
                "Recording of the opening · Video",
            ],
        ),
    ],
)
def test_a_meeting_and_its_statement_show_each_source_linked(
    client, three_sources, language, texts
):
    event, statement, sources = three_sources
    for url in (
        f"/{language}/events/workshop/",
        f"/{language}/statements/{statement.pk}/",
    ):
        listed = listed_sources(client.get(url))
        assert [item["href"] for item in listed] == [s.url for s in sources], url
        assert [item["text"] for item in listed] == texts, url


def test_a_statement_shows_its_own_sources_only(client):
    event = f.EventFactory()
    event.sources.add(f.SourceFactory(title="The meeting's report"))
    statement = f.StatementFactory(event=event)
    statement.sources.add(f.SourceFactory(title="Interview", kind="news", url=""))
    (item,) = listed_sources(client.get(statement.get_absolute_url()))
    # No link: the source is not online.
    assert item == {"id": None, "href": None, "text": "Interview · News item"}


def test_a_statement_without_a_source_shows_no_list(client):
    statement = f.StatementFactory()
    assert (
        'class="sources"'
        not in client.get(statement.get_absolute_url()).content.decode()
    )


def test_the_downloads_carry_each_source(client, three_sources):
    event, statement, sources = three_sources
    urls = [s.url for s in sources]
    expected = [
        {
            "title": "Comunicado final",
            "url": "https://example.org/comunicado",
            "publisher": sources[0].publisher.slug,
            "publisher_name": "International Organization for Migration",
            "kind": "press_release",
            "date": "2019-03-06",
            "language": "es",
        },
        {
            "title": "Annual report",
            "url": "https://example.org/report",
            "publisher": None,
            "publisher_name": None,
            "kind": "report",
            "date": "2019-04-01",
            "language": "en",
        },
        {
            "title": "Recording of the opening",
            "url": "https://example.org/video",
            "publisher": None,
            "publisher_name": None,
            "kind": "video",
            "date": None,
            "language": None,
        },
    ]
    for download in ("events", "statements"):
        (row,) = read_csv(client.get(f"/en/{download}.csv"))
        assert row["sources"].split(" | ") == urls, download
        (result,) = client.get(f"/en/{download}.json").json()["results"]
        assert result["sources"] == expected, download
    (row,) = read_csv(client.get("/en/events.csv"))
    assert row["source_url"] == "https://example.org/comunicado"


def test_a_source_without_a_link_is_named_by_its_title_in_the_csv(client):
    f.EventFactory().sources.add(
        f.SourceFactory(title="Minutes of the session", url=""),
        f.SourceFactory(title="A page", url="https://example.org/page"),
    )
    (row,) = read_csv(client.get("/en/events.csv"))
    assert row["sources"] == "https://example.org/page | Minutes of the session"


def test_a_draft_publisher_is_not_named(client, three_sources):
    event, statement, sources = three_sources
    publisher = sources[0].publisher
    publisher.publication_status = PublicationStatus.DRAFT
    publisher.save()
    for url in (event.get_absolute_url(), statement.get_absolute_url()):
        page = client.get(url).content.decode()
        assert "International Organization for Migration" not in page, url
        assert publisher.get_absolute_url() not in page, url
    for download in ("events", "statements"):
        (result,) = client.get(f"/en/{download}.json").json()["results"]
        assert result["sources"][0]["publisher"] is None
        assert result["sources"][0]["publisher_name"] is None
        assert (
            "International Organization"
            not in b"".join(
                client.get(f"/en/{download}.csv").streaming_content
            ).decode()
        )


def test_a_role_and_a_key_figure_cite_their_source(client):
    event = f.EventFactory(slug="workshop")
    listed = f.SourceFactory(title="Press release", url="https://example.org/a")
    event.sources.add(listed)
    # Cited by a role only, not among the meeting's own sources: listed after them.
    only_cited = f.SourceFactory(title="Agenda", url="https://example.org/agenda")
    f.EventOrganizationFactory(
        event=event,
        organization=f.OrganizationFactory(name="Ministry of Labour"),
        role="host",
        cited_source=only_cited,
    )
    f.KeyFigureFactory(
        event=event, value="60", label="participants", cited_source=listed
    )
    f.KeyFigureFactory(event=event, value="3", label="panels")
    response = client.get("/en/events/workshop/")
    body = response.content.decode()
    assert [(s["id"], s["href"]) for s in listed_sources(response)] == [
        ("source-1", "https://example.org/a"),
        ("source-2", "https://example.org/agenda"),
    ]
    role = re.search(r"Ministry of Labour</a>(.*?)</dd>", body, re.S)[1]
    assert re.search(r'<sup class="citation"><a href="#source-2"', role)
    figures = re.findall(r'<strong class="figure-value">(.*?)</li>', body, re.S)
    assert '<a href="#source-1"' in figures[0]
    assert "citation" not in figures[1]
    es = client.get("/es/events/workshop/").content.decode()
    assert "Fuente 2" in es and 'href="#source-2"' in es


def test_the_structured_data_cites_the_sources(client, three_sources):
    event, statement, sources = three_sources

    def json_ld(url):
        (block,) = re.findall(
            r'<script type="application/ld\+json">(.*?)</script>',
            client.get(url).content.decode(),
            re.S,
        )
        return json.loads(block)

    cited = json_ld(event.get_absolute_url())["subjectOf"]
    assert [s.get("url") for s in cited] == [s.url for s in sources]
    assert cited[0]["publisher"]["name"] == "International Organization for Migration"
    assert cited[0]["datePublished"] == "2019-03-06"
    assert cited[0]["inLanguage"] == "es"
    assert cited[1]["@type"] == "Report"
    # Not known, so not said.
    assert "datePublished" not in cited[2] and "inLanguage" not in cited[2]
    based_on = json_ld(statement.get_absolute_url())["isBasedOn"]
    assert [s["name"] for s in based_on] == [s.title for s in sources]


def test_the_seed_cites_the_iom_press_release(seed, client):
    source = Source.objects.get(url=PRESS_RELEASE)
    assert (source.title, source.url) == (PRESS_RELEASE_TITLE, PRESS_RELEASE)
    assert (source.publisher.acronym, source.kind, source.language) == (
        "IOM",
        "press_release",
        "en",
    )
    # The press release gives no publication date.
    assert source.date is None
    event = Event.objects.get(slug=WORKSHOP)
    listed = listed_sources(client.get(event.get_absolute_url()))
    assert listed == [
        {
            "id": "source-1",
            "href": PRESS_RELEASE,
            "text": f"{PRESS_RELEASE_TITLE} · International Organization for "
            "Migration · Press release · English",
        }
    ]
    for statement in Statement.objects.all():
        (item,) = listed_sources(client.get(statement.get_absolute_url()))
        assert item["href"] == PRESS_RELEASE
    body = client.get(event.get_absolute_url()).content.decode()
    # Both key figures cite it.
    assert body.count('<sup class="citation"><a href="#source-1"') == 2


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_query_counts_stay_fixed_as_sources_grow(client, settings):
    settings.PAGE_CACHE_ENABLED = False
    event = f.EventFactory(slug="workshop")
    statement = f.StatementFactory(event=event)
    urls = ["/en/events/workshop/", statement.get_absolute_url(), "/en/events.json"]

    def grow(n):
        for _ in range(n):
            source = f.SourceFactory(publisher=f.OrganizationFactory())
            event.sources.add(source)
            statement.sources.add(source)
            cited = f.SourceFactory(publisher=f.OrganizationFactory())
            f.EventOrganizationFactory(event=event, cited_source=cited)
            f.KeyFigureFactory(event=event, cited_source=source)

    grow(1)
    small = {url: count_queries(client, url) for url in urls}
    grow(24)
    assert {url: count_queries(client, url) for url in urls} == small
    assert len(listed_sources(client.get("/en/events/workshop/"))) == 50


def migrate(targets):
    """Migrate to `targets`; the models as they were there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@REAL_TRANSACTIONS
def test_the_single_source_fields_become_source_rows_and_back():
    loader = MigrationExecutor(connection).loader
    # The state it migrates from, in both apps: a later people migration (a new
    # column) would otherwise stay applied under models that do not know it.
    before = [
        key
        for key in loader.get_migration("events", "0017_sources").dependencies
        if key[0] in ("events", "people")
    ]
    old = migrate(before)
    Organization = old.get_model("people", "Organization")
    OldEvent = old.get_model("events", "Event")
    OldStatement = old.get_model("events", "Statement")
    iom = Organization.objects.create(
        name="IOM", name_en="IOM", slug="iom", kind="intergovernmental"
    )

    def event(slug, **source):
        return OldEvent.objects.create(
            slug=slug,
            title=slug,
            title_en=slug,
            kind="workshop",
            start_date=datetime.date(2018, 9, 4),
            end_date=datetime.date(2018, 9, 5),
            summary="A meeting.",
            summary_en="A meeting.",
            **source,
        )

    first = event(
        "first",
        source_title="Press release",
        source_url="https://example.org/a",
        source_publisher=iom,
    )
    # The same release, named by a second meeting without its title.
    event("second", source_url="https://example.org/a")
    event("untitled", source_title="Minutes, not online")
    event("none")
    for url in ("https://example.org/a", "https://example.org/b", ""):
        OldStatement.objects.create(
            event=first,
            organization=iom,
            text="Words.",
            text_en="Words.",
            said_on=datetime.date(2018, 9, 4),
            source_url=url,
        )

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    release = Source.objects.get(url="https://example.org/a")
    assert (release.title, release.publisher.slug) == ("Press release", "iom")
    assert {
        e.slug: [(s.title, s.url) for s in e.sources.all()] for e in Event.objects.all()
    } == {
        "first": [("Press release", "https://example.org/a")],
        "second": [("Press release", "https://example.org/a")],
        "untitled": [("Minutes, not online", "")],
        "none": [],
    }
    assert sorted(
        [s.url for s in statement.sources.all()]
        for statement in Statement.objects.all()
    ) == [[], ["https://example.org/a"], ["https://example.org/b"]]
    assert Source.objects.count() == 3

    old = migrate(before)
    assert {
        e.slug: (e.source_title, e.source_url, e.source_publisher_id)
        for e in old.get_model("events", "Event").objects.all()
    } == {
        "first": ("Press release", "https://example.org/a", iom.pk),
        "second": ("Press release", "https://example.org/a", iom.pk),
        "untitled": ("Minutes, not online", "", None),
        "none": ("", "", None),
    }
    assert sorted(
        old.get_model("events", "Statement").objects.values_list(
            "source_url", flat=True
        )
    ) == ["", "https://example.org/a", "https://example.org/b"]
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


@pytest.mark.admin
def test_staff_pick_sources_by_autocomplete_and_cannot_enter_a_link_twice(seed, client):
    client.force_login(User.objects.create_superuser("chief", "c@example.org", "pw"))
    for model, field in [
        ("event", "sources"),
        ("statement", "sources"),
        ("eventorganization", "cited_source"),
        ("keyfigure", "cited_source"),
    ]:
        found = client.get(
            "/admin/autocomplete/",
            {
                "app_label": "events",
                "model_name": model,
                "field_name": field,
                "term": "Labour Migration Governance",
            },
        ).json()["results"]
        assert [r["text"] for r in found] == [PRESS_RELEASE_TITLE], (model, field)
    # The meeting's form, and its role and key figure rows, pick them so too.
    event = Event.objects.get(slug=WORKSHOP)
    form = client.get(f"/admin/events/event/{event.pk}/change/").content.decode()
    for name in ("sources", "roles-0-cited_source", "key_figures-0-cited_source"):
        (select,) = re.findall(rf'<select name="{name}"[^>]*>', form)
        assert "admin-autocomplete" in select, name
    response = client.post(
        "/admin/events/source/add/",
        {"title": "Again", "url": PRESS_RELEASE, "kind": "", "language": ""},
    )
    assert response.status_code == 200
    assert "A source with this link already exists." in response.content.decode()
    assert Source.objects.filter(url=PRESS_RELEASE).count() == 1


def test_a_draft_issuer_of_a_resource_is_not_named(seed, client, settings):
    settings.PAGE_CACHE_ENABLED = False
    draft = f.OrganizationFactory(
        name="Secret Issuing Body", publication_status="draft", publish_at=None
    )
    event, statement = Event.objects.get(), Statement.objects.first()
    resource = event.resources.first()
    resource.issuers.add(draft)
    statement.references.add(resource)
    for address in (event.get_absolute_url(), statement.get_absolute_url()):
        body = client.get(address).content.decode()
        assert resource.title in body
        assert "Secret Issuing Body" not in body


def test_a_source_title_a_spreadsheet_would_run_is_neutralised(seed, client):
    event = Event.objects.get()
    event.sources.add(f.SourceFactory(url="", title='=HYPERLINK("http://x","y")'))
    text = b"".join(client.get("/en/events.csv").streaming_content).decode("utf-8-sig")
    (row,) = csv.DictReader(io.StringIO(text))
    assert row["sources"].startswith("'")
