"""Review before publishing, and publishing a meeting with the drafts it names."""

import datetime
import re
import zoneinfo

import pytest
import time_machine
from django.contrib.auth.models import Group, Permission, User
from django.core import mail
from django.test import Client
from django.urls import reverse

from events.models import Event, Statement
from people.models import Organization, Person

from . import factories as f
from .conftest import REAL_TRANSACTIONS
from .test_editorial import event_form
from .test_pages import page_text

pytestmark = [pytest.mark.django_db, pytest.mark.admin]

SITE_TZ = zoneinfo.ZoneInfo("America/Costa_Rica")
TO_REVIEW = reverse("admin:rcm_site_reviewrequest_changelist") + "?state__exact=ready"
EVENTS = reverse("admin:events_event_changelist")


def staff(name, group, email=""):
    user = User.objects.create_user(name, email, "pw", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(client):
    user = staff("edna", "Editor", "edna@example.org")
    client.force_login(user)
    return user


@pytest.fixture
def publisher(client):
    user = staff("paco", "Publisher", "paco@example.org")
    client.force_login(user)
    return user


def publish_url(record):
    opts = record._meta
    return reverse(
        f"admin:{opts.app_label}_{opts.model_name}_publish", args=[record.pk]
    )


def change_url(record):
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])


def draft_meeting(**fields):
    return f.EventFactory(publication_status="draft", publish_at=None, **fields)


def submit_from_form(client, event, **overrides):
    return client.post(
        change_url(event), event_form(event, ready_for_review="on", **overrides)
    )


def result_rows(response):
    """The rows of an admin list as text, in order."""
    page = response.content.decode()
    if 'id="result_list"' not in page:
        return []
    table = page.split('id="result_list"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table.split("<tbody>", 1)[1], re.S)
    return [page_text(type("R", (), {"content": row.encode()})) for row in rows]


def test_an_editor_submits_with_a_proposed_time_and_the_publishers_are_mailed(
    client, editor, django_capture_on_commit_callbacks
):
    staff("paco", "Publisher", "paco@example.org")
    staff("pia", "Publisher", "pia@example.org")
    staff("pedro", "Publisher")  # no address: nobody to mail
    staff("eva", "Editor", "eva@example.org")
    User.objects.create_superuser("chief", "chief@example.org", "pw")
    event = draft_meeting(title="Zeta Meeting")

    form = client.get(change_url(event)).content.decode()
    assert 'name="ready_for_review"' in form
    assert 'name="proposed_publish_at_0"' in form
    assert 'name="publication_status"' not in form
    with django_capture_on_commit_callbacks(execute=True):
        response = submit_from_form(
            client,
            event,
            proposed_publish_at_0="2030-12-01",
            proposed_publish_at_1="09:00",
        )
    assert response.status_code == 302

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == ["paco@example.org", "pia@example.org"]
    assert "Zeta Meeting" in message.subject
    assert "edna" in message.body
    assert f"http://testserver{publish_url(event)}" in message.body
    assert "Proposed publish time: Dec. 1, 2030, 9 a.m." in message.body

    text = page_text(client.get(change_url(event)))
    assert "Submitted for review by edna" in text
    assert "Draft" in text
    event.refresh_from_db()
    assert event.publication_status == "draft"

    # Saving again (still ticked) neither asks twice nor mails again.
    with django_capture_on_commit_callbacks(execute=True):
        submit_from_form(
            client,
            event,
            title_en="Zeta Meeting, revised",
            proposed_publish_at_0="2030-12-02",
            proposed_publish_at_1="09:00",
        )
    assert len(mail.outbox) == 1
    client.force_login(User.objects.get(username="paco"))
    rows = result_rows(client.get(TO_REVIEW))
    assert len(rows) == 1
    assert "Dec. 2, 2030, 9 a.m." in rows[0]


def test_an_editor_submits_from_the_list_but_cannot_publish_even_by_crafted_posts(
    client, editor, django_capture_on_commit_callbacks
):
    staff("paco", "Publisher", "paco@example.org")
    event = draft_meeting(title="Zeta Meeting")
    person = f.PersonFactory(publication_status="draft", publish_at=None)
    f.ParticipationFactory(event=event, person=person)

    listing = client.get(EVENTS).content.decode()
    assert "submit_for_review" in listing
    assert "publish_now" not in listing
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            EVENTS, {"action": "submit_for_review", "_selected_action": [event.pk]}
        )
    assert len(mail.outbox) == 1
    assert any("Ready for review" in row for row in result_rows(client.get(EVENTS)))

    assert client.get(publish_url(event)).status_code == 403
    assert client.post(publish_url(event), {"_publish_all": "1"}).status_code == 403
    # The to-review list shows the editor their submission, with no link to a 403.
    to_review = client.get(TO_REVIEW).content.decode()
    assert "Zeta Meeting" in to_review
    assert publish_url(event) not in to_review
    client.post(
        EVENTS,
        {"action": "publish_now", "_selected_action": [event.pk], "_publish_all": "1"},
    )
    client.post(
        change_url(event),
        event_form(event, publication_status="published", ready_for_review="on"),
    )
    event.refresh_from_db()
    person.refresh_from_db()
    assert event.publication_status == person.publication_status == "draft"


