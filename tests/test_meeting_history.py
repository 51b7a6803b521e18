"""A meeting's history holds its inline records' changes, one entry per save; two
versions compare side by side; a restore brings the inline records back; editors
read it all without a 403; a change form says who else has it open."""

import datetime
import html
import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from events.models import Event, Participation, Statement
from rcm_site.presence import EXPIRY

from . import factories as f
from .test_editorial import CHANGE_EVENT, event_form, restore_form, staff
from .test_pages import page_text

pytestmark = [pytest.mark.django_db, pytest.mark.admin]


def history_url(event):
    return reverse("admin:events_event_history", args=[event.pk])


def revert_url(event, version):
    return reverse(
        "admin:events_event_simple_history", args=[event.pk, version.history_id]
    )


def history_rows(response):
    """The text of each version's row in a history page, newest first."""
    body = response.content.decode()
    tbody = body[body.index("<tbody>") : body.index("</tbody>")]
    return [
        " ".join(html.unescape(re.sub(r"<[^>]+>", " ", row)).split())
        for row in re.findall(r"<tr>(.*?)</tr>", tbody, re.S)
    ]


def inlines(event, participations=(), statements=()):
    """The meeting form's participation and statement rows, as posted: each
    participation a (participation or None, person, delete?), each statement a
    (statement, text)."""
    data = {
        "participations-TOTAL_FORMS": str(len(participations)),
        "participations-INITIAL_FORMS": str(sum(1 for p in participations if p[0])),
        "statements-TOTAL_FORMS": str(len(statements)),
        "statements-INITIAL_FORMS": str(len(statements)),
    }
    for i, (participation, person, delete) in enumerate(participations):
        prefix = f"participations-{i}-"
        data.update(
            {
                prefix + "id": str(participation.pk) if participation else "",
                prefix + "event": str(event.pk),
                prefix + "person": str(person.pk),
                prefix + "role": "participant",
                prefix + "order": "0",
            }
        )
        if delete:
            data[prefix + "DELETE"] = "on"
    for i, (statement, text) in enumerate(statements):
        prefix = f"statements-{i}-"
        data.update(
            {
                prefix + "id": str(statement.pk),
                prefix + "event": str(event.pk),
                prefix + "speaker": str(statement.speaker_id),
                prefix + "text_en": text,
                prefix + "kind": "verbatim",
                prefix + "language": "en",
                prefix + "order": "0",
                prefix + "publication_status": statement.publication_status,
                prefix + "opened_version": str(statement.version),
            }
        )
    return data


@pytest.fixture
def publisher(client):
    user = staff("paco", "Publisher")
    user.first_name, user.last_name = "Paco", "Ruiz"
    user.save()
    client.force_login(user)
    return user


@pytest.fixture
def meeting(publisher, client):
    """A meeting with Ana as participant and one statement, then saved once through
    the admin, so that its history has a version holding all three."""
    event = f.EventFactory(title="Labour migration workshop")
    ana = f.PersonFactory(given_name="Ana", family_name="Pérez")
    participation = f.ParticipationFactory(event=event, person=ana)
    statement = f.StatementFactory(event=event, text="Old words.")
    response = client.post(
        reverse(CHANGE_EVENT, args=[event.pk]),
        event_form(
            event,
            title_en="Workshop on labour migration",
            publication_status="published",
            **inlines(
                event, [(participation, ana, False)], [(statement, "Old words.")]
            ),
        ),
    )
    assert response.status_code == 302
    event.refresh_from_db()
    return event, participation, statement


def second_save(client, meeting):
    """Deletes Ana's participation, adds Luis's, rewrites the statement."""
    event, participation, statement = meeting
    luis = f.PersonFactory(given_name="Luis", family_name="Mora")
    statement.refresh_from_db()
    response = client.post(
        reverse(CHANGE_EVENT, args=[event.pk]),
        event_form(
            event,
            publication_status="published",
            **inlines(
                event,
                [(participation, participation.person, True), (None, luis, False)],
                [(statement, "New words.")],
            ),
        ),
    )
    assert response.status_code == 302
    event.refresh_from_db()
    return luis


