"""Unknown is a value, never a default: what the sources do not state is not shown,
and what they state approximately or at second hand reads as such."""

import datetime
import re
from types import SimpleNamespace

import icalendar
import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils import timezone

from events.models import Event, Statement

from . import factories as f
from .test_admin import admin_url, event_form, superuser  # noqa: F401
from .test_pages import get_text, page_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def pages_rendered_afresh(settings):
    """Records change inside the test's transaction, which starts no new page-cache
    version (tests/test_page_cache.py tests that)."""
    settings.PAGE_CACHE_ENABLED = False


def test_a_meeting_without_a_time_zone_states_none(client):
    event = f.EventFactory(timezone="", format="virtual", city="")
    event.full_clean()

    text = get_text(client, f"/en/events/{event.slug}/")
    assert "Time zone" not in text
    assert "America/" not in text and "UTC" not in text

    # An all-day event needs no zone: the calendar carries none rather than a guess.
    response = client.get(f"/en/events/{event.slug}.ics")
    cal = icalendar.Calendar.from_ical(response.content)
    assert not cal.walk("VTIMEZONE")
    assert "x-wr-timezone" not in cal
    (vevent,) = cal.walk("VEVENT")
    assert vevent.decoded("dtstart") == datetime.date(2019, 3, 4)

    (row,) = client.get("/en/events.json").json()["results"]
    assert row["timezone"] is None


def test_a_given_time_zone_is_still_shown_and_checked(client):
    event = f.EventFactory(timezone="America/Guatemala")
    assert "Time zone America/Guatemala" in get_text(
        client, f"/en/events/{event.slug}/"
    )
    event.timezone = "Guatemala"
    with pytest.raises(ValidationError, match="not an IANA time zone name"):
        event.full_clean()


def test_a_language_not_stated_is_not_shown_nor_translated_from(client):
    statement = f.StatementFactory(language="", text_en="Words in English only.")
    statement.full_clean()

    for language in ("en", "es"):
        text = get_text(client, f"/{language}{statement.get_absolute_url()[3:]}")
        assert "Words in English only." in text
        for guess in ("Language spoken", "Idioma en que", "Not stated", "No consta"):
            assert guess not in text
        for note in ("translation of the original", "traducción"):
            assert note not in text

    (row,) = client.get("/en/statements.json").json()["results"]
    assert row["language"] is None


def test_a_stated_language_still_reads_and_marks_a_translation(client):
    statement = f.StatementFactory(language="es", text_en="Translated words.")
    text = get_text(client, statement.get_absolute_url())
    assert "Language spoken Spanish" in text
    assert "English translation of the original Spanish" in text


def test_an_undated_statement_shows_no_date_but_sorts_by_its_meeting(client):
    event = f.EventFactory(
        start_date=datetime.date(2019, 3, 4), end_date=datetime.date(2019, 3, 5)
    )
    undated = f.StatementFactory(event=event, date=None, text_en="Undated words.")
    assert undated.said_on == event.start_date

    text = get_text(client, undated.get_absolute_url())
    assert "Undated words." in text
    assert "4 March 2019" not in text
    assert not re.search(r"\bDate\b", text)

    (row,) = client.get("/en/statements.json").json()["results"]
    assert row["date"] is None

    dated = f.StatementFactory(
        event=event, date=datetime.date(2019, 3, 5), text_en="Dated words."
    )
    assert "Date 5 March 2019" in get_text(client, dated.get_absolute_url())


@pytest.mark.parametrize(
    ("qualifier", "english", "spanish"),
    [
        ("more_than", "More than 130 participants", "Más de 130 participantes"),
        ("about", "About 130 participants", "Unos 130 participantes"),
        ("fewer_than", "Fewer than 130 participants", "Menos de 130 participantes"),
        ("exact", "130 participants", "130 participantes"),
    ],
)
def test_an_approximate_count_reads_as_approximate(client, qualifier, english, spanish):
    event = f.EventFactory(participant_count=130, participant_count_qualifier=qualifier)
    english_text = get_text(client, f"/en/events/{event.slug}/")
    spanish_text = get_text(client, f"/es/events/{event.slug}/")
    assert english in english_text
    assert spanish in spanish_text
    if qualifier == "exact":
        for word in ("More than", "About 130", "Fewer than"):
            assert word not in english_text

    (row,) = client.get("/en/events.json").json()["results"]
    assert (row["participant_count"], row["participant_count_qualifier"]) == (
        130,
        qualifier,
    )


def test_an_unknown_count_reads_nothing(client):
    event = f.EventFactory(participant_count=None)
    assert "participant" not in get_text(client, f"/en/events/{event.slug}/")
    (row,) = client.get("/en/events.json").json()["results"]
    assert row["participant_count_qualifier"] is None


QUOTE_MARKS = "\"“”«»‘’'"