def test_the_to_review_list_newest_first_with_who_when_and_what_changed(
    client, publisher
):
    editor = Client()
    editor.force_login(staff("edna", "Editor"))
    organization = f.OrganizationFactory(
        name="Zeta Agency", publication_status="draft", publish_at=None
    )
    # Published once, then taken back and edited: the list names the fields changed
    # since, by their names on the form, a translated one once.
    person = f.PersonFactory(given_name="Zoe", family_name="Zamora")
    person.publication_status = "draft"
    person.save()
    person.given_name, person.bio = "Zoë", "Director since 2019."
    person.save()
    event = draft_meeting(title="Zeta Meeting")
    for record, url, day in [
        (organization, reverse("admin:people_organization_changelist"), 1),
        (event, EVENTS, 3),
        (person, reverse("admin:people_person_changelist"), 2),
    ]:
        with time_at(datetime.datetime(2026, 3, day, 10, tzinfo=SITE_TZ)):
            editor.post(
                url, {"action": "submit_for_review", "_selected_action": [record.pk]}
            )

    response = client.get(TO_REVIEW)
    rows = result_rows(response)
    assert rows[0].startswith("Zeta Meeting meeting edna March 3, 2026")
    assert rows[1].startswith("Zoë Zamora person edna March 2, 2026")
    assert rows[2].startswith("Zeta Agency organization edna March 1, 2026")
    assert "New: never published" in rows[0]
    assert "biography, given name Ready for review" in rows[1]
    assert "Publish, schedule or send back" in rows[0]

    index = client.get(reverse("admin:index"))
    assert "3 records are ready for review" in page_text(index)
    assert f'href="{TO_REVIEW}"' in index.content.decode()


def time_at(moment):
    return time_machine.travel(moment, tick=False)


def submitted(record):
    """`record` submitted for review by the editor Edna, from her own browser."""
    editor = Client()
    editor.force_login(
        User.objects.filter(username="edna").first() or staff("edna", "Editor")
    )
    opts = record._meta
    editor.post(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
        {"action": "submit_for_review", "_selected_action": [record.pk]},
    )
    return editor


