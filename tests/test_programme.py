"""A meeting's programme: a working group that met online as three sessions on three
Wednesdays (tests/fixtures/three-sessions.json), read on its page, on list cards, in
calendars and in the admin."""

import datetime
import json
import re
from pathlib import Path

import icalendar
import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Event, Participation, Session, Statement

from . import factories as f
from .conftest import WORKSHOP
from .test_admin import admin_url, event_form, superuser  # noqa: F401
from .test_pages import get_text, page_text

pytestmark = pytest.mark.django_db

FIXTURE = Path(__file__).parent / "fixtures" / "three-sessions.json"
MEETING = "working-group-2021"
URL = f"/en/events/{MEETING}/"
SESSION_UIDS = {
    "3d9b6a10-2f4c-4b1e-a6d7-5e8f9a0b1c01@rcm-meetings",
    "5a1c2e33-7d8e-4f90-b1a2-c3d4e5f60702@rcm-meetings",
    "7c0e1d22-5b9f-4f55-8f3e-0d6a3c1b9e03@rcm-meetings",
}


@pytest.fixture
def programme(db):
    call_command("loaddata", FIXTURE, verbosity=0)
    return Event.objects.get(slug=MEETING)


def section(text, start, end):
    """The page's text from one heading up to the next."""
    return text[text.index(start) : text.index(end, text.index(start))]


def story_text(client, url):
    """The page's text without its contents list, which names its headings too."""
    response = client.get(url)
    assert response.status_code == 200, url
    response.content = re.sub(
        rb'<nav class="contents".*?</nav>', b"", response.content, flags=re.S
    )
    return page_text(response)


