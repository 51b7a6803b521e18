"""Importing a press release in the admin: who may, the review screen, and the drafts
its confirmation creates (issue 20), and the import_release command."""

import datetime
import html
import io
import re

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from events.models import (
    Event,
    EventOrganization,
    KeyFigure,
    MediaContact,
    Photo,
    Source,
    Statement,
)
from people.models import Country, Organization, Person, Position
from rcm_site.models import ReviewRequest
from releases import views
from releases.extraction import Extraction, Proposal, Span
from releases.management.commands import import_release

from . import factories as f
from .conftest import REAL_TRANSACTIONS
from .test_pages import page_text
from .test_release_extract import SEED_FILE

pytestmark = [pytest.mark.django_db, pytest.mark.admin]

IMPORT = reverse("releases:import")
REVIEW = reverse("releases:review")
SEED_TEXT = SEED_FILE.read_text()
SEED_SPEAKERS = [
    "Miguel Díaz Reynoso",
    "Marcelo Pisani",
    "Francesco Carella",
    "Pablo Rusconi Trigueros",
]
MEXICO_QUOTE = (
    "Mexico recognizes the vital importance of migrants and what they represent for "
    "the economy"
)


def staff(name, group=None):
    user = User.objects.create_user(name, password="pw", is_staff=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(client):
    user = staff("edna", "Editor")
    client.force_login(user)
    return user


def proposal(kind, key, release, fields, refs=None, **spans):
    """A proposal whose spans are where each of `spans`' phrases first occurs,
    whatever the spaces between its words."""
    found = {}
    for name, phrase in spans.items():
        words = re.search(r"\s+".join(map(re.escape, phrase.split())), release)
        found[name] = Span(words.start(), words.end())
    return Proposal(kind, key, fields, found, refs or {})


def seed_extraction(text=SEED_TEXT):
    """Part of what the seed release states, as the extractor proposes it: a fixed
    extraction, so that these tests check the review and the drafts, whatever the
    extractor's progress."""
    mexico = Country.objects.filter(iso_code="MX").first()
    title = (
        "Regional Workshop on the Governance of Labour Migration: Towards Integrated "
        "and Planned Policies"
    )
    proposals = [
        proposal(
            "meeting",
            "meeting-1",
            text,
            {
                "title": title,
                "kind": "workshop",
                "start_date": datetime.date(2018, 9, 4),
                "end_date": datetime.date(2018, 9, 5),
                "city": "Mexico City",
            },
            {"country": "country-1"},
            title=title,
            start_date="4-5/09",
            end_date="4-5/09",
            city="Mexico City",
        ),
        proposal("country", "country-1", text, {"name": "Mexico"}, name="Mexico"),
        proposal(
            "organization",
            "organization-1",
            text,
            {"name": "International Labour Organization", "acronym": "ILO"},
            name="International Labour Organization",
        ),
        proposal(
            "role",
            "role-1",
            text,
            {"role": "supporter"},
            {"organization": "organization-1"},
            role="supported by",
        ),
        proposal(
            "person",
            "person-1",
            text,
            {
                "honorific": "Ambassador",
                "given_name": "Miguel",
                "family_name": "Díaz Reynoso",
            },
            honorific="Ambassador",
            given_name="Miguel",
            family_name="Díaz Reynoso",
        ),
        proposal(
            "organization",
            "organization-2",
            text,
            {"name": "Ministry of Foreign Affairs of Mexico"},
            name="Ministry of Foreign Affairs of Mexico",
        ),
        proposal(
            "post",
            "post-1",
            text,
            {"title": "General Director for Latin America"},
            {"person": "person-1", "organization": "organization-2"},
            title="General Director for Latin America",
        ),
        proposal(
            "statement",
            "statement-1",
            text,
            {
                "text": MEXICO_QUOTE,
                "language": "en",
                "kind": "verbatim",
            },
            {
                "speaker": "person-1",
                "post": "post-1",
                "organization": "organization-2",
            },
            text=MEXICO_QUOTE,
        ),
        proposal(
            "figure",
            "figure-1",
            text,
            {
                "value": "Over 25 million",
                "label": "nationals in the Americas live outside their country of "
                "origin",
            },
            value="Over 25 million",
        ),
        proposal(
            "photo",
            "photo-1",
            text,
            {"credit": "IOM /Cesia Chavarria"},
            credit="IOM /Cesia Chavarria",
        ),
        proposal(
            "person",
            "person-2",
            text,
            {"given_name": "Alexandra", "family_name": "Bonnie"},
            given_name="Alexandra",
            family_name="Bonnie",
        ),
        proposal(
            "media_contact",
            "media_contact-1",
            text,
            {"office": "IOM San Jose", "phone": "+506 2212 5304"},
            {"person": "person-2"},
            office="IOM San Jose",
            phone="+506 2212 5304",
        ),
    ]
    proposals[1].match = mexico
    return Extraction(text=text, language="en", proposals=proposals)


@pytest.fixture
def fixed_extraction(monkeypatch):
    monkeypatch.setattr(
        views, "extract", lambda text, published=None: seed_extraction()
    )


def review_form(response):
    """The review form's fields as a browser would submit them, unchanged: text,
    hidden and chosen options, ticked boxes."""
    page = response.content.decode()
    form = page.split(f'action="{REVIEW}"', 1)[1].split("</form>", 1)[0]
    data = {}
    for tag in re.findall(r"<input\b[^>]*>", form):
        name = re.search(r'\sname="([^"]+)"', tag)
        value = re.search(r'\svalue="([^"]*)"', tag)
        kind = re.search(r'\stype="([^"]+)"', tag).group(1)
        if name is None or kind == "submit":
            continue
        if kind == "checkbox":
            if "checked" in tag:
                data[name.group(1)] = "on"
        else:
            data[name.group(1)] = value.group(1) if value else ""
    for name, body in re.findall(
        r'<textarea[^>]*?\sname="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S
    ):
        data[name] = html.unescape(body.lstrip("\n"))
    for name, body in re.findall(
        r'<select[^>]*?\sname="([^"]+)"[^>]*>(.*?)</select>', form, re.S
    ):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', body)
        data[name] = chosen.group(1) if chosen else ""
    return {key: html.unescape(value) for key, value in data.items()}


def read(client, text=SEED_TEXT, **data):
    return client.post(IMPORT, {"text": text, **data})


def confirm(client, response, **changes):
    data = {**review_form(response), **changes, "_confirm": "Create the drafts"}
    for name, value in changes.items():
        if value is None:
            del data[name]
    return client.post(REVIEW, data)


# Who may import


def test_anonymous_users_are_sent_to_log_in(client):
    for url in (IMPORT, REVIEW):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("admin:login"))
    assert client.post(IMPORT, {"text": SEED_TEXT}).status_code == 302
    assert not Event.objects.exists()