def test_one_save_of_a_new_meeting_is_one_entry(publisher, client):
    topics = [f.TopicFactory(), f.TopicFactory()]
    sector, source = f.SectorFactory(), f.SourceFactory()
    person = f.PersonFactory()
    new = f.EventFactory.build(slug="new-meeting", title="First title")
    response = client.post(
        reverse("admin:events_event_add"),
        event_form(
            new,
            opened_version="",
            topics=[str(t.pk) for t in topics],
            sectors=[str(sector.pk)],
            sources=[str(source.pk)],
            publication_status="published",
            **{
                "participations-TOTAL_FORMS": "1",
                "participations-0-person": str(person.pk),
                "participations-0-role": "participant",
                "participations-0-order": "0",
            },
        ),
    )
    assert response.status_code == 302
    event = Event.objects.get(slug="new-meeting")
    assert event.history.count() == 1
    assert event.history.get().history_type == "+"

    response = client.post(
        reverse(CHANGE_EVENT, args=[event.pk]),
        event_form(
            event,
            title_en="Second title",
            topics=[str(topics[0].pk)],
            publication_status="published",
        ),
    )
    assert response.status_code == 302
    assert event.history.count() == 2
    text = page_text(client.get(history_url(event)))
    # Once, labelled with its language; not again under the untranslated "Title".
    assert text.count("First title → Second title") == 1
    assert "Title [en]: First title → Second title" in text


def test_the_meetings_history_holds_its_inline_changes(publisher, client, meeting):
    event = meeting[0]
    before = event.history.count()
    second_save(client, meeting)
    assert event.history.count() == before + 1

    latest, first, _created = history_rows(client.get(history_url(event)))
    assert "Participant “Ana Pérez (Participant)”: deleted" in latest
    assert "Participant “Luis Mora (Participant)”: added" in latest
    assert "Statement “New words.”: changed" in latest
    assert "Text [en]: Old words. → New words." in latest
    # Each entry lists what its own save changed.
    assert "Luis Mora" not in first
    assert "Title [en]: Labour migration workshop → Workshop on labour" in first


def test_a_save_changing_only_inline_records_is_an_entry_and_a_new_version(
    publisher, client, meeting
):
    event, _participation, statement = meeting
    version, entries = event.version, event.history.count()
    statement.refresh_from_db()
    # An editor's form has no publication fields: the meeting's own are unchanged.
    client.force_login(staff("edna", "Editor"))
    response = client.post(
        reverse(CHANGE_EVENT, args=[event.pk]),
        event_form(
            event,
            publication_status="published",
            **inlines(event, statements=[(statement, "Corrected words.")]),
        ),
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.version, event.history.count()) == (version + 1, entries + 1)
    assert "Text [en]: Old words. → Corrected words." in page_text(
        client.get(history_url(event))
    )
    # Ticking "ready for review" changes none of the meeting's own fields either.
    statement.refresh_from_db()
    client.post(
        reverse(CHANGE_EVENT, args=[event.pk]),
        event_form(
            event,
            publication_status="published",
            ready_for_review="on",
            **inlines(event, statements=[(statement, "Words corrected again.")]),
        ),
    )
    event.refresh_from_db()
    assert (event.version, event.history.count()) == (version + 2, entries + 2)


def test_two_versions_compare_side_by_side(publisher, client, meeting):
    event = meeting[0]
    second_save(client, meeting)
    old, new = event.history.order_by("history_date")[1], event.history.latest()
    url = reverse("admin:events_event_history_compare", args=[event.pk])
    response = client.get(url, {"old": new.history_id, "new": old.history_id})
    assert response.status_code == 200
    text = page_text(response)
    assert "Text [en]: Old words. Text [en]: New words." in text
    assert "Ana Pérez (Participant) (changed) there deleted" in text
    assert "Luis Mora (Participant) (changed) not there added" in text
    assert "Title [en] Workshop on labour migration Workshop on labour migration" in (
        text
    )
    assert response.content.decode().count('class="changed"') == 3
    # The first version, made outside the admin, has no recorded author.
    first = event.history.earliest()
    response = client.get(url, {"old": first.history_id, "new": new.history_id})
    assert "(not recorded)" in page_text(response)

    for bad in ({}, {"old": "x", "new": new.history_id}, {"old": 0, "new": 0}):
        response = client.get(url, bad)
        assert response.status_code == 302
        assert "Choose two versions to compare" in page_text(
            client.get(history_url(event))
        )


def test_restore_brings_back_a_deleted_participant_and_a_changed_statement(
    publisher, client, meeting
):
    event, participation, statement = meeting
    luis = second_save(client, meeting)
    version = event.history.order_by("history_date")[1]
    entries = event.history.count()

    url = revert_url(event, version)
    shown = page_text(client.get(url))
    assert "Participant “Ana Pérez (Participant)”: comes back" in shown
    assert "Statement “Old words.”: goes back to what it was then" in shown
    assert "Participant “Luis Mora (Participant)”: added since, is removed" in shown

    response = client.post(
        url, restore_form(client, url, version, publication_status="published")
    )
    assert response.status_code == 302
    assert Participation.objects.get(pk=participation.pk).person.family_name == "Pérez"
    assert not Participation.objects.filter(event=event, person=luis).exists()
    statement.refresh_from_db()
    assert statement.text == "Old words."
    assert event.history.count() == entries + 1