def quoted(body, words):
    """Whether `words` stand in a blockquote or a <q>, or follow a quotation mark in
    the text a reader sees."""
    for tag in ("blockquote", "q"):
        for inside in re.findall(rf"<{tag}\b[^>]*>(.*?)</{tag}>", body, re.S):
            if words in inside:
                return True
    text = page_text(SimpleNamespace(content=body.encode()))
    return bool(re.search(rf"[{QUOTE_MARKS}]\s*{re.escape(words)}", text))


@pytest.mark.parametrize("kind", ["reported", "summary"])
def test_reported_speech_and_summaries_are_never_quoted(client, kind):
    event = f.EventFactory()
    words = "The minister said that the countries would work together"
    statement = f.StatementFactory(event=event, kind=kind, text_en=words)
    f.StatementFactory(event=event, text_en="We will work together.")
    label = {"reported": "Reported speech", "summary": "Summary"}[kind]

    pages = [
        f"/en/events/{event.slug}/",
        statement.get_absolute_url(),
        "/en/statements/",
        "/en/",
        f"/en/people/{statement.speaker.slug}/",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert words in body, url
        assert not quoted(body, words), url
        assert label in page_text(response), url
    # Search marks the words found, so the words are not found whole there.
    search = client.get("/en/search/?q=minister")
    assert "<blockquote" not in search.content.decode()
    assert f"{label}: The minister said" in page_text(search)
    # The verbatim quote beside it still is one.
    body = client.get(f"/en/events/{event.slug}/").content.decode()
    assert quoted(body, "We will work together.")

    feed = client.get("/en/feeds/statements/").content.decode()
    assert f"{label}: {words}" in feed
    assert not quoted(feed, words)

    structured = client.get(statement.get_absolute_url()).content.decode()
    assert '"@type": "Quotation"' not in structured
    assert "spokenByCharacter" not in structured


def test_existing_statements_are_verbatim_quotes(seed):
    assert set(Statement.objects.values_list("kind", flat=True)) == {"verbatim"}
    assert Event.objects.get().participant_count_qualifier == "exact"


@pytest.mark.parametrize(
    ("days", "status", "english", "spanish"),
    [
        (-30, "scheduled", "(Held)", "(Celebrada)"),
        (30, "scheduled", None, None),
        (-30, "cancelled", "(Cancelled)", "(Cancelada)"),
        (30, "postponed", "(Postponed)", "(Aplazada)"),
    ],
)
def test_a_past_scheduled_meeting_reads_held(client, days, status, english, spanish):
    day = timezone.localdate() + datetime.timedelta(days=days)
    event = f.EventFactory(start_date=day, end_date=day, event_status=status)
    english_text = get_text(client, f"/en/events/{event.slug}/")
    spanish_text = get_text(client, f"/es/events/{event.slug}/")
    if english:
        assert english in english_text
        assert spanish in spanish_text
        assert english.strip("()") in get_text(client, "/en/events/")
    else:
        for word in ("Held", "Scheduled"):
            assert word not in english_text
    # A display rule, not a change to the record.
    event.refresh_from_db()
    assert event.event_status == status


@pytest.mark.admin
def test_editors_leave_unknowns_empty_and_pick_kinds_in_the_admin(
    client,
    superuser,  # noqa: F811
):
    speaker = f.PersonFactory()
    response = client.post(
        admin_url(Event, "add"),
        event_form(
            timezone="",
            participant_count="130",
            participant_count_qualifier="more_than",
            **{
                "statements-TOTAL_FORMS": "1",
                "statements-0-speaker": str(speaker.pk),
                "statements-0-text_en": "The delegates agreed to meet again.",
                "statements-0-kind": "summary",
                "statements-0-language": "",
                "statements-0-order": "1",
                "statements-0-publication_status": "draft",
            },
        ),
    )
    assert response.status_code == 302
    event = Event.objects.get(slug="vice-ministerial-2019")
    assert (event.timezone, event.participant_count_qualifier) == ("", "more_than")
    (statement,) = event.statements.all()
    assert (statement.kind, statement.language, statement.date) == ("summary", "", None)
    assert event.history.first().participant_count_qualifier == "more_than"
    assert statement.history.first().kind == "summary"

    changelist = client.get(admin_url(Statement, "changelist") + "?kind__exact=summary")
    assert list(changelist.context["cl"].result_list) == [statement]
    assert "kind" in admin.site._registry[Statement].list_filter
    form = client.get(admin_url(Statement, "change", statement.pk)).content.decode()
    assert '<option value="" selected>Not stated</option>' in form


def test_a_format_not_stated_is_not_shown_nor_guessed(client):
    from .test_open_formats import json_ld

    event = f.EventFactory(title="A meeting of unknown format", format="")
    response = client.get(event.get_absolute_url())
    assert "Format" not in page_text(response)
    assert "In person" not in page_text(response)
    assert "eventAttendanceMode" not in json_ld(response)
    rows = client.get("/en/events.json").json()["results"]
    assert [row["format"] for row in rows if row["slug"] == event.slug] == [None]
    assert Event._meta.get_field("format").get_default() == ""


def test_a_stated_format_is_still_shown(client):
    event = f.EventFactory(format="virtual")
    assert "Virtual" in page_text(client.get(event.get_absolute_url()))