def calendar_events(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return icalendar.Calendar.from_ical(response.content).walk("VEVENT")


def test_the_page_lists_the_sessions_by_day_in_order(programme, client):
    text = story_text(client, URL)
    shown = section(text, "Programme", "Who took part")
    days_and_sessions = [
        "3 March 2021",
        "10:00–12:00 Opening session",
        "10 March 2021",
        "09:30 Panel on fair recruitment",
        "17 March 2021",
        "Closing session",
    ]
    positions = [shown.index(part) for part in days_and_sessions]
    assert positions == sorted(positions)
    assert "Online link" in shown


def test_two_sessions_on_a_day_follow_their_times(programme, client):
    f.SessionFactory(
        event=programme, title="Working lunch", date=datetime.date(2021, 3, 3), order=0
    )
    f.SessionFactory(
        event=programme,
        title="Morning briefing",
        date=datetime.date(2021, 3, 3),
        start_time=datetime.time(8, 0),
        order=9,
    )
    shown = section(story_text(client, URL), "Programme", "10 March 2021")
    titles = ["Morning briefing", "Opening session", "Working lunch"]
    assert [shown.index(title) for title in titles] == sorted(
        shown.index(title) for title in titles
    )


@pytest.mark.parametrize(
    ("language", "days", "range_"),
    [
        ("en", "3, 10 and 17 March 2021", "3–17 March 2021"),
        ("es", "3, 10 y 17 de marzo de 2021", "3–17 de marzo de 2021"),
    ],
)
def test_separate_days_never_read_as_one_range(
    programme, client, language, days, range_
):
    for url in (
        f"/{language}/events/{MEETING}/",
        f"/{language}/events/",
        f"/{language}/search/?q=working",
    ):
        text = get_text(client, url)
        assert days in text, url
        assert range_ not in text, url


def test_days_across_months_and_years_name_each_once(db):
    event = f.EventFactory(
        start_date=datetime.date(2020, 12, 30), end_date=datetime.date(2021, 2, 3)
    )
    for day in (datetime.date(2021, 1, 6), datetime.date(2021, 1, 13)):
        f.SessionFactory(event=event, date=day)
    assert event.dates_shown == "30 December 2020, 6, 13 January and 3 February 2021"


def test_sessions_on_following_days_are_a_range(db):
    event = f.EventFactory(
        start_date=datetime.date(2019, 3, 4), end_date=datetime.date(2019, 3, 5)
    )
    f.SessionFactory(event=event, date=datetime.date(2019, 3, 4))
    f.SessionFactory(event=event, date=datetime.date(2019, 3, 5))
    assert event.dates_shown == "4–5 March 2019"


def test_the_meeting_calendar_holds_an_event_per_session(programme, client):
    vevents = calendar_events(client, f"/en/events/{MEETING}.ics")
    assert {str(v["uid"]) for v in vevents} == SESSION_UIDS
    by_title = {str(v["summary"]).split(" · ")[0]: v for v in vevents}
    opening = by_title["Opening session"]
    assert opening["dtstart"].params["TZID"] == "America/Costa_Rica"
    assert opening["dtstart"].dt == datetime.datetime(
        2021, 3, 3, 10, 0, tzinfo=opening["dtstart"].dt.tzinfo
    )
    assert opening["dtend"].dt.time() == datetime.time(12, 0)
    assert str(opening["location"]) == "https://meet.example.org/rcm-opening"
    panel = by_title["Panel on fair recruitment"]
    assert panel["dtstart"].params["TZID"] == "America/Costa_Rica"
    assert "dtend" not in panel, "an unknown end is left out, not guessed"
    closing = by_title["Closing session"]
    assert closing["dtstart"].dt == datetime.date(2021, 3, 17)
    assert closing["dtend"].dt == datetime.date(2021, 3, 18)
    assert "TZID" not in closing["dtstart"].params


def test_without_a_time_zone_timed_sessions_are_all_day(programme, client):
    Event.objects.filter(pk=programme.pk).update(timezone="")
    response = client.get(f"/en/events/{MEETING}.ics")
    assert b"TZID" not in response.content
    vevents = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert sorted(v["dtstart"].dt for v in vevents) == [
        datetime.date(2021, 3, 3),
        datetime.date(2021, 3, 10),
        datetime.date(2021, 3, 17),
    ]


def test_session_uids_survive_an_edit(programme, client):
    session = Session.objects.get(slug="opening")
    session.title_en, session.slug = "Opening", "start"
    session.save()
    uids = {str(v["uid"]) for v in calendar_events(client, f"/en/events/{MEETING}.ics")}
    assert uids == SESSION_UIDS


def test_the_subscription_calendar_holds_each_session(programme, seed, client):
    vevents = calendar_events(client, "/en/events/calendar/2021.ics")
    assert sorted(str(v["uid"]) for v in vevents) == sorted(SESSION_UIDS)
    # The seed meeting has no programme: still one all-day event, as before.
    (workshop,) = calendar_events(client, "/en/events/calendar/2018.ics")
    assert (
        str(workshop["uid"]) == f"{Event.objects.get(slug=WORKSHOP).uuid}@rcm-meetings"
    )


def test_structured_data_names_each_session(programme, client):
    body = client.get(URL).content.decode()
    script = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', body, re.S
    )
    sessions = json.loads(script.group(1))["subEvent"]
    assert [(s["name"], s["startDate"], s.get("endDate")) for s in sessions] == [
        ("Opening session", "2021-03-03T10:00:00-06:00", "2021-03-03T12:00:00-06:00"),
        ("Panel on fair recruitment", "2021-03-10T09:30:00-06:00", None),
        ("Closing session", "2021-03-17", None),
    ]


def test_participations_appear_under_their_session(programme, client):
    text = story_text(client, URL)
    programme_text = section(text, "Programme", "Who took part")
    opening = section(programme_text, "Opening session", "10 March 2021")
    assert "Ana Rojas Moderator" in opening
    assert "Luis Mora Speaker" in opening
    closing = programme_text[programme_text.index("Closing session") :]
    assert "Ana Rojas Speaker" in closing
    assert "Luis Mora" not in closing
    # Only the part in the meeting as a whole is listed apart.
    named = section(text, "Speakers and participants named", "More meetings")
    assert "Luis Mora Participant" in named
    assert "Ana Rojas" not in named


def test_a_person_in_several_sessions_reads_so_on_their_page(programme, client):
    text = get_text(client, "/en/people/ana-rojas/")
    assert (
        "3, 10 and 17 March 2021 · Moderator (Session: Opening session, 3 March 2021); "
        "Speaker (Session: Closing session, 17 March 2021)"
    ) in text


