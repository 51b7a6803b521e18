"""A meeting's documents, a resource's several issuers, the other names a person is
published under, and the texts this site translated itself, marked one by one."""

import re

import jsonschema
import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.models import Document, Event, Resource
from people.models import Organization, Person

from . import factories as f
from .conftest import REAL_TRANSACTIONS, WORKSHOP
from .test_editorial import event_form, staff
from .test_pages import page_text

pytestmark = pytest.mark.django_db

# 1.2 MB as a reader reads it: 1.2 × 1024².
PDF = b"%PDF-1.4\n" + b"0" * (1258291 - 9)


@pytest.fixture(autouse=True)
def pages_rendered_afresh(settings, tmp_path):
    """Records change inside the test's transaction, which starts no page-cache
    version; uploads go to a directory of the test's own."""
    settings.PAGE_CACHE_ENABLED = False
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def publisher(client):
    """The test's client, logged in as a Publisher."""
    client.force_login(staff("paco", "Publisher"))
    return client


def text_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return page_text(response)


def documents_posted(client, event, *documents):
    """The meeting's change form posted with these documents in its inline."""
    rows = {"documents-TOTAL_FORMS": str(len(documents))}
    for i, document in enumerate(documents):
        rows |= {f"documents-{i}-{name}": value for name, value in document.items()}
        rows.setdefault(f"documents-{i}-order", str(i))
    return client.post(
        reverse("admin:events_event_change", args=[event.pk]),
        event_form(event, publication_status="published", **rows),
    )


AGENDA = {
    "kind": "agenda",
    "title_en": "Agenda of the workshop",
    "title_es": "Agenda del taller",
    "languages": "es,en",
    "date": "2019-03-01",
}
REPORT_LINK = {
    "kind": "report",
    "title_en": "Final report",
    "title_es": "Informe final",
    "url": "https://example.org/rcm/final-report.pdf",
    "languages": "en",
}


@pytest.mark.admin
def test_a_meeting_shows_its_uploaded_and_linked_documents_in_both_languages(
    client, publisher
):
    event = f.EventFactory(slug="workshop")
    upload = SimpleUploadedFile("agenda.pdf", PDF, content_type="application/pdf")
    response = documents_posted(client, event, AGENDA | {"file": upload}, REPORT_LINK)
    assert response.status_code == 302
    agenda, report = event.documents.all()
    assert agenda.size == len(PDF) and report.size is None

    client.logout()
    body = client.get("/en/events/workshop/").content.decode()
    assert f'<a href="{agenda.file.url}">Agenda of the workshop</a>' in body
    assert (
        '<a href="https://example.org/rcm/final-report.pdf" rel="external" '
        'hreflang="en">Final report</a>'
    ) in body
    english = page_text(client.get("/en/events/workshop/"))
    assert (
        "Agenda of the workshop · Agenda · Spanish and English · March 1, 2019 · 1.2 MB"
        in english
    )
    assert "Final report · Report · English" in english
    assert "Final report · Report · English ·" not in english, "no size is known"
    spanish = text_of(client, "/es/events/workshop/")
    assert (
        "Agenda del taller · Agenda · Español e inglés · 1 de marzo de 2019 · "
        "1,2 MB" in spanish
    )
    assert "Informe final · Informe · Inglés" in spanish
    # The uploaded file is served at the address the page links.
    served = client.get(agenda.file.url)
    assert b"".join(served.streaming_content) == PDF


def test_the_meeting_download_carries_its_documents(client, tmp_path):
    event = f.EventFactory(slug="workshop")
    f.DocumentFactory(
        event=event,
        kind="agenda",
        title_en="Agenda",
        title_es="Agenda",
        url="",
        file=SimpleUploadedFile("agenda.pdf", PDF),
        languages="es,en",
        date="2019-03-01",
    )
    f.DocumentFactory(event=event, url="https://example.org/r.pdf", languages="")
    data = client.get("/en/events.json").json()
    jsonschema.validate(
        data,
        client.get("/en/data/meetings.schema.json").json(),
        format_checker=jsonschema.FormatChecker(),
    )
    agenda, report = data["results"][0]["documents"]
    assert re.fullmatch(
        r"http://testserver/media/documents/\d{4}/agenda.*\.pdf", agenda["url"]
    )
    assert {k: agenda[k] for k in ("kind", "title", "languages", "date", "size")} == {
        "kind": "agenda",
        "title": "Agenda",
        "languages": ["es", "en"],
        "date": "2019-03-01",
        "size": len(PDF),
    }
    assert (report["url"], report["languages"], report["size"]) == (
        "https://example.org/r.pdf",
        [],
        None,
    )
    csv = b"".join(client.get("/en/events.csv").streaming_content).decode()
    assert f"{agenda['url']}; https://example.org/r.pdf" in csv


