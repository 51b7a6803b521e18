"""Scale: the same queries whatever the size of the site, indexes the planner can use,
and the kept date that lists sort by."""

import datetime

import pytest
from django.db import connection
from django.db.models.expressions import RawSQL
from django.db.utils import ConnectionHandler
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.models import Statement
from rcm_site import search
from rcm_site.models import SearchEntry

from . import factories as f
from .test_pages import page_text
from .test_seed_demo import seed_demo

pytestmark = pytest.mark.django_db

# Issue 14's budget. The meeting page takes 14 here and 15 with resources and
# their issuers (tests/test_queries.py).
MAX_QUERIES = 15
QUERIES = {
    "home": 9,
    "meetings": 6,
    "filtered meetings": 6,
    "meeting": 14,
    "meeting calendar": 3,
    "statements": 4,
    "statements, text search": 4,
    "statements by a speaker": 5,
    "statement": 4,
    "people": 4,
    "person": 6,
    "organizations": 3,
    "organization": 6,
    "countries": 1,
    "country": 7,
    # Each kind's ranking, its records (the meetings' with their sessions) and its
    # count (no person and no RCM body is named Guatemala: an empty ranking reads no
    # records).
    "search": 14,
    "statements feed": 1,
    "meetings feed": 2,
    "statements JSON": 10,
    "statements CSV": 10,
    "meetings CSV": 5,
    "all meetings CSV": 5,
    "a year of statements CSV": 9,
}


def demo_pages():
    """Every public page kind, about the first generated records that have
    statements (a list with nothing in it skips reading its records)."""

    statement = (
        Statement.objects.published().filter(event__slug__startswith="demo-").first()
    )
    event, person = statement.event, statement.speaker
    organization = (
        Statement.objects.published()
        .filter(organization__slug__startswith="demo-")
        .first()
        .organization
    )
    return {
        "home": reverse("home"),
        "meetings": reverse("events:event_list"),
        "filtered meetings": reverse("events:event_list")
        + f"?year={event.start_date.year}&kind={event.kind}",
        "meeting": event.get_absolute_url(),
        "meeting calendar": reverse("events:event_calendar", args=[event.slug]),
        "statements": reverse("events:statement_list"),
        "statements, text search": reverse("events:statement_list") + "?q=migración",
        "statements by a speaker": reverse("events:statement_list")
        + f"?speaker={statement.speaker.slug}&year={statement.said_on.year}",
        "statement": statement.get_absolute_url(),
        "people": reverse("people:person_list"),
        "person": person.get_absolute_url(),
        "organizations": reverse("people:organization_list"),
        "organization": organization.get_absolute_url(),
        "countries": reverse("people:country_list"),
        "country": reverse("people:country_detail", args=["mx"]),
        # A word in meetings, statements and organizations of any size of demo site
        # (an empty section of results skips a query).
        "search": reverse("search") + "?q=guatemala",
        "statements feed": reverse("events:statement_feed"),
        "meetings feed": reverse("events:event_feed"),
        "statements JSON": reverse("events:statement_json") + "?year=2015",
        "statements CSV": reverse("events:statement_csv")
        + f"?speaker={statement.speaker.slug}&year={statement.said_on.year}",
        "meetings CSV": reverse("events:event_csv")
        + f"?year={event.start_date.year}&kind={event.kind}",
        # Within one batch of rows: each further 1,000 rows read their related
        # records again.
        "all meetings CSV": reverse("events:event_csv"),
        "a year of statements CSV": reverse("events:statement_csv") + "?year=2015",
    }


def query_counts(client):
    counts = {}
    for name, url in demo_pages().items():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
            assert response.status_code == 200, url
            if response.streaming:
                b"".join(response.streaming_content)
        counts[name] = len(ctx.captured_queries)
    return counts


def test_every_page_runs_the_same_few_queries_on_a_small_and_a_large_demo_site(
    seed, client, settings
):
    settings.PAGE_CACHE_ENABLED = False
    # Later options win over the helper's defaults.
    seed_demo(
        *("--events", "12", "--people", "40"),
        *("--organizations", "8", "--statements", "60"),
    )
    assert query_counts(client) == QUERIES
    seed_demo(
        *("--events", "150", "--people", "600"),
        *("--organizations", "60", "--statements", "3000", "--replace"),
    )
    assert Statement.objects.count() > 3000
    assert query_counts(client) == QUERIES
    assert max(QUERIES.values()) <= MAX_QUERIES


def test_a_statement_sorts_by_its_date_else_its_meetings_first_day():
    event = f.EventFactory(
        start_date=datetime.date(2019, 5, 6), end_date=datetime.date(2019, 5, 7)
    )
    undated = f.StatementFactory(event=event, text="Said on the first day.")
    dated = f.StatementFactory(
        event=event, date=datetime.date(2019, 5, 7), text="Said on the second day."
    )
    assert undated.said_on == datetime.date(2019, 5, 6)
    assert dated.said_on == datetime.date(2019, 5, 7)

    event.start_date, event.end_date = (
        datetime.date(2021, 3, 1),
        datetime.date(2021, 3, 2),
    )
    event.save()
    undated.refresh_from_db()
    dated.refresh_from_db()
    assert undated.said_on == datetime.date(2021, 3, 1)
    assert dated.said_on == datetime.date(2019, 5, 7)