def test_a_statement_names_its_session_and_its_date_as_the_sessions(programme, client):
    statement = Statement.objects.get(session__slug="recruitment-panel")
    assert statement.date is None
    assert statement.said_on == datetime.date(2021, 3, 10)
    card = get_text(client, URL)
    assert "Session: Panel on fair recruitment, 10 March 2021" in card
    detail = get_text(client, statement.get_absolute_url())
    assert "Session Panel on fair recruitment, 10 March 2021" in detail
    # The session's day is not the statement's own date.
    assert not re.search(r"\bDate\b", detail)
    listed = get_text(client, "/en/statements/")
    assert "Session: Panel on fair recruitment, 10 March 2021" in listed


def test_a_statement_follows_its_sessions_day(programme):
    session = Session.objects.get(slug="recruitment-panel")
    session.date = datetime.date(2021, 3, 11)
    session.save()
    assert Statement.objects.get(session=session).said_on == datetime.date(2021, 3, 11)
    # A change to the meeting leaves it on its session's day.
    programme.refresh_from_db()
    programme.save()
    assert Statement.objects.get(session=session).said_on == datetime.date(2021, 3, 11)


def test_a_session_belongs_to_its_meeting(programme):
    other = f.EventFactory()
    statement = Statement.objects.get(session__slug="recruitment-panel")
    statement.event = other
    with pytest.raises(ValidationError, match="session of the statement's meeting"):
        statement.full_clean()
    session = Session.objects.get(slug="opening")
    participation = Participation.objects.filter(session=session).first()
    participation.event = other
    with pytest.raises(ValidationError, match="Pick a session of this meeting"):
        participation.full_clean()
    session.date = datetime.date(2021, 3, 18)
    with pytest.raises(ValidationError, match="within its meeting's dates"):
        session.full_clean()


def test_one_role_per_person_per_session_or_meeting(programme):
    opening = Session.objects.get(slug="opening")
    ana = opening.participations.get(role="moderator").person
    taken = Participation(
        event=programme, session=opening, person=ana, role="moderator"
    )
    with pytest.raises(ValidationError, match="already has this role in the session"):
        taken.full_clean()
    luis = Participation.objects.get(session=None, event=programme).person
    again = Participation(event=programme, person=luis, role="participant")
    with pytest.raises(ValidationError, match="already has this role at the meeting"):
        again.full_clean()
    # The same role in another session, or another role, is another part.
    Participation(
        event=programme,
        session=Session.objects.get(slug="closing"),
        person=ana,
        role="moderator",
    ).full_clean()


def test_natural_keys_name_sessions_and_loading_twice_changes_nothing(programme):
    opening = Session.objects.get(slug="opening")
    assert opening.natural_key() == (MEETING, "opening")
    assert Session.objects.get_by_natural_key(*opening.natural_key()) == opening
    for participation in Participation.objects.filter(event=programme):
        key = participation.natural_key()
        assert Participation.objects.get_by_natural_key(*key) == participation
    counts = (Session.objects.count(), Participation.objects.count())
    call_command("loaddata", FIXTURE, verbosity=0)
    assert (Session.objects.count(), Participation.objects.count()) == counts


def test_the_seed_has_no_programme_and_reads_as_before(seed, client):
    workshop = Event.objects.get(slug=WORKSHOP)
    assert not workshop.sessions.exists()
    text = get_text(client, f"/en/events/{WORKSHOP}/")
    assert "4–5 September 2018" in text
    assert "Programme" not in text
    assert "Miguel Díaz Reynoso" in section(
        text, "Speakers and participants named", "What happened"
    )
    assert len(calendar_events(client, f"/en/events/{WORKSHOP}.ics")) == 1


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_query_counts_stay_fixed_as_sessions_grow(programme, client, settings):
    settings.PAGE_CACHE_ENABLED = False
    urls = [
        URL,
        "/en/events/",
        f"/en/events/{MEETING}.ics",
        "/en/events/calendar.ics",
        "/en/people/ana-rojas/",
        "/en/statements/",
    ]
    before = [count_queries(client, url) for url in urls]
    ana = Participation.objects.filter(role="moderator").first().person
    for n in range(10):
        session = f.SessionFactory(
            event=programme,
            date=datetime.date(2021, 3, 3 + n % 14),
            start_time=datetime.time(8 + n % 8),
        )
        f.ParticipationFactory(
            event=programme, session=session, person=ana, role="speaker"
        )
        f.StatementFactory(event=programme, session=session, speaker=ana)
        f.SessionFactory(event=f.EventFactory())
    assert [count_queries(client, url) for url in urls] == before


