"""The page cache: what readers see changes when a change commits, never before and
never later, and nothing a reader adds to an address makes the site render again."""

import datetime
import threading

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import path
from django.utils import timezone, translation
from django.utils.autoreload import file_changed

from events.models import Event, Statement
from rcm_site import page_cache
from rcm_site.models import CacheVersion

from . import factories as f
from .conftest import REAL_TRANSACTIONS, in_thread
from .test_pages import page_text

# For the test of the language in the key: an address without a language prefix
# whose page is in the reader's language.
urlpatterns = [
    path("language", lambda request: HttpResponse(translation.get_language())),
]


@REAL_TRANSACTIONS
def test_a_reader_beside_an_open_write_sees_the_change_once_it_commits():
    statement = f.StatementFactory(text="Words later withdrawn.")
    event = statement.event
    reader = Client()
    assert reader.get(statement.get_absolute_url()).status_code == 200
    assert "Words later withdrawn." in page_text(reader.get(event.get_absolute_url()))
    saved, commit = threading.Event(), threading.Event()

    def withdraw_and_retitle():
        with transaction.atomic():
            withdrawn = Statement.objects.get(pk=statement.pk)
            withdrawn.publication_status = "draft"
            withdrawn.save()
            retitled = Event.objects.get(pk=event.pk)
            retitled.title = "A retitled meeting"
            retitled.save()
            saved.set()
            assert commit.wait(10)

    writer, errors = in_thread(withdraw_and_retitle)
    assert saved.wait(10)
    # Until the change commits, readers see the record as it was.
    assert reader.get(statement.get_absolute_url()).status_code == 200
    assert "Words later withdrawn." in page_text(reader.get(event.get_absolute_url()))
    commit.set()
    writer.join(10)
    assert not errors
    assert reader.get(statement.get_absolute_url()).status_code == 404
    meeting = page_text(reader.get(event.get_absolute_url()))
    assert "A retitled meeting" in meeting
    assert "Words later withdrawn." not in meeting


@REAL_TRANSACTIONS
def test_a_change_to_a_relation_alone_shows_at_once(client):
    event = f.EventFactory()
    topic = f.TopicFactory(name="Fair recruitment")
    assert "Fair recruitment" not in page_text(client.get(event.get_absolute_url()))
    event.topics.add(topic)
    assert "Fair recruitment" in page_text(client.get(event.get_absolute_url()))
    event.topics.remove(topic)
    assert "Fair recruitment" not in page_text(client.get(event.get_absolute_url()))


@REAL_TRANSACTIONS
def test_a_deleted_statement_leaves_every_page_at_once(client):
    statement = f.StatementFactory(text="Words later deleted.")
    pages = [statement.event.get_absolute_url(), "/en/statements/", "/en/"]
    for url in pages:
        assert "Words later deleted." in page_text(client.get(url)), url
    statement_url = statement.get_absolute_url()
    statement.delete()
    assert client.get(statement_url).status_code == 404
    for url in pages:
        assert "Words later deleted." not in page_text(client.get(url)), url


@REAL_TRANSACTIONS
def test_a_statement_scheduled_after_the_expiry_was_worked_out_is_public_on_time(
    client,
):
    event = f.EventFactory()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        # The version's expiry is worked out: nothing is scheduled.
        assert "Words due soon." not in page_text(client.get(event.get_absolute_url()))
        f.StatementFactory(
            event=event,
            text="Words due soon.",
            publish_at=start + datetime.timedelta(seconds=30),
        )
        assert "Words due soon." not in page_text(client.get(event.get_absolute_url()))
    with time_machine.travel(start + datetime.timedelta(seconds=31), tick=False):
        assert "Words due soon." in page_text(client.get(event.get_absolute_url()))


@REAL_TRANSACTIONS
def test_an_expiry_worked_out_beside_a_committing_change_does_not_outlive_it(
    client, monkeypatch
):
    """The race of a reader working out when the version expires from the rows as
    they were, while a change that schedules a statement commits. Only PostgreSQL
    can fail it: SQLite's IMMEDIATE transactions queue the two whatever the lock."""
    event = f.EventFactory()
    start = timezone.now()
    # The version has expired: the next reader starts a new one.
    CacheVersion.objects.update(expires_at=start)
    worked_out, write = threading.Event(), threading.Event()
    expiry = page_cache.expiry

    def slow_expiry(now):
        found = expiry(now)
        worked_out.set()
        assert write.wait(10)
        return found

    monkeypatch.setattr(page_cache, "expiry", slow_expiry)
    reader, reader_errors = in_thread(lambda: Client().get(event.get_absolute_url()))
    assert worked_out.wait(10)
    monkeypatch.setattr(page_cache, "expiry", expiry)

    def schedule():
        f.StatementFactory(
            event=event,
            text="Words scheduled meanwhile.",
            publish_at=start + datetime.timedelta(seconds=30),
        )

    writer, writer_errors = in_thread(schedule)
    # The change commits, or waits to, while the reader holds the version.
    writer.join(0.5)
    write.set()
    reader.join(10)
    writer.join(10)
    assert not reader_errors and not writer_errors
    with time_machine.travel(start + datetime.timedelta(seconds=31), tick=False):
        page = page_text(client.get(event.get_absolute_url()))
    assert "Words scheduled meanwhile." in page


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_the_same_address_is_cached_apart_for_each_language(client):
    for language in ["es", "en", "es"]:
        response = client.get("/language", HTTP_ACCEPT_LANGUAGE=language)
        assert response.content.decode() == language