def test_a_publisher_publishes_a_submitted_record_now(client, publisher):
    person = f.PersonFactory(publication_status="draft", publish_at=None)
    submitted(person)
    response = client.post(publish_url(person), {"_publish_all": "1"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.is_published()
    assert result_rows(client.get(TO_REVIEW)) == []
    client.logout()
    assert client.get(person.get_absolute_url()).status_code == 200


def test_a_publisher_schedules_at_the_proposed_time(client, publisher):
    event = draft_meeting(title="Zeta Meeting")
    editor = Client()
    editor.force_login(staff("edna", "Editor"))
    submit_from_form(
        editor, event, proposed_publish_at_0="2030-12-01", proposed_publish_at_1="09:00"
    )
    page = client.get(publish_url(event)).content.decode()
    assert 'value="2030-12-01"' in page
    response = client.post(
        publish_url(event),
        {"publish_at_0": "2030-12-01", "publish_at_1": "09:00", "_publish_all": "1"},
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.publish_at == datetime.datetime(2030, 12, 1, 9, tzinfo=SITE_TZ)
    assert event.is_scheduled()
    client.logout()
    assert client.get(event.get_absolute_url()).status_code == 404
    with time_at(datetime.datetime(2030, 12, 1, 9, 1, tzinfo=SITE_TZ)):
        assert client.get(event.get_absolute_url()).status_code == 200


def test_a_publisher_sends_back_with_a_comment_the_editor_then_sees(client, publisher):
    event = draft_meeting(title="Zeta Meeting")
    editor = submitted(event)
    response = client.post(publish_url(event), {"_send_back": "1", "comment": ""})
    assert response.status_code == 200
    assert "Say what the editor should change." in page_text(response)

    response = client.post(
        publish_url(event),
        {"_send_back": "1", "comment": "Add the host's role, please."},
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.publication_status == "draft"
    assert result_rows(client.get(TO_REVIEW)) == []

    form = page_text(editor.get(change_url(event)))
    assert "Sent back by paco" in form
    assert "Add the host's role, please." in form
    rows = result_rows(editor.get(EVENTS))
    assert "Sent back: Add the host's role, please." in rows[0]


def meeting_naming_drafts():
    event = draft_meeting(title="Zeta Meeting")
    person = f.PersonFactory(
        given_name="Zoe",
        family_name="Zamora",
        publication_status="draft",
        publish_at=None,
    )
    host = f.OrganizationFactory(
        name="Zeta Host Agency", publication_status="draft", publish_at=None
    )
    f.EventOrganizationFactory(event=event, organization=host, role="host")
    f.ParticipationFactory(event=event, person=person, role="speaker")
    f.StatementFactory(
        event=event,
        speaker=person,
        text="Zeta words on return.",
        publication_status="draft",
        publish_at=None,
    )
    return event


def test_publishing_a_meeting_lists_its_drafts_and_publishes_them_together(
    client, publisher
):
    event = meeting_naming_drafts()
    response = client.post(
        EVENTS, {"action": "publish_now", "_selected_action": [event.pk]}
    )
    assert response.status_code == 200
    text = page_text(response)
    for name in (
        "Person: Zoe Zamora",
        "Organization: Zeta Host Agency",
        "Statement: Zeta words on return.",
    ):
        assert name in text
    assert Event.objects.get().publication_status == "draft", "only asked so far"

    response = client.post(
        EVENTS,
        {"action": "publish_now", "_selected_action": [event.pk], "_publish_all": "1"},
    )
    assert response.status_code == 302
    assert all(
        model.objects.get().is_published()
        for model in (Event, Person, Organization, Statement)
    )
    client.logout()
    page = page_text(client.get(event.get_absolute_url()))
    assert "Zoe Zamora" in page
    assert "Zeta Host Agency" in page
    assert "Zeta words on return." in page


def test_publishing_a_meeting_alone_warns_and_its_drafts_stay_hidden(client, publisher):
    event = meeting_naming_drafts()
    response = client.post(publish_url(event), {"_publish_alone": "1"}, follow=True)
    text = page_text(response)
    assert "These drafts stay hidden" in text
    assert "Zoe Zamora" in text
    assert Event.objects.get().is_published()
    assert Person.objects.get().publication_status == "draft"
    client.logout()
    page = page_text(client.get(event.get_absolute_url()))
    assert "Zeta Meeting" in page
    assert "Zamora" not in page
    assert "Zeta Host Agency" not in page
    assert "Zeta words on return." not in page


def test_publishing_a_meeting_on_its_form_warns_of_the_drafts_it_names(
    client, publisher
):
    event = meeting_naming_drafts()
    response = client.post(
        change_url(event),
        event_form(event, publication_status="published"),
        follow=True,
    )
    text = page_text(response)
    assert "Published without the drafts it names" in text
    assert "Zeta Host Agency" in text
    assert publish_url(event) in response.content.decode()


def test_publishing_a_statement_offers_its_draft_speaker(client, publisher):
    speaker = f.PersonFactory(
        given_name="Zoe",
        family_name="Zamora",
        publication_status="draft",
        publish_at=None,
    )
    statement = f.StatementFactory(
        speaker=speaker,
        text="Zeta words on return.",
        publication_status="draft",
        publish_at=None,
    )
    changelist = reverse("admin:events_statement_changelist")
    selected = {"action": "publish_now", "_selected_action": [statement.pk]}
    assert "Person: Zoe Zamora" in page_text(client.post(changelist, selected))
    client.post(changelist, {**selected, "_publish_all": "1"})
    client.logout()
    page = page_text(client.get(statement.get_absolute_url()))
    assert "Zeta words on return." in page
    assert "Zoe Zamora" in page


@REAL_TRANSACTIONS
def test_a_failure_midway_publishes_nothing(client, monkeypatch):
    client.force_login(staff("paco", "Publisher"))
    event = meeting_naming_drafts()
    save = Statement.save

    def fail(self, *args, **kwargs):
        if self.publication_status == "published":
            raise RuntimeError("the disk is full")
        return save(self, *args, **kwargs)

    monkeypatch.setattr(Statement, "save", fail)
    with pytest.raises(RuntimeError):
        client.post(publish_url(event), {"_publish_all": "1"})
    assert not Event.objects.get().is_published()
    assert Person.objects.get().publication_status == "draft"
    assert Organization.objects.get().publication_status == "draft"


def test_publishing_together_publishes_only_what_was_listed_and_is_yours_to_publish(
    client, publisher
):
    """A draft named after the confirmation page was shown, or of a kind this user
    may not publish, stays a draft, and the message says so."""
    event = meeting_naming_drafts()
    page = client.get(publish_url(event)).content.decode()
    listed = re.findall(r'name="_draft" value="([^"]+)"', page)
    assert len(listed) == 3
    late = f.PersonFactory(
        given_name="Yara", family_name="Late", publication_status="draft"
    )
    f.ParticipationFactory(event=event, person=late)
    response = client.post(
        publish_url(event),
        {"_publish_all": "1", "_listed": "1", "_draft": listed},
        follow=True,
    )
    assert Event.objects.get().is_published()
    assert Person.objects.get(family_name="Zamora").is_published()
    late.refresh_from_db()
    assert late.publication_status == "draft"
    assert "These drafts stay hidden" in page_text(response)
    assert "Yara Late" in page_text(response)

    # Someone who may publish statements only publishes its draft speaker with it
    # no more.
    group = Group.objects.create(name="Statement publishers")
    group.permissions.set(
        Permission.objects.filter(
            codename__in=["view_statement", "change_statement", "publish_statement"]
        )
    )
    user = staff("sam", "Statement publishers")
    client.force_login(user)
    speaker = f.PersonFactory(family_name="Drafted", publication_status="draft")
    statement = f.StatementFactory(
        speaker=speaker, publication_status="draft", publish_at=None
    )
    response = client.post(publish_url(statement), {"_publish_all": "1"}, follow=True)
    statement.refresh_from_db()
    speaker.refresh_from_db()
    assert statement.publication_status == "published"
    assert speaker.publication_status == "draft"
    assert "These drafts stay hidden" in page_text(response)


def test_a_deleted_draft_no_longer_waits_for_review(client, editor):
    person = f.PersonFactory(publication_status="draft", publish_at=None)
    people = reverse("admin:people_person_changelist")
    client.post(
        people, {"action": "submit_for_review", "_selected_action": [person.pk]}
    )
    assert "1 record is ready for review" in page_text(
        client.get(reverse("admin:index"))
    )
    person.delete()
    assert "0 records are ready for review" in page_text(
        client.get(reverse("admin:index"))
    )
