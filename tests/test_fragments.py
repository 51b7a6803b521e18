"""Pieces of pages kept per generation while whole pages are not cached: list counts,
filter forms and record cards. Reused by the next reader, never stale after a change,
never a draft shown to the public."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.autoreload import file_changed

from events.models import Event, Statement
from people.models import Person
from rcm_site import page_cache

from . import factories as f
from .conftest import WORKSHOP, start_new_generation
from .test_editorial import staff
from .test_pages import EVENT_URL, page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages_not_cached(settings):
    settings.PAGE_CACHE_ENABLED = False
    start_new_generation()


def queries_of(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return response, [query["sql"] for query in ctx.captured_queries]


def asked_twice(client, url):
    """The queries of a first and a second request, and the second response, which
    must be the same as the first."""
    first, first_queries = queries_of(client, url)
    again, again_queries = queries_of(client, url)
    assert again.content == first.content
    return first_queries, again, again_queries


def test_the_next_reader_of_a_list_reuses_its_count_page_and_form(
    seed, client, pages_not_cached
):
    first_queries, again, again_queries = asked_twice(
        client, "/en/statements/?country=mx"
    )
    assert len(first_queries) == 6
    assert any("COUNT(" in sql for sql in first_queries)
    # Not checking the country asked for, counting, finding the page, the
    # dropdowns' choices, or reading the statement its kept card shows.
    assert again_queries == []
    assert "1 result" in page_text(again)


def test_a_list_reads_only_the_records_whose_cards_are_not_kept(
    seed, client, pages_not_cached
):
    client.get("/en/statements/?country=mx")
    response, queries = queries_of(client, "/en/statements/")
    text = page_text(response)
    for words in ["ILO 97 and 143", "Ambassador Miguel Díaz Reynoso"]:
        assert words in text
    (ids,) = re.findall(r'"events_statement"\."id" IN \(([\d, ]+)\)', " ".join(queries))
    mexican = Statement.objects.get(country__iso_code="MX")
    others = Statement.objects.exclude(pk=mexican.pk).values_list("pk", flat=True)
    assert {int(pk) for pk in ids.split(", ")} == set(others)


def test_a_save_shows_at_once_in_kept_counts_and_cards(seed, client, pages_not_cached):
    url = "/en/statements/"
    before = page_text(client.get(url))
    assert "4 results" in before
    statement = Statement.objects.get(speaker__slug="francesco-carella")
    statement.text_en = "New words <script>alert(1)</script>"
    statement.save()
    f.StatementFactory(text="Another statement, just published.")
    response = client.get(url)
    after = page_text(response)
    assert "5 results" in after
    assert "New words <script>alert(1)</script>" in after
    assert "<script>alert(1)" not in response.content.decode()
    assert "Another statement, just published." in after
    assert "ILO 97 and 143" not in after


def test_a_card_kept_for_readers_is_not_what_staff_preview(client, pages_not_cached):
    event = f.EventFactory(title="Public meeting")
    f.StatementFactory(event=event, text="Said in public.")
    f.StatementFactory(
        event=event, status="draft", publish_at=None, text="A draft quote."
    )
    url = event.get_absolute_url()
    public = page_text(client.get(url))
    assert "Said in public." in public and "A draft quote." not in public

    client.force_login(staff("edna", "Editor"))
    preview = page_text(client.get(url + "?preview=1"))
    assert "A draft quote." in preview
    assert preview.count("Draft A draft quote.") == 1
    assert "Draft Said in public." not in preview

    client.logout()
    public = page_text(client.get(url))
    assert "A draft quote." not in public and "Draft" not in public


def test_cards_are_kept_per_language(seed, client, pages_not_cached):
    english = page_text(client.get("/en/statements/"))
    spanish = page_text(client.get("/es/statements/"))
    assert "Permalink" in english and "Permalink" not in spanish
    assert "Enlace permanente" in spanish


def test_a_search_asked_again_reuses_its_ranking_and_counts_until_a_save(
    seed, client, pages_not_cached
):
    url = "/en/search/?q=carella"
    first_queries, again, again_queries = asked_twice(client, url)
    assert any("COUNT(" in sql for sql in first_queries)
    assert not any("COUNT(" in sql or "searchentry" in sql for sql in again_queries)
    assert "Statements (1)" in page_text(again)

    speaker = f.PersonFactory(given_name="Ana", family_name="Carella")
    f.StatementFactory(speaker=speaker, text="Words of another Carella.")
    after = page_text(client.get(url))
    assert "Statements (2)" in after
    assert "Words of another Carella." in after


def test_the_kept_navigation_marks_the_page_it_is_on(seed, client, pages_not_cached):
    for url, current in [
        ("/en/events/", "Meetings"),
        ("/en/statements/", "Statements"),
        ("/es/events/", "Reuniones"),
        ("/en/events/", "Meetings"),
    ]:
        body = client.get(url).content.decode()
        assert re.findall(r'aria-current="page">([^<]+)<', body) == [current], url


def test_a_json_download_reuses_its_count_until_a_save(seed, client, pages_not_cached):
    url = "/en/statements.json?page_size=2"
    first_queries, again, again_queries = asked_twice(client, url)
    assert again.json()["count"] == 4
    assert any("COUNT(" in sql for sql in first_queries)
    assert not any("COUNT(" in sql for sql in again_queries)
    f.StatementFactory()
    assert client.get(url).json()["count"] == 5


def test_kept_search_results_are_per_language(seed, client, pages_not_cached):
    english = page_text(client.get("/en/search/?q=governance"))
    spanish = page_text(client.get("/es/search/?q=governance"))
    again, queries = queries_of(client, "/en/search/?q=governance")
    assert "Regional Workshop on the Governance of Labour Migration" in english
    assert "Taller Regional sobre la Gobernanza de la Migración Laboral" in spanish
    assert "Regional Workshop on the Governance" not in spanish
    assert page_text(again) == english
    # Nothing is read again for the results: only the search form is rendered.
    assert queries == []


def test_an_edited_template_starts_a_new_generation(settings):
    """runserver reloads templates without restarting; the fragments rendered from the
    old one must not be served."""
    generation = page_cache.current_generation()
    file_changed.send(sender=None, file_path=settings.BASE_DIR / "events/models.py")
    assert page_cache.current_generation() == generation
    card = settings.BASE_DIR / "templates/includes/event_card.html"
    file_changed.send(sender=None, file_path=card)
    assert page_cache.current_generation() != generation


def test_the_next_reader_of_a_meeting_page_reads_nothing_until_a_save(
    seed, client, pages_not_cached
):
    url = EVENT_URL
    first_queries, again, again_queries = asked_twice(client, url)
    assert len(first_queries) > 10
    # The meeting, its account, its structured data and the other meetings' cards
    # are kept.
    assert again_queries == []
    assert "Ambassador Miguel Díaz Reynoso" in page_text(again)

    role = f.EventOrganizationFactory(
        event=again.context["event"], note="New note <script>alert(1)</script>"
    )
    response = client.get(url)
    assert "(New note <script>alert(1)</script>)" in page_text(response)
    assert "<script>alert(1)" not in response.content.decode()
    assert role.organization.name in page_text(response)

    event = Event.objects.get(slug=WORKSHOP)
    event.status = "draft"
    event.save()
    assert client.get(url).status_code == 404


def test_a_meeting_previewed_by_staff_and_read_by_the_public_each_see_their_own(
    client, pages_not_cached
):
    event = f.EventFactory(title="Public meeting")
    draft = f.PersonFactory(given_name="Dora", status="draft", publish_at=None)
    f.ParticipationFactory(event=event, person=draft)
    url = event.get_absolute_url()
    client.force_login(staff("edna", "Editor"))
    assert "Dora" in page_text(client.get(url + "?preview=1"))
    client.logout()
    public = client.get(url)
    assert "Dora" not in page_text(public)
    assert "Dora" not in public.content.decode()


def test_a_person_page_keeps_its_lists_apart_from_staff_previews(
    client, pages_not_cached
):
    person = f.PersonFactory(given_name="Ana")
    f.StatementFactory(speaker=person, text="Said in public.")
    f.StatementFactory(
        speaker=person, status="draft", publish_at=None, text="A draft quote."
    )
    url = person.get_absolute_url()
    client.force_login(staff("edna", "Editor"))
    assert "A draft quote." in page_text(client.get(url + "?preview=1"))
    client.logout()
    public = page_text(client.get(url))
    assert "Said in public." in public and "A draft quote." not in public


def test_the_home_page_moves_a_meeting_to_the_recent_ones_the_day_after_it_ends(
    client, pages_not_cached, monkeypatch, settings
):
    # Longer than the day: the generation must end at midnight itself.
    settings.PAGE_CACHE_SECONDS = 3 * 24 * 3600
    today = timezone.localdate()
    f.EventFactory(title="Ends today", start_date=today, end_date=today)

    def sections():
        text = page_text(client.get("/en/"))
        coming, recent = text.split("Coming meetings")[1].split("Recent meetings")
        return coming, recent.split("All meetings")[0]

    coming, recent = sections()
    assert "Ends today" in coming and "Ends today" not in recent
    # No save in between: midnight passing is enough.
    tomorrow = today + datetime.timedelta(days=1)
    just_after_midnight = datetime.datetime.combine(
        tomorrow, datetime.time(0, 1), tzinfo=timezone.get_current_timezone()
    )
    monkeypatch.setattr(timezone, "localdate", lambda *args: tomorrow)
    monkeypatch.setattr(timezone, "now", lambda: just_after_midnight)
    coming, recent = sections()
    assert "Ends today" in recent and "Ends today" not in coming


def download(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        assert response.status_code == 200, url
        body = (
            b"".join(response.streaming_content)
            if response.streaming
            else (response.content)
        )
    return body.decode("utf-8-sig"), [query["sql"] for query in ctx.captured_queries]


@pytest.mark.parametrize("url", ["/en/statements.json", "/en/statements.csv"])
def test_a_download_reuses_its_kept_rows_until_a_save(
    seed, client, pages_not_cached, url
):
    first, first_queries = download(client, url)
    again, again_queries = download(client, url)
    assert again == first
    assert any('FROM "events_statement"' in sql for sql in first_queries)
    assert not any('FROM "events_statement"' in sql for sql in again_queries)
    spanish, _ = download(client, url.replace("/en/", "/es/"))
    assert "/en/statements/" in first and "/en/statements/" not in spanish
    assert "/es/statements/" in spanish

    statement = Statement.objects.get(speaker__slug="francesco-carella")
    statement.text_en = "New words <script>alert(1)</script>"
    statement.save()
    after, _ = download(client, url)
    assert "New words <script>alert(1)</script>" in after
    assert "ILO 97 and 143" not in after


@pytest.mark.parametrize(
    "url", ["/en/statements.csv", "/en/statements.json?page_size=4"]
)
def test_a_download_of_more_rows_than_are_kept_is_read_afresh(
    seed, client, pages_not_cached, monkeypatch, url
):
    monkeypatch.setattr("rcm_site.exports.KEPT_ROWS", 3)
    first, _ = download(client, url)
    again, queries = download(client, url)
    assert again == first
    assert "ILO 97 and 143" in again
    assert any('FROM "events_statement"' in sql for sql in queries)


@pytest.mark.parametrize("url", ["/en/feeds/statements/", "/en/feeds/statements/rss/"])
def test_a_feed_reuses_its_kept_entries_until_a_save(
    seed, client, pages_not_cached, url
):
    first_queries, again, again_queries = asked_twice(client, url)
    assert any('FROM "events_statement"' in sql for sql in first_queries)
    assert again_queries == []
    # Atom and RSS entries are kept apart.
    atom = client.get("/en/feeds/statements/").content
    rss = client.get("/en/feeds/statements/rss/").content
    assert (atom.count(b"<entry>"), atom.count(b"<item>")) == (4, 0)
    assert (rss.count(b"<item>"), rss.count(b"<entry>")) == (4, 0)

    statement = Statement.objects.get(speaker__slug="francesco-carella")
    statement.text_en = "New words <script>alert(1)</script>"
    statement.save()
    after = client.get(url).content.decode()
    assert "New words &lt;script&gt;alert(1)&lt;/script&gt;" in after
    assert "ILO 97 and 143" not in after
    assert after.count("New words") == 1


def test_a_list_keeps_what_its_filters_choose_and_refuse_until_a_save(
    seed, client, pages_not_cached
):
    url = "/en/statements/?speaker=francesco-carella"
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 200
        assert "Speaker: Francesco Carella" in page_text(response)
    for _ in range(2):
        response = client.get("/en/statements/?speaker=<script>")
        assert response.status_code == 400
        assert "Nothing public on this site goes by “<script>”." in page_text(response)
        assert "<script>" not in response.content.decode()
    for _ in range(2):
        response = client.get("/en/statements.json?speaker=<script>")
        assert response.status_code == 400
        assert "speaker" in response.json()["errors"]
    assert len(client.get(url.replace("/?", ".json?")).json()["results"]) == 1

    speaker = Person.objects.get(slug="francesco-carella")
    speaker.status = "draft"
    speaker.save()
    assert client.get(url).status_code == 400
    assert client.get(url.replace("/?", ".json?")).status_code == 400
