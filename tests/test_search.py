"""Full-text search: accent-, case- and normalization-insensitive, current after every
save, published records only, hostile syntax harmless, a fixed query cost."""

import datetime
import itertools
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import Event, Statement
from people.models import Person
from rcm_site import search

from . import factories as f
from .test_pages import page_text

pytestmark = pytest.mark.django_db

DECOMPOSED = "Di\u0301az"  # "i" followed by a combining acute accent


@pytest.fixture(autouse=True)
def pages_rendered_afresh(settings):
    """These tests change records inside the test's transaction, which never commits
    to start a new page-cache version (tests/test_page_cache.py tests that)."""
    settings.PAGE_CACHE_ENABLED = False


def found(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return sorted(str(obj) for obj in response.context["object_list"])


@pytest.mark.parametrize(
    "spelling",
    ["Díaz", "diaz", "DÍAZ", "DIAZ", DECOMPOSED, "díaz reynoso", "reynoso miguel"],
)
def test_a_name_is_found_however_it_is_spelt(seed, client, spelling):
    assert found(client, f"/en/people/?q={spelling}") == ["Miguel Díaz Reynoso"]
    statements = found(client, f"/en/statements/?q={spelling}")
    assert len(statements) == 1 and statements[0].startswith("Mexico recognizes")
    text = page_text(client.get(f"/en/search/?q={spelling}"))
    assert "People (1)" in text and "Statements (1)" in text


@pytest.mark.parametrize("spelling", ["méxico city", "MEXICO", "Me\u0301xico"])
def test_meetings_found_by_accented_and_plain_words(seed, client, spelling):
    assert found(client, f"/en/events/?q={spelling}") == [Event.objects.get().title]


def test_words_are_prefixes_and_all_are_required(seed, client):
    assert len(found(client, "/en/statements/?q=migra")) == 4
    assert found(client, "/en/statements/?q=migra pisani") == [
        str(Statement.objects.get(speaker__slug="marcelo-pisani"))
    ]
    assert found(client, "/en/organizations/?q=organization labour") == [
        "International Labour Organization (ILO)"
    ]


@pytest.mark.parametrize(
    "query",
    ['"', "'", "*", "-", "NEAR", "NEAR(a b)", "a OR", "(((", ")", "a AND NOT", "^", ":",
     'labour" OR "x', "díaz*", "-migration", "{}", "\\", "%", "_", "日本語"],
)  # fmt: skip
def test_index_syntax_in_a_query_is_plain_words(seed, client, query):
    for url in (
        "/en/search/",
        "/en/events/",
        "/en/statements/",
        "/en/people/",
        "/en/organizations/",
    ):
        assert client.get(url, {"q": query}).status_code == 200, (url, query)


def test_hostile_operator_words_still_search_as_words(seed, client):
    assert len(found(client, '/en/statements/?q="labour" -migration*')) == 4


def test_index_follows_insert_edit_and_delete(client):
    event = f.EventFactory(title="Consultation on climate mobility")
    assert found(client, "/en/events/?q=climate") == [event.title]
    event.title = "Consultation on disaster displacement"
    event.save()
    assert found(client, "/en/events/?q=climate") == []
    assert found(client, "/en/events/?q=displacement") == [event.title]
    event.delete()
    assert found(client, "/en/events/?q=displacement") == []


def test_statement_is_found_by_its_speakers_new_name(client):
    person = f.PersonFactory(given_name="Ana", family_name="López")
    statement = f.StatementFactory(speaker=person, text="Words on return.")
    person.family_name = "Núñez"
    person.save()
    assert found(client, "/en/statements/?q=nunez") == [str(statement)]
    assert found(client, "/en/statements/?q=lopez") == []


def test_search_never_returns_unpublished_records(client):
    """Each one-word query matches a draft, a scheduled record and a public one (and
    a public statement at a draft meeting): only the public one is found."""
    draft = {"publication_status": "draft", "publish_at": None}
    later = {"publish_at": timezone.now() + datetime.timedelta(days=1)}
    draft_meeting = f.EventFactory(title="Secret summit", **draft)
    f.EventFactory(title="Secret forum", **later)
    f.EventFactory(title="Secret ballot meeting")
    f.StatementFactory(text="Secret words.", **draft)
    f.StatementFactory(text="Secret words, said later.", **later)
    f.StatementFactory(text="Secret words at a draft meeting.", event=draft_meeting)
    statement = f.StatementFactory(text="Secret ballots count.")
    f.OrganizationFactory(name="Secret Society", **draft)
    f.OrganizationFactory(name="Secret Circle", **later)
    f.OrganizationFactory(name="Secret Ballot Watch")
    f.PersonFactory(given_name="Hidden", family_name="Delegate", **draft)
    f.PersonFactory(given_name="Hidden", family_name="Envoy", **later)
    f.PersonFactory(given_name="Hidden", family_name="Figure")

    assert found(client, "/en/events/?q=secret") == ["Secret ballot meeting"]
    assert found(client, "/en/statements/?q=secret") == [str(statement)]
    assert found(client, "/en/organizations/?q=secret") == ["Secret Ballot Watch"]
    assert found(client, "/en/people/?q=hidden") == ["Hidden Figure"]

    text = page_text(client.get("/en/search/?q=secret"))
    assert "Meetings (1) Secret ballot meeting" in text
    assert "Statements (1) Secret ballots count." in text
    assert "Organizations (1) Secret Ballot Watch" in text
    for unpublished in ("summit", "forum", "words", "Society", "Circle"):
        assert unpublished not in text
    text = page_text(client.get("/en/search/?q=hidden"))
    assert "People (1) Hidden Figure" in text
    assert "Delegate" not in text and "Envoy" not in text


def test_results_are_ranked_and_highlighted_safely(client):
    best = f.StatementFactory(
        text="Labour migration, labour markets and labour rights."
    )
    f.StatementFactory(text="A word on labour.")
    f.StatementFactory(text="<b>Labour</b> & <script>alert(1)</script>")
    response = client.get("/en/search/", {"q": "labour"})
    body = response.content.decode()
    assert response.context["results"][1]["count"] == 3
    # The statement that says "labour" three times ranks first; each quote is the
    # link to its statement.
    quotes = re.findall(
        r'<blockquote[^>]*><a href="([^"]+)">(.*?)</a></blockquote>', body, re.S
    )
    assert len(quotes) == 3
    assert quotes[0][0] == best.get_absolute_url()
    assert quotes[0][1].startswith("<mark>Labour</mark> migration, <mark>labour</mark>")
    assert "<mark>Labour</mark> migration, <mark>labour</mark> markets" in body
    assert (
        "&lt;b&gt;<mark>Labour</mark>&lt;/b&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt;"
        in body
    )
    assert "<script>alert(1)</script>" not in body


def test_search_page_rejects_bad_input_with_400(client):
    response = client.get("/en/search/", {"q": "x" * 201})
    assert response.status_code == 400
    assert "Ensure this value has at most 200 characters" in page_text(response)
    assert client.get("/en/search/?q=a%00b").status_code == 400


def test_search_page_query_count_is_fixed(client):
    country = f.CountryFactory(iso_code="MX")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/en/search/?q=migration").status_code == 200
        return len(ctx.captured_queries)

    def grow(n):
        for _ in range(n):
            event = f.EventFactory(title="Meeting on migration", country=country)
            f.StatementFactory(event=event, text="Migration matters.")
            f.PersonFactory(given_name="Migration", family_name="Officer")
            f.OrganizationFactory(name="Migration Office")

    grow(1)
    small = count()
    grow(24)
    assert count() == small


def test_rebuild_command_indexes_bulk_inserted_records(client):
    from django.core.management import call_command

    Person.objects.bulk_create(
        [
            Person(
                given_name="Bulk",
                family_name="Inserted",
                slug="bulk",
                sort_name="inserted bulk",
                publication_status="published",
                publish_at="2020-01-01T00:00Z",
            )
        ]
    )
    assert found(client, "/en/people/?q=bulk") == []
    call_command("rebuild_search_index", verbosity=0)
    assert found(client, "/en/people/?q=bulk") == ["Bulk Inserted"]


def test_each_kind_has_its_own_range_of_entry_ids():
    ranges = sorted(search.id_range(model) for model in search.registry)
    assert len(ranges) == 5  # meetings, statements, people, organizations, bodies
    assert all(a[1] < b[0] for a, b in itertools.pairwise(ranges))
    first, last = search.id_range(Statement)
    assert search.entry(Statement, 7, "words").id == first + 7
    # An id past the range would land among another kind's entries.
    with pytest.raises(ValueError):
        search.entry(Statement, last - first + 1, "words")


def test_a_common_word_is_counted_up_to_a_bound_and_listed_up_to_it(
    client, monkeypatch
):
    """Counting every match of a word in a fifth of the statements cost more than the
    page; lists, excerpts and the search page say "more than" beyond the bound."""
    monkeypatch.setattr("rcm_site.pages.MAX_COUNTED_MATCHES", 10)
    topic = f.TopicFactory(slug="return")
    for n in range(12):
        f.StatementFactory(text=f"Reintegración number {n}.").topics.add(topic)
    f.StatementFactory(text="Something else entirely.").topics.add(topic)

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en/statements/?q=reintegracion")
    assert len(response.context["object_list"]) == 10
    counts = [q["sql"] for q in queries if q["sql"].startswith("SELECT COUNT(")]
    assert len(counts) == 1 and counts[0].endswith("LIMIT 11) subquery")
    assert (
        "More than 10 results The first 10 are listed. Add a filter or another word "
        "to find the others." in page_text(response)
    )
    assert "1 result" in page_text(client.get("/en/statements/?q=reintegracion+11"))

    text = page_text(client.get("/en/search/?q=reintegracion"))
    assert "Statements (more than 10)" in text
    assert "All of them, in a list to narrow down" in text
    assert "Statements (1)" in page_text(client.get("/en/search/?q=entirely"))

    with CaptureQueriesContext(connection) as queries:
        topic_page = page_text(client.get("/en/topics/return/"))
    assert "See more than 10 statements" in topic_page
    assert all("LIMIT 11)" in q["sql"] for q in queries if "COUNT(" in q["sql"])
    monkeypatch.setattr("rcm_site.pages.MAX_COUNTED_MATCHES", 13)
    assert "See all 13 statements" in page_text(client.get("/en/topics/return/"))