def test_an_editor_restoring_brings_a_deleted_statement_back_as_a_draft(
    publisher, client, meeting
):
    event, _participation, statement = meeting
    version = event.history.latest()
    statement.refresh_from_db()
    response = client.post(
        reverse(CHANGE_EVENT, args=[event.pk]),
        event_form(
            event,
            publication_status="published",
            **{
                **inlines(event, statements=[(statement, "Old words.")]),
                "statements-0-DELETE": "on",
            },
        ),
    )
    assert response.status_code == 302
    assert not Statement.objects.filter(pk=statement.pk).exists()

    client.force_login(staff("edna", "Editor"))
    url = revert_url(event, version)
    assert client.post(url, restore_form(client, url, version)).status_code == 302
    restored = Statement.objects.get(pk=statement.pk)
    assert (restored.text, restored.publication_status) == ("Old words.", "draft")


def test_a_restore_refused_changes_nothing(publisher, client, meeting):
    event, participation, _statement = meeting
    version = event.history.order_by("history_date")[1]
    second_save(client, meeting)
    # Ana's participation cannot come back once Ana is gone.
    person = participation.person
    Participation.objects.filter(person=person).delete()
    person.delete()
    title = event.title
    url = revert_url(event, version)
    response = client.post(
        url,
        restore_form(
            client, url, version, title_en="Other", publication_status="published"
        ),
    )
    assert response.status_code == 302
    assert "names a person deleted since" in page_text(client.get(url))
    event.refresh_from_db()
    assert event.title == title
    # The history still names the participation, by its kind and key.
    assert f"Participant “Participant {participation.pk}”: deleted" in page_text(
        client.get(history_url(event))
    )


def test_an_editor_reads_the_history_without_a_403(publisher, client, meeting):
    event = meeting[0]
    second_save(client, meeting)
    editor = Client()
    editor.force_login(staff("edna", "Editor"))
    response = editor.get(history_url(event))
    assert response.status_code == 200
    assert "Paco Ruiz" in page_text(response)
    links = set(re.findall(r'href="(/admin/[^"]*)"', response.content.decode()))
    assert len([link for link in links if "/history/" in link]) == 3
    versions = event.history.all()
    links.add(
        reverse("admin:events_event_history_compare", args=[event.pk])
        + f"?old={versions[1].history_id}&new={versions[0].history_id}"
    )
    for link in links:
        assert editor.get(link.replace("&amp;", "&")).status_code < 400, link


def test_presence_notice_for_the_second_editor_only_until_it_expires(client):
    event = f.EventFactory()
    url = reverse(CHANGE_EVENT, args=[event.pk])
    heartbeat = reverse("admin:events_event_presence", args=[event.pk])
    ana, luis = Client(), Client()
    ana_user = staff("ana", "Editor")
    ana_user.first_name, ana_user.last_name = "Ana", "Pérez"
    ana_user.save()
    ana.force_login(ana_user)
    luis.force_login(staff("luis", "Editor"))
    opened = timezone.localtime(timezone.now())

    with time_machine.travel(opened, tick=False):
        assert "also editing" not in page_text(ana.get(url))
        shown = page_text(luis.get(url))
    assert f"Ana Pérez is also editing this record (since {opened:%H:%M})." in shown
    with time_machine.travel(opened + datetime.timedelta(seconds=30), tick=False):
        assert ana.post(heartbeat).json() == {
            "notices": [f"luis is also editing this record (since {opened:%H:%M})."]
        }
        assert "Ana Pérez is also editing" in page_text(luis.get(url))

    # Luis keeps beating; Ana stopped at +30 s.
    later = (
        opened + datetime.timedelta(seconds=30) + EXPIRY + datetime.timedelta(seconds=1)
    )
    with time_machine.travel(later, tick=False):
        assert luis.post(heartbeat).json() == {"notices": []}
        assert "also editing" not in page_text(luis.get(url))

    with time_machine.travel(later, tick=False):
        ana.get(url)
        assert luis.post(heartbeat).json()["notices"]
        ana.post(heartbeat, {"leave": "1"})
        assert luis.post(heartbeat).json() == {"notices": []}


@pytest.mark.parametrize(
    "address",
    [
        "/admin/events/event/abc/history/compare/?old=1&new=2",
        "/admin/events/event/abc/history/1/",
        "/admin/events/event/{event}/history/abc/",
        "/admin/events/event/999999/history/compare/?old=1&new=2",
    ],
)
def test_an_address_that_names_no_version_is_404_not_500(publisher, client, address):
    event = f.EventFactory()
    assert client.get(address.format(event=event.pk)).status_code == 404


def test_a_heartbeat_for_no_record_is_404_and_needs_a_post(publisher, client):
    event = f.EventFactory()
    assert client.post("/admin/events/event/abc/presence/").status_code == 404
    heartbeat = reverse("admin:events_event_presence", args=[event.pk])
    assert client.get(heartbeat).status_code == 405