@pytest.mark.django_db
def test_parameters_that_change_nothing_hit_the_cached_page(client):
    f.EventFactory.create_batch(3)
    first = client.get("/en/events/calendar.ics?r=first")
    for attempt in range(10):
        with CaptureQueriesContext(connection) as ctx:
            again = client.get(f"/en/events/calendar.ics?r={attempt}&utm_source=x")
        assert again.content == first.content
        assert len(ctx.captured_queries) == 1, "only the version is read"


@pytest.mark.django_db
def test_a_list_is_cached_once_whatever_the_order_empty_or_unknown_parameters(client):
    f.EventFactory(title="A workshop in 2019")
    first = client.get("/en/events/?year=2019&kind=workshop")
    assert "A workshop in 2019" in page_text(first)
    for query in [
        "kind=workshop&year=2019",
        "q=&year=2019&kind=workshop&r=123",
        "year=2018&year=2019&kind=workshop&format=",
    ]:
        with CaptureQueriesContext(connection) as ctx:
            again = client.get(f"/en/events/?{query}")
        assert again.content == first.content, query
        assert len(ctx.captured_queries) == 1, query
    assert "r=123" not in first.content.decode()


@pytest.mark.django_db
def test_a_page_rendered_for_junk_parameters_does_not_repeat_them(client):
    f.EventFactory.create_batch(25)
    body = client.get("/en/events/?r=%3Cjunk%3E&page=1").content.decode()
    assert "junk" not in body
    assert "?page=2" in body


@pytest.mark.django_db
def test_the_home_page_moves_a_meeting_to_the_past_at_midnight_without_a_save(
    client, settings
):
    # Longer than the day: the version must expire at midnight itself.
    settings.PAGE_CACHE_SECONDS = 3 * 24 * 3600
    today = timezone.localdate()
    f.EventFactory(title="Ends today", start_date=today, end_date=today)
    # What the save's commit would do, with its expiry worked out under this setting
    # (the test's transaction never commits).
    page_cache.new_version()

    def sections():
        """The coming meetings (the home page has no such section when there are
        none) and the recent ones."""
        text = page_text(client.get("/en/"))
        coming, recent = text.split("Recent meetings")
        return coming.partition("Coming meetings")[2], recent.split("All meetings")[0]

    coming, recent = sections()
    assert "Ends today" in coming and "Ends today" not in recent
    just_after_midnight = datetime.datetime.combine(
        today + datetime.timedelta(days=1),
        datetime.time(0, 1),
        tzinfo=timezone.get_current_timezone(),
    )
    with time_machine.travel(just_after_midnight, tick=False):
        coming, recent = sections()
    assert "Ends today" in recent and "Ends today" not in coming


@pytest.mark.django_db
def test_an_edited_template_ends_the_cached_pages(client, settings):
    """runserver reloads an edited template without restarting."""
    f.EventFactory(title="A meeting")
    client.get("/en/events/")
    file_changed.send(sender=None, file_path=settings.BASE_DIR / "events/models.py")
    with CaptureQueriesContext(connection) as ctx:
        client.get("/en/events/")
    assert len(ctx.captured_queries) == 1, "a Python file leaves the pages cached"
    card = settings.BASE_DIR / "templates/includes/event_card.html"
    file_changed.send(sender=None, file_path=card)
    with CaptureQueriesContext(connection) as ctx:
        client.get("/en/events/")
    assert len(ctx.captured_queries) > 1, "the page is rendered again"


@pytest.mark.django_db
def test_migrate_ends_the_cached_pages(client):
    """A data migration saves through historical models, which send no signal."""
    f.EventFactory(title="A meeting")
    client.get("/en/events/")
    call_command("migrate", verbosity=0)
    with CaptureQueriesContext(connection) as ctx:
        client.get("/en/events/")
    assert len(ctx.captured_queries) > 1, "the page is rendered again"
