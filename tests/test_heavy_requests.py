"""Heavy requests: whole-list downloads built once per content version and served as
files, and a limit on how many heavy requests run at once (rcm_site.heavy)."""

import csv
import io
import threading

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from events.models import Statement
from rcm_site import heavy, page_cache

from . import factories as f
from .conftest import REAL_TRANSACTIONS, in_thread

pytestmark = pytest.mark.django_db

WHOLE_LIST = "/en/statements.csv"
FILTERED = "/en/statements.csv?country=MX"
# Every kind of heavy request; with a free slot each answers 200.
HEAVY = [
    FILTERED,
    "/en/people.csv?q=ana",
    "/en/events.csv?kind=workshop",
    "/en/events/calendar.ics",
    "/en/events/calendar/2019.ics",
    "/sitemap-statements.xml",
]


def texts(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return {row["text"] for row in csv.DictReader(io.StringIO(body))}


def statement_queries(queries):
    return [q["sql"] for q in queries if Statement._meta.db_table in q["sql"]]


@pytest.fixture
def taken(settings):
    """Every slot held, as by other workers' heavy requests."""
    settings.HEAVY_REQUESTS_AT_ONCE = 2
    slots = [heavy.take_slot(), heavy.take_slot()]
    assert heavy.take_slot() is None
    yield slots
    for slot in slots:
        slot.close()


def assert_busy(response):
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert "busy" in response.content.decode()


def test_whole_list_is_built_once_then_served_from_its_file(client):
    f.StatementFactory(text="First words.")
    first = client.get(WHOLE_LIST)
    assert first["Content-Disposition"] == 'attachment; filename="statements.csv"'
    assert texts(first) == {"First words."}
    with CaptureQueriesContext(connection) as ctx:
        again = client.get(WHOLE_LIST)
        assert texts(again) == {"First words."}
    assert statement_queries(ctx.captured_queries) == []
    assert again["Content-Length"] == first["Content-Length"]
    repeat = client.get(WHOLE_LIST, headers={"If-None-Match": again["ETag"]})
    assert repeat.status_code == 304


def test_whole_list_ignores_parameters_that_filter_nothing(client):
    f.StatementFactory(text="First words.")
    assert texts(client.get(WHOLE_LIST)) == {"First words."}
    # Staff (a session) skip the page cache, which drops unknown parameters.
    staff = Client()
    staff.cookies["sessionid"] = "any"
    for address in (WHOLE_LIST + "?r=123", WHOLE_LIST + "?country=&q="):
        with CaptureQueriesContext(connection) as ctx:
            assert texts(staff.get(address)) == {"First words."}
        assert statement_queries(ctx.captured_queries) == []


def test_each_language_has_its_own_file(client):
    f.StatementFactory(text="Words.")
    english = b"".join(client.get(WHOLE_LIST).streaming_content)
    spanish = b"".join(client.get("/es/statements.csv").streaming_content)
    assert b"http://testserver/en/statements/" in english
    assert b"http://testserver/es/statements/" in spanish
    assert b"/en/" not in spanish


@REAL_TRANSACTIONS
def test_a_committed_change_makes_a_new_file_without_withdrawn_words(client):
    kept = f.StatementFactory(text="Words kept.")
    withdrawn = f.StatementFactory(text="Words later withdrawn.")
    assert texts(client.get(WHOLE_LIST)) == {"Words kept.", "Words later withdrawn."}

    f.StatementFactory(text="New words.")
    assert texts(client.get(WHOLE_LIST)) == {
        "Words kept.",
        "Words later withdrawn.",
        "New words.",
    }

    withdrawn.publication_status = "draft"
    withdrawn.save()
    assert texts(client.get(WHOLE_LIST)) == {"Words kept.", "New words."}
    kept.delete()
    assert texts(client.get(WHOLE_LIST)) == {"New words."}
    # The earlier versions' files are gone: one file and its lock are left.
    left = {p.name for p in heavy.directory().iterdir() if p.name[:5] != "slot-"}
    (data,) = {name for name in left if not name.endswith(".lock")}
    assert left == {data, data + ".lock"}


def test_removing_old_files_leaves_what_is_not_the_sites(client):
    """A disk's lost+found, an operator's note: not the site's to remove, and no
    reason for a 500."""
    f.StatementFactory(text="Words kept.")
    assert client.get(WHOLE_LIST).status_code == 200
    root = heavy.directory()
    (root / "lost+found").mkdir()
    (root / "README").write_text("Exports of the RCM site.")
    f.StatementFactory(text="New words.")
    page_cache.new_version()  # as the commit would
    response = client.get(WHOLE_LIST)
    assert texts(response) == {"Words kept.", "New words."}
    assert (root / "lost+found").is_dir()
    assert (root / "README").read_text() == "Exports of the RCM site."


@REAL_TRANSACTIONS
def test_concurrent_first_requests_build_the_file_once(monkeypatch):
    f.StatementFactory(text="Words.")
    building, finish = threading.Event(), threading.Event()
    builds = []
    write = heavy.file_response

    def slow_build(name, filename, content_type, make):
        def slowly(file):
            builds.append(name)
            building.set()
            assert finish.wait(10)
            make(file)

        return write(name, filename, content_type, slowly)

    monkeypatch.setattr(heavy, "file_response", slow_build)
    first = []
    worker, errors = in_thread(lambda: first.append(texts(Client().get(WHOLE_LIST))))
    assert building.wait(10)
    # Meanwhile the others are told to come back, at once.
    for _ in range(3):
        assert_busy(Client().get(WHOLE_LIST))
    finish.set()
    worker.join(10)
    assert not errors
    assert first == [{"Words."}]
    assert texts(Client().get(WHOLE_LIST)) == {"Words."}
    assert len(builds) == 1


@pytest.mark.parametrize("address", HEAVY)
def test_heavy_requests_beyond_the_limit_are_told_to_retry(
    client, settings, taken, address
):
    settings.PAGE_CACHE_ENABLED = False
    f.StatementFactory(country=f.CountryFactory(iso_code="MX"))
    assert_busy(client.get(address))
    for slot in taken:
        slot.close()
    response = client.get(address)
    assert response.status_code == 200
    response.close()


def test_a_whole_list_is_built_in_a_slot_and_then_served_without_one(client, taken):
    f.StatementFactory(text="Words.")
    assert_busy(client.get(WHOLE_LIST))
    taken[0].close()
    assert texts(client.get(WHOLE_LIST)) == {"Words."}
    taken[0] = heavy.take_slot()
    assert texts(client.get(WHOLE_LIST)) == {"Words."}


def test_bad_filter_values_are_told_so_even_when_every_slot_is_taken(client, taken):
    response = client.get("/en/statements.csv?year=abc")
    assert response.status_code == 400
    assert "year" in response.json()["errors"]


def test_a_year_outside_the_rcms_is_not_found_even_when_every_slot_is_taken(
    client, taken
):
    assert client.get("/en/events/calendar/1900.ics").status_code == 404
    assert_busy(client.get("/en/events/calendar/2019.ics"))


def test_pages_and_json_pages_need_no_slot(client, taken):
    f.EventFactory()
    for address in ("/en/", "/en/people/", "/en/statements.json?page_size=1000"):
        assert client.get(address).status_code == 200


# Closing a response ends the request, which closes a database connection left inside
# a transaction, as the test's own would be.
@REAL_TRANSACTIONS
def test_a_streamed_download_holds_its_slot_until_it_is_closed(client, settings):
    settings.HEAVY_REQUESTS_AT_ONCE = 1
    f.StatementFactory(country=f.CountryFactory(iso_code="MX"))
    streaming = client.get(FILTERED)
    next(iter(streaming.streaming_content))
    assert_busy(client.get("/en/statements.csv?country=mx"))
    # The client went away: the server closes the response.
    streaming.close()
    abandoned = client.get(FILTERED)
    assert abandoned.status_code == 200
    abandoned.close()  # not even started
    assert texts(client.get(FILTERED))  # read to the end, which closes it
    assert client.get("/en/events/calendar.ics").status_code == 200
    assert client.get("/en/events/calendar/2019.ics").status_code == 200
    slot = heavy.take_slot()
    assert slot is not None
    slot.close()


def test_an_unusable_exports_directory_fails_the_checks_and_healthz(
    client, settings, tmp_path
):
    settings.EXPORTS_ROOT = tmp_path / "a-file" / "exports"
    (tmp_path / "a-file").write_text("not a directory")
    with pytest.raises(SystemCheckError, match="EXPORTS_ROOT"):
        call_command("check")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert b"downloads: EXPORTS_ROOT not writable" in response.content
    assert str(tmp_path).encode() not in response.content