def test_staff_without_the_editors_permissions_are_refused(client):
    client.force_login(staff("sam"))
    assert client.get(IMPORT).status_code == 403
    assert client.post(IMPORT, {"text": SEED_TEXT}).status_code == 403
    assert client.post(REVIEW, {"release": "x"}).status_code == 403


def test_editors_and_publishers_find_the_page_from_the_index_and_the_meetings(client):
    for name, group in (("edna", "Editor"), ("paco", "Publisher")):
        client.force_login(staff(name, group))
        for url in (reverse("admin:index"), reverse("admin:events_event_changelist")):
            assert f'href="{IMPORT}"' in client.get(url).content.decode()
        page = client.get(IMPORT)
        assert page.status_code == 200
        assert "Import a press release" in page_text(page)
    client.force_login(staff("sam"))
    assert IMPORT not in client.get(reverse("admin:index")).content.decode()


# Reading the release


def test_a_pasted_release_is_reviewed_with_its_findings_marked(client, editor, seed):
    response = read(client)
    assert response.status_code == 200
    page = response.content.decode()
    text = page_text(response)
    assert "Nothing is saved yet" in text
    # The release itself, every finding in a <mark> of the escaped text.
    marks = [
        re.sub(r"<[^>]+>", "", m)
        for m in re.findall(r"<mark[^>]*>(.*?)</mark>", page, re.S)
    ]
    assert any("Díaz Reynoso" in mark for mark in marks)
    assert any("25 million" in mark for mark in marks)
    # The proposals, the seed's speakers matched to the records the fixture loaded.
    for speaker in SEED_SPEAKERS:
        assert f"Keep {speaker}" in text or speaker in text
    miguel = Person.objects.get(family_name="Díaz Reynoso")
    assert re.search(rf'<option value="{miguel.pk}" selected>', page)
    assert (
        not Event.objects.filter(title_en__startswith="Regional Workshop")
        .exclude(slug__startswith="2018-09-labour")
        .exists()
    )