@pytest.mark.admin
@pytest.mark.parametrize(
    ("document", "message"),
    [
        (
            {"file": SimpleUploadedFile("agenda.html", b"<script>x</script>")},
            "File extension “html” is not allowed.",
        ),
        (
            {"file": SimpleUploadedFile("agenda.pdf", PDF), "url": "https://x.org/a"},
            "Upload a file or give a link (one, not both).",
        ),
        ({}, "Upload a file or give a link (one, not both)."),
    ],
    ids=["not-a-document", "file-and-link", "neither"],
)
def test_a_bad_document_is_refused_on_the_form(
    client, publisher, tmp_path, document, message
):
    event = f.EventFactory()
    response = documents_posted(client, event, AGENDA | document)
    assert response.status_code == 200
    assert message in page_text(response)
    assert not event.documents.exists()
    assert not list(tmp_path.rglob("*.*"))


def test_the_database_holds_a_document_to_a_file_or_a_link():
    event = f.EventFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Document.objects.create(event=event, kind="agenda", title="Nothing")
    with pytest.raises(ValidationError, match="one, not both"):
        Document(event=event, kind="agenda", title="Nothing").full_clean()


def test_editors_edit_documents_and_other_names():
    for group in ("Editor", "Publisher"):
        codenames = set(
            Group.objects.get(name=group).permissions.values_list("codename", flat=True)
        )
        assert {
            "add_document",
            "change_document",
            "delete_document",
            "add_personname",
            "change_personname",
            "delete_personname",
        } <= codenames


C97 = "Migration for Employment Convention"


def test_a_resource_with_two_issuers_names_both(client):
    ilo = f.OrganizationFactory(
        name_en="International Labour Organization",
        name_es="Organización Internacional del Trabajo",
    )
    iom = f.OrganizationFactory(
        name_en="International Organization for Migration",
        name_es="Organización Internacional para las Migraciones",
    )
    resource = f.ResourceFactory(
        title_en=C97, short_title_en="ILO C97", kind="standard", issuers=[ilo, iom]
    )
    f.EventFactory(slug="workshop").resources.add(resource)
    english = text_of(client, "/en/events/workshop/")
    assert (
        f"{C97} (ILO C97) · Definition or standard · International Labour "
        "Organization, International Organization for Migration"
    ) in english
    spanish = text_of(client, "/es/events/workshop/")
    assert (
        "Organización Internacional del Trabajo, Organización Internacional para las "
        "Migraciones"
    ) in spanish