def test_a_statement_without_date_or_meeting_sorts_by_its_publication_day():
    organization = f.OrganizationFactory()
    statement = f.StatementFactory(
        event=None,
        speaker=None,
        organization=organization,
        publish_at=datetime.datetime(2022, 8, 9, 15, tzinfo=datetime.UTC),
    )
    assert statement.said_on == datetime.date(2022, 8, 9)


def test_statement_list_and_year_filter_follow_the_kept_date(client):
    old = f.EventFactory(
        start_date=datetime.date(2015, 1, 5), end_date=datetime.date(2015, 1, 5)
    )
    new = f.EventFactory(
        start_date=datetime.date(2023, 1, 5), end_date=datetime.date(2023, 1, 5)
    )
    f.StatementFactory(event=old, text="Words from 2015.")
    f.StatementFactory(event=new, text="Words from 2023.")
    f.StatementFactory(
        event=old, date=datetime.date(2016, 2, 1), text="Words from a year later."
    )
    text = page_text(client.get(reverse("events:statement_list")))
    assert (
        text.index("Words from 2023.")
        < text.index("Words from a year later.")
        < text.index("Words from 2015.")
    )
    text = page_text(client.get(reverse("events:statement_list") + "?year=2016"))
    assert "Words from a year later." in text
    assert "Words from 2015." not in text


def test_an_sqlite_connection_leaves_planner_statistics_when_it_closes(tmp_path):
    path = tmp_path / "site.sqlite3"
    db = ConnectionHandler({"default": {"ENGINE": "rcm_site.sqlite", "NAME": path}})[
        "default"
    ]
    with db.cursor() as cursor:
        cursor.execute("CREATE TABLE item (status TEXT, said_on TEXT)")
        cursor.execute("CREATE INDEX item_status ON item (status)")
        cursor.executemany(
            "INSERT INTO item VALUES (%s, %s)",
            [("published", f"2020-01-{n % 28 + 1:02}") for n in range(500)],
        )
        cursor.execute("SELECT count(*) FROM item WHERE status = %s", ["published"])
    db.close()
    db = ConnectionHandler({"default": {"ENGINE": "rcm_site.sqlite", "NAME": path}})[
        "default"
    ]
    with db.cursor() as cursor:
        cursor.execute("SELECT tbl, idx, stat FROM sqlite_stat1")
        assert cursor.fetchall() == [("item", "item_status", "500 500")]
    db.close()


def explain(queryset, *postgresql_settings):
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Too few rows here for the planner to want an index on its own: ask
            # whether it can use one at all.
            for setting in ("enable_seqscan = off", *postgresql_settings):
                cursor.execute(f"SET LOCAL {setting}")
            cursor.execute("EXPLAIN " + sql, params)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return "\n".join(str(row[-1]) for row in cursor.fetchall())


def test_the_latest_statements_are_read_from_an_index_not_sorted(client):
    f.StatementFactory()
    plan = explain(Statement.objects.published().for_cards()[:20], "enable_sort = off")
    assert "statement_latest_public" in plan, plan
    assert "TEMP B-TREE" not in plan and "Sort" not in plan, plan


def test_public_statements_are_counted_from_their_own_table_without_joins():
    f.StatementFactory()
    with CaptureQueriesContext(connection) as count:
        assert Statement.objects.published().count() == 1
    assert "JOIN" not in count.captured_queries[0]["sql"]


def test_text_search_uses_the_full_text_index():
    f.StatementFactory(text="Migración laboral")
    if connection.vendor == "postgresql":
        # Enough other statements that the range of their ids is no shortcut, in
        # words of a varied vocabulary, as statements are: PostgreSQL estimates how
        # many entries a word prefix matches from the frequency of the commonest
        # words, and with a single repeated phrase it guessed 2% of them and
        # sometimes read the whole range of statements' ids instead of the index.
        SearchEntry.objects.bulk_create(
            (
                search.entry(Statement, pk, f"palabra{pk % 3_000} otra{pk % 1_000}")
                for pk in range(10_000, 40_000)
            ),
            batch_size=5_000,
        )
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE rcm_site_searchentry")
        matches = RawSQL(*search._matches(Statement, search.words("migración")))  # noqa: S611
        # Reading every statement's entry in id order and filtering is not what is
        # asked about.
        plan = explain(
            SearchEntry.objects.filter(id__in=matches), "enable_indexscan = off"
        )
        assert "rcm_site_searchentry_fts" in plan, plan
    else:
        # The matches from the full-text index, the page in the list's order from
        # its index: nothing sorted.
        plan = explain(Statement.objects.published().search("migracion").for_cards())
        assert "VIRTUAL TABLE INDEX" in plan, plan
        assert "statement_latest_public" in plan, plan
        assert "TEMP B-TREE" not in plan, plan