def test_nothing_is_written_by_reading_and_reviewing(client, editor, fixed_extraction):
    counts = [m.objects.count() for m in (Event, Person, Organization, Statement)]
    response = read(client)
    assert response.status_code == 200
    assert [
        m.objects.count() for m in (Event, Person, Organization, Statement)
    ] == counts


def test_a_release_over_the_size_limit_is_refused_with_a_message(client, editor):
    big = SimpleUploadedFile("release.txt", b"a" * (10 * 1024 * 1024), "text/plain")
    response = client.post(IMPORT, {"file": big})
    assert response.status_code == 200
    assert "too big" in page_text(response)
    assert 'action="' + REVIEW not in response.content.decode()


def test_pasted_text_longer_than_a_release_is_refused(client, editor, settings):
    settings.RELEASE_MAX_CHARACTERS = 1000
    response = read(client, text="Ministers met. " * 100)
    assert response.status_code == 200
    assert "too long for a press release" in page_text(response)
    assert 'action="' + REVIEW not in response.content.decode()


def test_an_html_release_shows_no_script(client, editor):
    release = (
        b"<html><head><script>alert('head')</script></head><body>"
        b"<nav>Home | News</nav><main><h1>Countries meet in Mexico City</h1>"
        b"<p>Mexico City - Member countries met (4-5/09).</p>"
        b"<script>alert('body')</script></main><footer>Contact us</footer>"
        b"</body></html>"
    )
    upload = SimpleUploadedFile("release.html", release, "text/html")
    response = client.post(IMPORT, {"file": upload})
    assert response.status_code == 200
    page = response.content.decode()
    assert "alert(" not in page
    assert "Countries meet in Mexico City" in page_text(response)


def test_a_release_with_markup_in_its_text_is_shown_escaped(client, editor):
    response = read(
        client,
        text='Workshop in Mexico City\n\nOn the side, <script>alert("x")</script>.',
    )
    page = response.content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page


def test_an_empty_release_is_asked_for_again(client, editor):
    response = read(client, text="   ")
    assert response.status_code == 200
    assert "Paste the release or upload a file." in page_text(response)


# Confirming


def test_confirming_creates_the_meeting_and_everything_kept_as_drafts(
    client, editor, fixed_extraction
):
    f.CountryFactory(iso_code="MX", name="Mexico", slug="mexico")
    response = confirm(client, read(client, url="https://example.org/release"))
    event = Event.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("admin:events_event_change", args=[event.pk])
    landing = client.get(response.url)
    assert "Imported as drafts" in page_text(landing)

    assert event.title == (
        "Regional Workshop on the Governance of Labour Migration: Towards "
        "Integrated and Planned Policies"
    )
    assert (event.start_date, event.end_date) == (
        datetime.date(2018, 9, 4),
        datetime.date(2018, 9, 5),
    )
    assert (event.city, event.country.iso_code, event.kind) == (
        "Mexico City",
        "MX",
        "workshop",
    )
    statement = Statement.objects.get()
    assert statement.text == MEXICO_QUOTE
    assert statement.speaker.full_name == "Miguel Díaz Reynoso"
    assert statement.position.title == "General Director for Latin America"
    assert statement.organization.name == "Ministry of Foreign Affairs of Mexico"
    role = EventOrganization.objects.get()
    assert (role.organization.acronym, role.role) == ("ILO", "supporter")
    assert KeyFigure.objects.get().value == "Over 25 million"
    assert Photo.objects.get().credit == "IOM /Cesia Chavarria"
    contact = MediaContact.objects.get()
    assert (contact.person.full_name, contact.phone) == (
        "Alexandra Bonnie",
        "+506 2212 5304",
    )
    source = event.sources.get()
    assert (source.url, source.kind, source.title) == (
        "https://example.org/release",
        "press_release",
        "Central and North American Countries Discuss Labour Migration Governance",
    )
    assert list(statement.sources.all()) == [source]

    # Drafts only: nothing reaches the public.
    for model in (Event, Statement, Person, Organization):
        assert set(model.objects.values_list("publication_status", flat=True)) == {
            "draft"
        }
    client.logout()
    assert client.get(event.get_absolute_url()).status_code == 404
    assert client.get(statement.get_absolute_url()).status_code == 404
    # Submitted for review, and in the meeting's history as the editor's.
    assert ReviewRequest.objects.get().record == event
    assert event.history.get().history_user == editor