@pytest.mark.admin
def test_staff_add_a_meeting_with_its_programme(superuser, client):  # noqa: F811
    session = {
        "sessions-TOTAL_FORMS": "1",
        "sessions-0-date": "2019-06-07",
        "sessions-0-start_time": "09:00",
        "sessions-0-title_en": "Opening",
        "sessions-0-slug": "opening",
        "sessions-0-order": "0",
    }
    response = client.post(admin_url(Event, "add"), event_form(**session))
    assert response.status_code == 200
    assert "A session is held within its meeting" in response.content.decode()
    session["sessions-0-date"] = "2019-06-05"
    response = client.post(admin_url(Event, "add"), event_form(**session))
    assert response.status_code == 302
    event = Event.objects.get(slug="vice-ministerial-2019")
    assert [(s.slug, s.start_time) for s in event.sessions.all()] == [
        ("opening", datetime.time(9, 0))
    ]


@pytest.mark.admin
def test_the_participants_session_field_offers_this_meetings_sessions(
    programme,
    superuser,  # noqa: F811
    client,
):
    f.SessionFactory(slug="elsewhere")
    page = client.get(admin_url(Event, "change", programme.pk))
    for model in (Participation, Statement):
        formset = next(
            fs.formset
            for fs in page.context["inline_admin_formsets"]
            if fs.formset.model is model
        )
        choices = formset.form.base_fields["session"].queryset
        assert set(choices.values_list("slug", flat=True)) == {
            "opening",
            "recruitment-panel",
            "closing",
        }
        assert "Opening session (2021-03-03)" in page.content.decode()


def test_a_sessions_documents_are_listed_under_it(programme, client):
    opening = Session.objects.get(slug="opening")
    f.DocumentFactory(
        event=programme, session=opening, title="Opening agenda", kind="agenda"
    )
    f.DocumentFactory(event=programme, title="Concept note", kind="concept_note")
    text = story_text(client, URL)
    programme_text = section(text, "Programme", "Who took part")
    assert "Opening agenda" in section(programme_text, "Opening session", "10 March")
    assert "Concept note" not in programme_text
    documents = text[text.index("Documents") :]
    assert "Concept note" in documents
    assert "Opening agenda" not in documents
    rows = client.get("/en/events.json").json()["results"]
    (meeting,) = [row for row in rows if row["slug"] == MEETING]
    assert {d["title"]: d["session"] for d in meeting["documents"]} == {
        "Opening agenda": "opening",
        "Concept note": None,
    }


def test_a_document_names_a_session_of_its_own_meeting(programme):
    document = f.DocumentFactory(session=Session.objects.get(slug="opening"))
    with pytest.raises(ValidationError, match="This session belongs to another"):
        document.full_clean()


def test_a_session_whose_day_is_not_stated(programme, client):
    reports = f.SessionFactory(
        event=programme, title="Working group reports", slug="reports", date=None
    )
    statement = f.StatementFactory(event=programme, session=reports, date=None)
    text = story_text(client, URL)
    programme_text = section(text, "Programme", "Who took part")
    # Listed apart, after the days the programme states, never given one.
    assert programme_text.index("Day not stated") > programme_text.index("17 March")
    assert (
        "Working group reports"
        in programme_text[programme_text.index("Day not stated") :]
    )
    assert "Session: Working group reports" in get_text(
        client, statement.get_absolute_url()
    ).replace(",", "")
    statement.refresh_from_db()
    assert statement.said_on == programme.start_date
    # The calendar places the sessions whose day it knows, and no other.
    assert len(calendar_events(client, f"/en/events/{MEETING}.ics")) == 3
    assert "3, 10 and 17 March 2021" in text


def test_a_meeting_whose_only_session_has_no_day_is_one_calendar_event(client):
    event = f.EventFactory()
    f.SessionFactory(event=event, date=None)
    (vevent,) = calendar_events(client, f"/en/events/{event.slug}.ics")
    assert vevent.decoded("dtstart") == event.start_date