@pytest.mark.admin
def test_the_admin_finds_a_resource_by_its_acronym(client, publisher):
    f.ResourceFactory(title_en=C97, short_title_en="ILO C97")
    f.ResourceFactory(title_en="Migrant Workers Convention", short_title_en="ILO C143")
    response = client.get(
        "/admin/autocomplete/",
        {
            "app_label": "events",
            "model_name": "event",
            "field_name": "resources",
            "term": "C97",
        },
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == [f"ILO C97 — {C97}"]
    changelist = client.get(reverse("admin:events_resource_changelist"), {"q": "c97"})
    assert C97 in page_text(changelist)
    assert "Migrant Workers Convention" not in page_text(changelist)


def test_a_person_is_found_and_shown_under_another_name(client):
    person = f.PersonFactory(given_name="Miguel", family_name="Díaz Reynoso")
    f.PersonNameFactory(person=person, name="Miguel Ángel Díaz", kind="fuller")
    f.PersonNameFactory(person=person, name="M. Díaz R.", kind="shorter")
    found = text_of(client, "/en/search/?q=angel diaz")
    assert "Miguel Díaz Reynoso" in found and "People (1)" in found
    # Every word must match: with none of the kinds matching, the page says so.
    assert "Nothing on this site matches “angel reynoso rosa”" in text_of(
        client, "/en/search/?q=angel reynoso rosa"
    )
    assert "Miguel Díaz Reynoso" in text_of(client, "/en/people/?q=ángel")
    page = text_of(client, person.get_absolute_url())
    assert "Also published as: M. Díaz R.; Miguel Ángel Díaz" in page
    spanish = text_of(client, f"/es/people/{person.slug}/")
    assert "También publicado como: M. Díaz R.; Miguel Ángel Díaz" in spanish


def test_a_removed_other_name_no_longer_finds_the_person(client):
    name = f.PersonNameFactory(name="Zacarías Quintanilla")
    assert "People (1)" in text_of(client, "/en/search/?q=zacarias")
    name.delete()
    assert "Nothing on this site matches “zacarias”" in text_of(
        client, "/en/search/?q=zacarias"
    )


@pytest.mark.admin
def test_the_admin_finds_a_person_by_another_name(client, publisher):
    f.PersonNameFactory(
        person=f.PersonFactory(given_name="Ana", family_name="López"),
        name="Ana María López Ruiz",
    )
    f.PersonFactory(given_name="Zebulon", family_name="Quixote")
    changelist = page_text(
        client.get(reverse("admin:people_person_changelist"), {"q": "Ruiz"})
    )
    assert "López" in changelist and "Quixote" not in changelist
    form = client.get(
        reverse(
            "admin:people_person_change", args=[Person.objects.get(given_name="Ana").pk]
        )
    )
    assert 'value="Ana María López Ruiz"' in form.content.decode()


MARK_EN = "(translated by this site)"
MARK_ES = "(traducción de este sitio)"


def test_a_text_translated_by_this_site_is_marked_in_its_language_only(client):
    f.EventFactory(
        slug="workshop",
        title_en="Workshop on labour migration",
        title_es="Taller sobre migración laboral",
        summary_en="Countries met.",
        summary_es="Los países se reunieron.",
        site_translated=["title_es"],
    )
    english = text_of(client, "/en/events/workshop/")
    assert "Workshop on labour migration Countries" not in english
    assert MARK_EN not in english and MARK_ES not in english
    spanish = text_of(client, "/es/events/workshop/")
    assert f"Taller sobre migración laboral {MARK_ES}" in spanish
    assert f"Los países se reunieron. {MARK_ES}" not in spanish
    assert spanish.count(MARK_ES) == 1
    body = client.get("/es/events/workshop/").content.decode()
    assert '<small class="site-translation" lang="es">' in body

    organization = f.OrganizationFactory(
        slug="sre",
        name_en="Ministry of Foreign Affairs",
        name_es="Secretaría de Relaciones Exteriores",
        description_en="Mexico's foreign ministry.",
        description_es="La cancillería de México.",
        site_translated=["description_en"],
    )
    position = f.PositionFactory(
        person=f.PersonFactory(slug="ana"),
        organization=organization,
        title_en="General Director",
        title_es="Director General",
        site_translated=["title_es"],
    )
    english = text_of(client, "/en/organizations/sre/")
    assert f"Mexico's foreign ministry. {MARK_EN}" in english
    assert "General Director" in english and english.count(MARK_EN) == 1
    spanish = text_of(client, "/es/organizations/sre/")
    assert MARK_ES in spanish and "La cancillería de México. (" not in spanish
    assert f"Director General {MARK_ES}" in spanish
    assert f"Director General {MARK_ES}" in text_of(client, "/es/people/ana/")
    assert MARK_EN not in text_of(client, "/en/people/ana/")
    assert position.translated_by_site("title") is False


def test_the_mark_follows_the_text_shown_not_the_page(client):
    """A page falling back to the other language's text marks it if the site
    translated that text: what the reader reads is the site's translation."""
    f.EventFactory(
        slug="workshop",
        title_en="Workshop",
        title_es="",
        site_translated=["title_en"],
    )
    body = client.get("/es/events/workshop/").content.decode()
    assert (
        '<h1 id="event-title" lang="en">Workshop <small class="site-translation" '
        f'lang="es">{MARK_ES}</small></h1>'
    ) in body


@pytest.mark.admin
def test_staff_tick_the_texts_the_site_translated(client, publisher):
    event = f.EventFactory(title_es="Taller", summary_es="Resumen.")
    url = reverse("admin:events_event_change", args=[event.pk])
    form = client.get(url).content.decode()
    for column in ("title_en", "title_es", "summary_es", "body_es", "city_es"):
        assert f'name="site_translated" value="{column}"' in form
    response = client.post(
        url,
        event_form(
            event,
            title_es="Taller",
            summary_es="Resumen.",
            publication_status="published",
            site_translated=["title_es", "summary_es"],
        ),
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.site_translated == ["title_es", "summary_es"]
    organization = f.OrganizationFactory()
    form = client.get(
        reverse("admin:people_organization_change", args=[organization.pk])
    ).content.decode()
    assert 'name="site_translated" value="description_es"' in form
    with pytest.raises(ValidationError, match="Not a translated text"):
        f.EventFactory.build(site_translated=["slug_es"]).clean_fields()


def test_the_seed_marks_the_spanish_it_translated_itself(seed, client):
    event = Event.objects.get(slug=WORKSHOP)
    assert event.site_translated == ["title_es", "summary_es"]
    spanish = text_of(client, f"/es/events/{WORKSHOP}/")
    for translated in [
        "Hacia Políticas Integrales y Planificadas",
        "Más de 25 millones",
        "permanecen en la región",
        "La falta o escasez de recursos humanos calificados.",
        "sobre migración laboral en la Ciudad de México.",
    ]:
        assert f"{translated} {MARK_ES}" in spanish, translated
    # Published in Spanish by its source: not marked.
    assert f"Especialista en migración laboral {MARK_ES}" not in spanish
    english = text_of(client, f"/en/events/{WORKSHOP}/")
    assert MARK_EN not in english
    # The seed's other facts are as they were.
    for fact in [
        "Regional Workshop on the Governance of Labour Migration",
        "4–5 September 2018",
        "Mexico City, Mexico",
        "60 participants",
        "Ambassador Miguel Díaz Reynoso",
        "Migration for Employment Convention (Revised), 1949 (No. 97) "
        "(ILO Convention 97) · Convention · International Labour Organization · 1949",
        "Alexandra Bonnie",
    ]:
        assert fact in english, fact
    # "Documents and sources" heads the section; no list of documents under it.
    assert not re.search(r"Documents(?! and sources)", english), "no document named"
    assert "Also published as" not in text_of(client, "/en/people/miguel-diaz-reynoso/")
    ilo = Organization.objects.get(slug="ilo")
    assert set(Resource.objects.filter(issuers=ilo).values_list("slug", flat=True)) == {
        resource.slug for resource in event.resources.all()
    }


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200, url
    return len(ctx.captured_queries)


def test_meeting_and_person_pages_cost_the_same_as_documents_and_names_grow(client):
    event = f.EventFactory(slug="workshop", site_translated=["title_en"])
    person = f.PersonFactory(slug="ana")

    def grow(n):
        for _ in range(n):
            f.DocumentFactory(event=event)
            f.DocumentFactory(
                event=event, url="", file=SimpleUploadedFile("a.pdf", b"%PDF")
            )
            resource = f.ResourceFactory(
                issuers=[f.OrganizationFactory(), f.OrganizationFactory()]
            )
            event.resources.add(resource)
            f.PersonNameFactory(person=person)
            f.PositionFactory(person=person, site_translated=["title_en"])

    def counts():
        return [
            count_queries(client, url)
            for url in ("/en/events/workshop/", "/en/people/ana/")
        ]

    # As in test_queries: the meeting, its twelve lists, its resources' issuers, its
    # statements with their count; the person, their other names, posts, and two
    # excerpts of a list with its count.
    grow(1)
    assert counts() == [15, 5]
    grow(24)
    assert counts() == [15, 5]
    assert text_of(client, "/en/people/ana/").count(MARK_EN) == 25


def migrate(targets, state_of=()):
    """Migrate to `targets`; the models as they were then, with `state_of` the other
    apps' migrations applied."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state([*targets, *state_of]).apps


@REAL_TRANSACTIONS
def test_the_migration_keeps_what_the_site_translated_and_every_issuer():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    people = [node for node in latest if node[0] == "people"]
    before = [("events", "0015_unknowns_as_values")]
    old = migrate(before, state_of=people)
    ilo = old.get_model("people", "Organization").objects.create(
        name="ILO", name_en="ILO", slug="ilo", kind="intergovernmental"
    )
    OldEvent, OldResource = (old.get_model("events", m) for m in ("Event", "Resource"))
    fields = {"kind": "workshop", "start_date": "2018-09-04", "end_date": "2018-09-05"}
    OldEvent.objects.create(slug="es", title="A", site_translation="es", **fields)
    OldEvent.objects.create(slug="none", title="B", site_translation="", **fields)
    OldResource.objects.create(slug="c97", title="C97", kind="convention", issuer=ilo)
    OldResource.objects.create(slug="c143", title="C143", kind="convention")

    migrate(latest)
    assert Event.objects.get(slug="es").site_translated == ["title_es", "summary_es"]
    assert Event.objects.get(slug="none").site_translated == []
    assert [o.slug for o in Resource.objects.get(slug="c97").issuers.all()] == ["ilo"]
    assert not Resource.objects.get(slug="c143").issuers.exists()

    old = migrate(before, state_of=people)
    events = old.get_model("events", "Event").objects
    assert dict(events.values_list("slug", "site_translation")) == {
        "es": "es",
        "none": "",
    }
    resources = old.get_model("events", "Resource").objects
    assert dict(resources.values_list("slug", "issuer__slug")) == {
        "c97": "ilo",
        "c143": None,
    }
    migrate(latest)