def test_an_edited_field_and_a_dropped_proposal_are_honoured(
    client, editor, fixed_extraction
):
    confirm(
        client,
        read(client),
        **{
            "meeting-1-title": "Labour Migration Workshop",
            "statement-1-text": "Mexico recognizes the vital importance of migrants.",
            "figure-1-keep": None,
            "ready_for_review": None,
        },
    )
    event = Event.objects.get()
    assert event.title == "Labour Migration Workshop"
    assert Statement.objects.get().text == (
        "Mexico recognizes the vital importance of migrants."
    )
    assert not KeyFigure.objects.exists()
    assert not ReviewRequest.objects.exists()


def test_choosing_an_existing_record_links_it_unchanged(
    client, editor, fixed_extraction
):
    ilo = f.OrganizationFactory(
        name="International Labour Organization", acronym="ILO", slug="ilo"
    )
    miguel = f.PersonFactory(given_name="Miguel", family_name="Díaz", slug="miguel")
    version = miguel.version
    response = read(client)
    # Offered as "new" (the fixed extraction matched nothing), linked by the editor.
    confirm(
        client,
        response,
        **{
            "person-1-match": str(miguel.pk),
            "organization-1-match": str(ilo.pk),
            # Miguel is published: a new post of his would be public at once.
            "post-1-keep": None,
        },
    )
    statement = Statement.objects.get()
    assert statement.speaker == miguel
    assert EventOrganization.objects.get().organization == ilo
    assert Person.objects.filter(family_name__startswith="Díaz").count() == 1
    assert Organization.objects.filter(acronym="ILO").count() == 1
    miguel.refresh_from_db()
    assert (miguel.family_name, miguel.version) == ("Díaz", version)


def test_a_published_meeting_is_not_linked_so_nothing_goes_public_unreviewed(
    client, editor, fixed_extraction
):
    meeting = f.EventFactory(title="Published workshop")
    response = confirm(client, read(client), **{"meeting-1-match": str(meeting.pk)})
    assert response.status_code == 200
    assert "Published workshop is published" in page_text(response)
    for model in (KeyFigure, Photo, MediaContact, EventOrganization, Statement):
        assert not model.objects.exists(), model
    assert not meeting.sources.exists()


def test_a_new_post_of_a_published_person_is_refused_so_nothing_goes_public(
    client, editor, fixed_extraction
):
    miguel = f.PersonFactory(given_name="Miguel", family_name="Díaz", slug="miguel")
    response = confirm(client, read(client), **{"person-1-match": str(miguel.pk)})
    assert response.status_code == 200
    assert "a new post of theirs would be public at once" in page_text(response)
    assert not miguel.positions.exists()
    assert not Event.objects.exists()


def test_a_match_that_names_no_record_is_an_error_not_a_crash(
    client, editor, fixed_extraction
):
    response = confirm(client, read(client), **{"person-1-match": "abc"})
    assert response.status_code == 200
    assert "Select a valid choice" in page_text(response)
    assert not Event.objects.exists()


def test_cancel_writes_nothing(client, editor, fixed_extraction):
    response = client.post(
        REVIEW, {**review_form(read(client)), "_cancel": "Cancel"}, follow=True
    )
    assert "Nothing was imported." in page_text(response)
    assert not Event.objects.exists()
    assert not Person.objects.exists()
    assert not Source.objects.exists()


def test_an_altered_release_is_not_trusted(client, editor, fixed_extraction):
    data = review_form(read(client))
    data["release"] = data["release"][:-3] + "abc"
    response = client.post(REVIEW, {**data, "_confirm": "1"}, follow=True)
    assert "read the release again" in page_text(response)
    assert not Event.objects.exists()


def test_a_meeting_without_dates_is_asked_for_them(client, editor, fixed_extraction):
    response = confirm(client, read(client), **{"meeting-1-start_date": ""})
    assert response.status_code == 200
    assert "The release does not state it: enter it." in page_text(response)
    assert not Event.objects.exists()


def test_a_release_naming_no_meeting_gets_one_from_the_editor(client, editor):
    # Pasted without its headline: one paragraph, too long to be a meeting's title.
    text = (
        "“Every migrant deserves protection on the way home,” said Ana López, "
        "Director of Consular Affairs. "
        + "She spoke to officials from the region about returns and reintegration. "
        * 4
    )
    response = read(client, text)
    assert "Keep the meeting, which the release does not name" in page_text(response)
    empty = confirm(client, response)
    assert empty.status_code == 200
    assert "The release does not state it: enter it." in page_text(empty)
    assert not Event.objects.exists()

    confirm(
        client,
        response,
        **{
            "meeting-1-title": "Consular protection meeting",
            "meeting-1-kind": "other",
            "meeting-1-start_date": "2019-06-04",
            "meeting-1-end_date": "2019-06-05",
        },
    )
    event = Event.objects.get()
    assert event.title == "Consular protection meeting"
    assert (event.start_date, event.end_date) == (
        datetime.date(2019, 6, 4),
        datetime.date(2019, 6, 5),
    )
    assert event.publication_status == "draft"
    statement = Statement.objects.get()
    assert statement.event == event
    assert statement.speaker.family_name == "López"


@REAL_TRANSACTIONS
def test_a_failure_late_in_the_import_leaves_nothing_written(
    client, monkeypatch, fixed_extraction
):
    client.force_login(staff("edna", "Editor"))
    response = read(client)

    def broken(self, *args, **kwargs):
        raise RuntimeError("the disk is full")

    # The media contact is the last record made, after the meeting and its statement.
    monkeypatch.setattr(MediaContact, "save", broken)
    with pytest.raises(RuntimeError):
        confirm(client, response)
    for model in (Event, Statement, Person, Organization, Position, Source, Photo):
        assert not model.objects.exists(), model
    assert not ReviewRequest.objects.exists()


# The command


def test_import_release_dry_run_prints_the_speakers_and_writes_nothing(seed):
    counts = [m.objects.count() for m in (Event, Person, Statement, Source)]
    out = io.StringIO()
    call_command("import_release", str(SEED_FILE), "--dry-run", stdout=out)
    printed = out.getvalue()
    for speaker in SEED_SPEAKERS:
        family = speaker.split(" ", 1)[1]
        assert family in printed
    assert "statement" in printed
    assert [m.objects.count() for m in (Event, Person, Statement, Source)] == counts


def test_import_release_creates_drafts_and_prints_the_meetings_address(db, monkeypatch):
    monkeypatch.setattr(
        import_release, "extract", lambda text, published=None: seed_extraction()
    )
    out = io.StringIO()
    call_command("import_release", str(SEED_FILE), stdout=out)
    event = Event.objects.get()
    assert out.getvalue().strip() == reverse(
        "admin:events_event_change", args=[event.pk]
    )
    assert event.publication_status == "draft"
    assert Statement.objects.get().publication_status == "draft"


def test_import_release_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_release", str(tmp_path / "nothing.txt"), "--dry-run")
