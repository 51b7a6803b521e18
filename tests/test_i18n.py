"""The site in English and Spanish: every page in both, nothing of the interface left in
the other language, the switcher, translated content with its fallback and notices,
statements marked as translations, and the catalogue kept complete."""

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from events.models import Event, Statement

from . import factories as f
from .conftest import WORKSHOP
from .test_pages import page_text

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "es"]
PO = Path(settings.BASE_DIR, "locale", "es", "LC_MESSAGES", "django.po")


def url_in(language, name, *args, query=""):
    with translation.override(language):
        return reverse(name, args=args) + query


def statement_by(slug):
    return Statement.objects.get(speaker__slug=slug)


@pytest.fixture
def bilingual(seed):
    """The seed, and a second meeting written in both languages by the factories."""
    country = f.CountryFactory(iso_code="GT", name_en="Guatemala", name_es="Guatemala")
    org = f.OrganizationFactory(
        slug="mintrab", name_en="Ministry of Labour", name_es="Ministerio de Trabajo"
    )
    person = f.PersonFactory(slug="ana-perez", given_name="Ana", family_name="Pérez")
    position = f.PositionFactory(
        person=person, organization=org, title_en="Minister", title_es="Ministra"
    )
    event = f.EventFactory(
        slug="guatemala-2019",
        title_en="Vice-ministerial meeting in Guatemala",
        title_es="Reunión Viceministerial en Guatemala",
        summary_en="The annual meeting.",
        summary_es="La reunión anual.",
        city_en="Guatemala City",
        city_es="Ciudad de Guatemala",
        country=country,
        kind="vice_ministerial",
    )
    f.StatementFactory(
        event=event,
        speaker=person,
        position=position,
        organization=org,
        text_en="We agree.",
        text_es="Estamos de acuerdo.",
        language="es",
    )
    f.EventOrganizationFactory(event=event, organization=org, role="host")
    return event


def public_urls(language):
    """Every kind of public address, in one language."""
    statement = statement_by("marcelo-pisani").pk
    pages = [
        url_in(language, "home"),
        url_in(language, "search", query="?q=migration"),
        url_in(language, "data"),
        url_in(language, "events:event_list"),
        url_in(language, "events:event_list", query="?kind=workshop&year=2018"),
        url_in(language, "events:event_detail", WORKSHOP),
        url_in(language, "events:event_detail", "guatemala-2019"),
        url_in(language, "events:statement_list"),
        url_in(language, "events:statement_detail", statement),
        url_in(language, "events:topic_detail", "labour-migration"),
        url_in(language, "people:person_list"),
        url_in(language, "people:person_detail", "miguel-diaz-reynoso"),
        url_in(language, "people:organization_list"),
        url_in(language, "people:organization_detail", "iom"),
        url_in(language, "people:country_list"),
        url_in(language, "people:country_detail", "mx"),
    ]
    files = [
        url_in(language, "events:event_feed"),
        url_in(language, "events:event_feed_rss"),
        url_in(language, "events:statement_feed"),
        url_in(language, "events:statement_feed_rss"),
        url_in(language, "events:person_statement_feed", "marcelo-pisani"),
        url_in(language, "events:organization_statement_feed", "iom"),
        url_in(language, "events:country_statement_feed", "mx"),
        url_in(language, "events:calendar"),
        url_in(language, "events:event_calendar", WORKSHOP),
        url_in(language, "events:event_csv"),
        url_in(language, "events:statement_json"),
        url_in(language, "people:person_csv"),
        url_in(language, "people:organization_json"),
        url_in(language, "download_schema", "meetings"),
    ]
    return pages, files


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"}
SHOWN_ATTRIBUTES = ("alt", "aria-label", "placeholder", "title")


class TextInLanguage(HTMLParser):
    """What a reader sees or hears of a page in its own language: text and labels,
    leaving out scripts, code (the field names of the downloads), anything marked as
    in another language (lang=...) or as not to be translated (translate="no": a
    source's title as published)."""

    def __init__(self, language):
        super().__init__()
        self.language, self.parts, self.stack, self.skipping = language, [], [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        other = tag != "html" and attrs.get("lang") not in (None, self.language)
        other = other or attrs.get("translate") == "no"
        if not self.skipping and not other:
            self.parts += [attrs[a] for a in SHOWN_ATTRIBUTES if attrs.get(a)]
        if tag in VOID:
            return
        skip = other or tag in ("script", "style", "code")
        self.stack.append(skip)
        self.skipping += skip

    def handle_endtag(self, tag):
        if tag not in VOID and self.stack:
            self.skipping -= self.stack.pop()

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)

    def text(self):
        return " ".join(" ".join(self.parts).split())


def text_in_language(response, language):
    parser = TextInLanguage(language)
    parser.feed(response.content.decode())
    return parser.text()


PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|<[^>]+>")


def distinctive(message):
    """The pieces of a message long enough to tell its language (two words or eight
    letters), its placeholders and markup cut out."""
    return [
        piece.strip()
        for piece in PLACEHOLDER.split(message)
        if len(piece.split()) >= 2 or len(piece.strip()) >= 8
    ]


def catalogue_pairs():
    """(English, Spanish) of every message the catalogue translates differently."""
    for entry in polib.pofile(str(PO)):
        if entry.msgctxt and "format" in entry.msgctxt:
            continue  # date formats, not words
        pairs = (
            [(entry.msgid, entry.msgstr)]
            if not entry.msgid_plural
            else [
                (entry.msgid, entry.msgstr_plural[0]),
                (entry.msgid_plural, entry.msgstr_plural[2]),
            ]
        )
        for english, spanish in pairs:
            if english != spanish:
                yield english, spanish


def test_every_public_address_answers_in_both_languages(bilingual, client):
    for language in LANGUAGES:
        pages, files = public_urls(language)
        for url in pages + files:
            assert url.startswith(f"/{language}/"), url
            response = client.get(url)
            assert response.status_code == 200, url
        for url in pages:
            body = client.get(url).content.decode()
            assert f'<html lang="{language}">' in body, url


def test_spanish_pages_have_no_english_interface_text_and_english_no_spanish(
    bilingual, client
):
    """Checked against the catalogue itself: any message missing from it, left
    untranslated, or shown outside the template's translation tags would show here."""
    pairs = list(catalogue_pairs())
    english = {p for msgid, _ in pairs for p in distinctive(msgid)}
    spanish = {p for _, msgstr in pairs for p in distinctive(msgstr)}
    # A message translated the same in a longer phrase is not English on the page:
    # "Conferencia Regional sobre Migración" contains no English, for example.
    english -= {p for p in english if any(p in s for s in spanish)}
    spanish -= {p for p in spanish if any(p in e for e in english)}
    assert len(english) > 200
    for url in public_urls("es")[0]:
        text = text_in_language(client.get(url), "es")
        assert "Conferencia Regional sobre Migración" in text, url
        left = sorted(p for p in english if p in text)
        assert not left, (url, left)
    for url in public_urls("en")[0]:
        text = text_in_language(client.get(url), "en")
        assert "Regional Conference on Migration" in text, url
        left = sorted(p for p in spanish if p in text)
        assert not left, (url, left)


def test_switcher_links_to_the_same_record_in_the_other_language(bilingual, client):
    statement = statement_by("miguel-diaz-reynoso").pk
    for english, spanish in [
        (f"/en/events/{WORKSHOP}/", f"/es/events/{WORKSHOP}/"),
        (f"/en/statements/{statement}/", f"/es/statements/{statement}/"),
        ("/en/events/?kind=workshop&year=2018", "/es/events/?kind=workshop&year=2018"),
        ("/en/people/miguel-diaz-reynoso/", "/es/people/miguel-diaz-reynoso/"),
    ]:
        for here, there, other in [(english, spanish, "es"), (spanish, english, "en")]:
            body = client.get(here).content.decode()
            assert (
                f'<a href="{there.replace("&", "&amp;")}" lang="{other}" '
                f'hreflang="{other}">' in body
            ), here
            assert 'aria-current="true"' in body
            path = here.split("?")[0]
            for language in LANGUAGES:
                alternate = f"http://testserver/{language}/{path[4:]}"
                assert (
                    f'<link rel="alternate" hreflang="{language}" href="{alternate}">'
                    in body
                )
            neutral = f"http://testserver/{path[4:]}"
            assert f'hreflang="x-default" href="{neutral}"' in body
            assert f'<link rel="canonical" href="http://testserver{path}">' in body


def test_a_missing_translation_falls_back_with_a_notice(db, client):
    only_english = f.EventFactory(
        slug="english-only", title_en="Technical meeting", summary_en="Words."
    )
    only_spanish = f.EventFactory(
        slug="spanish-only",
        title_en="",
        summary_en="",
        city_en="",
        title_es="Reunión técnica",
        summary_es="Sí.",
    )
    partly = f.EventFactory(
        slug="partly",
        title_en="Workshop",
        title_es="Taller",
        summary_en="Said in English.",
        summary_es="Dicho en español.",
        body_en="Only in English so far.",
    )
    assert only_spanish.title_en == ""

    body = client.get(f"/es/events/{only_english.slug}/").content.decode()
    assert '<h1 id="event-title" lang="en">Technical meeting</h1>' in body
    assert (
        "Esta página aún no está traducida al español; se muestra el texto en inglés."
        in body
    )
    body = client.get(f"/en/events/{only_spanish.slug}/").content.decode()
    assert '<h1 id="event-title" lang="es">Reunión técnica</h1>' in body
    assert (
        "This page is not yet translated into English; the Spanish text is shown."
        in body
    )
    body = client.get(f"/es/events/{partly.slug}/").content.decode()
    assert '<h1 id="event-title">Taller</h1>' in body
    assert '<div lang="en"><p>Only in English so far.</p></div>' in body
    assert (
        "Partes de esta página aún no están traducidas al español; se muestran en "
        "inglés." in body
    )
    body = client.get(f"/en/events/{partly.slug}/").content.decode()
    assert "translation-notice" not in body


def test_seed_statements_are_marked_as_translations_of_the_spanish_said(seed, client):
    mexico = statement_by("miguel-diaz-reynoso")
    assert (mexico.language, mexico.text_es) == ("es", "")
    english = page_text(client.get(mexico.get_absolute_url()))
    assert "English translation of the original Spanish" in english
    assert "Language spoken Spanish" in english
    assert "not yet translated" not in english
    response = client.get(url_in("es", "events:statement_detail", mexico.pk))
    spanish = page_text(response)
    assert "Traducción al inglés del original en español" in spanish
    assert "Idioma en que se pronunció Español" in spanish
    assert "Esta página aún no está traducida al español" in spanish
    assert '<blockquote lang="en"><p>Mexico recognizes' in response.content.decode()

    iom = statement_by("marcelo-pisani")
    assert iom.language == "en"
    for language in LANGUAGES:
        text = page_text(
            client.get(url_in(language, "events:statement_detail", iom.pk))
        )
        assert "translation of the original" not in text
        assert "Traducción al" not in text


def test_a_statement_given_in_spanish_only_is_marked_on_the_english_page(db, client):
    statement = f.StatementFactory(text_en="", text_es="Así lo dijo.", language="es")
    spanish = page_text(
        client.get(url_in("es", "events:statement_detail", statement.pk))
    )
    assert "Así lo dijo." in spanish and "Traducción" not in spanish
    body = client.get(url_in("en", "events:statement_detail", statement.pk))
    body = body.content.decode()
    assert '<blockquote lang="es"><p>Así lo dijo.</p></blockquote>' in body
    assert "This page is not yet translated into English" in body


def test_meeting_page_in_spanish_reads_as_a_spanish_reader_expects(seed, client):
    text = page_text(client.get(f"/es/events/{WORKSHOP}/"))
    for fact in [
        "Taller Regional sobre la Gobernanza de la Migración Laboral",
        "4–5 de septiembre de 2018",
        "Ciudad de México, México",
        "Gobernanza de la Migración Laboral: Hacia Políticas Integrales y "
        "Planificadas (traducción de este sitio)",
        "Anfitrión Gobierno de México",
        "Convocante Conferencia Regional sobre Migración (CRM)",
        "Organización Internacional para las Migraciones (OIM) (a través de su "
        "Programa Mesoamérica)",
        "Organización Internacional del Trabajo (OIT)",
        "60 participantes",
        "Cancillerías",
        "Migración laboral",
        "Embajador Miguel Díaz Reynoso",
        "Convenio sobre los trabajadores migrantes (revisado), 1949 (núm. 97)",
    ]:
        assert fact in text, fact
    english = page_text(client.get(f"/en/events/{WORKSHOP}/"))
    assert "4–5 September 2018" in english
    assert "translated by this site" not in english


def test_search_finds_records_in_either_language(seed, client):
    for url, found in [
        ("/es/search/?q=laboral", "Taller Regional sobre la Gobernanza"),
        ("/en/search/?q=labour", "Regional Workshop on the Governance"),
        ("/en/search/?q=trabajo", "International Labour Organization"),
        ("/es/search/?q=labour", "Organización Internacional del Trabajo"),
        ("/es/events/?q=gobernanza", "Taller Regional sobre la Gobernanza"),
    ]:
        assert found in page_text(client.get(url)), url


def test_feeds_calendars_and_structured_data_carry_the_language(seed, client):
    atom = client.get("/es/feeds/events/").content.decode()
    assert 'xml:lang="es"' in atom
    assert f"http://testserver/es/events/{WORKSHOP}/" in atom
    assert "Taller Regional" in atom
    rss = ET.fromstring(client.get("/es/feeds/statements/rss/").content)
    assert rss.find("channel/language").text == "es"
    assert rss.find("channel/title").text == "Declaraciones de la CRM"

    ics = client.get("/es/events/calendar/2018.ics").content.decode()
    ics = ics.replace("\r\n ", "")
    assert "X-WR-CALNAME;LANGUAGE=es:Reuniones de la CRM, 2018" in ics
    assert "SUMMARY;LANGUAGE=es:Taller Regional sobre la Gobernanza" in ics
    assert "DESCRIPTION;LANGUAGE=es:Los países miembros" in ics
    assert f"http://testserver/es/events/{WORKSHOP}/" in ics
    english = client.get(f"/en/events/{WORKSHOP}.ics").content.decode()
    assert "SUMMARY;LANGUAGE=en:Regional Workshop" in english.replace("\r\n ", "")

    body = client.get(f"/es/events/{WORKSHOP}/").content.decode()
    assert '"inLanguage": "es"' in body
    mexico = statement_by("miguel-diaz-reynoso")
    body = client.get(mexico.get_absolute_url()).content.decode()
    assert '"inLanguage": "en"' in body
    assert '"translationOfWork": {"@type": "Quotation", "inLanguage": "es"}' in body


def test_downloads_give_each_language_its_own_column(seed, client):
    rows = client.get("/es/events.json").json()["results"]
    (row,) = rows
    assert row["title"].startswith("Taller Regional")
    assert row["title_es"].startswith("Taller Regional")
    assert row["title_en"].startswith("Regional Workshop")
    statements = client.get("/en/statements.json").json()["results"]
    mexico = next(s for s in statements if s["speaker"] == "miguel-diaz-reynoso")
    assert (mexico["language"], mexico["text_es"]) == ("es", None)
    assert mexico["text_en"].startswith("Mexico recognizes")


def test_an_unprefixed_address_goes_to_the_readers_language_never_a_cached_one(
    seed, client
):
    for language in ["es", "en", "es"]:
        response = client.get("/events/", HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 302
        assert response["Location"] == f"/{language}/events/"
    client.get("/en/")
    assert '<html lang="es">' in client.get("/es/").content.decode()
    assert '<html lang="en">' in client.get("/en/").content.decode()
    for language in LANGUAGES:
        response = client.get("/sitemap.xml", HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200
        assert "/sitemap-events.xml" in response.content.decode()


def test_sitemap_pairs_each_page_with_its_other_language(seed, client):
    body = client.get("/sitemap-events.xml").content.decode()
    for language in LANGUAGES:
        assert (
            f'<xhtml:link rel="alternate" hreflang="{language}" '
            f'href="http://testserver/{language}/events/{WORKSHOP}/"/>'
        ) in body
    assert (
        '<xhtml:link rel="alternate" hreflang="x-default" '
        f'href="http://testserver/events/{WORKSHOP}/"/>'
    ) in body


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200, url
    return len(ctx.captured_queries)


def test_a_page_costs_the_same_queries_in_either_language(bilingual, client, settings):
    settings.PAGE_CACHE_ENABLED = False
    for english in public_urls("en")[0]:
        spanish = "/es/" + english.removeprefix("/en/")
        assert count_queries(client, english) == count_queries(client, spanish), english


@pytest.mark.admin
def test_admin_forms_show_both_languages_side_by_side(seed, client):
    client.force_login(User.objects.create_superuser("chief", "c@example.org", "pw"))
    event = Event.objects.get(slug=WORKSHOP)
    response = client.get(reverse("admin:events_event_change", args=[event.pk]))
    body = response.content.decode()
    for field in ["title", "summary", "body", "city"]:
        for language in LANGUAGES:
            assert f'name="{field}_{language}"' in body
    assert 'value="Taller Regional sobre la Gobernanza' in body
    assert 'name="statements-0-text_en"' in body
    assert 'name="statements-0-text_es"' in body
    assert 'name="key_figures-0-label_es"' in body
    assert 'name="title"' not in body
    scripts = re.findall(r'<script[^>]* src="([^"]+)"', body)
    assert scripts and all(re.match(r"/[a-z]", src) for src in scripts), scripts
    statement = statement_by("miguel-diaz-reynoso")
    body = client.get(
        reverse("admin:events_statement_change", args=[statement.pk])
    ).content.decode()
    assert 'name="text_en"' in body and 'name="text_es"' in body


@pytest.mark.admin
def test_a_statement_may_be_entered_in_spanish_only_but_not_empty(seed, client):
    client.force_login(User.objects.create_superuser("chief", "c@example.org", "pw"))
    speaker = statement_by("miguel-diaz-reynoso").speaker
    form = {
        "speaker": str(speaker.pk),
        "kind": "verbatim",
        "language": "es",
        "order": "0",
        "publication_status": "draft",
        "opened_version": "",
    }
    url = reverse("admin:events_statement_add")
    response = client.post(url, {**form, "text_en": "", "text_es": ""})
    assert response.status_code == 200
    assert "Give the words in English, in Spanish or in both." in page_text(response)
    response = client.post(url, {**form, "text_en": "", "text_es": "Así es."})
    assert response.status_code == 302
    assert Statement.objects.get(text_es="Así es.").text_en in ("", None)


# ---- The catalogue ---------------------------------------------------------------


def translations(catalogue):
    return {
        (entry.msgctxt, entry.msgid): entry.msgstr_plural or entry.msgstr
        for entry in catalogue
        if not entry.obsolete
    }


def test_catalogue_translates_every_message_and_the_compiled_file_matches():
    """Needs no gettext: reads the committed .po and .mo."""
    po = polib.pofile(str(PO))
    assert len(po) > 300
    assert [e.msgid for e in po if not e.obsolete and not e.translated()] == []
    assert translations(polib.mofile(str(PO.with_suffix(".mo")))) == translations(po)
    with translation.override("es"):
        assert translation.pgettext("full date format", "j F Y") == r"j \d\e F \d\e Y"


def needs_xgettext():
    """makemessages needs GNU gettext. CI has it (.ci/run installs it) and must run
    these tests; elsewhere (a fresh machine, make test) they are skipped, saying why."""
    if shutil.which("xgettext"):
        return
    message = "xgettext (GNU gettext) not found: apt-get install gettext"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message + "; CI runs this test")


@pytest.fixture
def catalogue_check(tmp_path):
    """make messages-check in a copy of the tree, committed to a repository of its
    own, so that the check's makemessages and git diff leave the real tree alone."""
    needs_xgettext()
    tree = tmp_path / "tree"
    shutil.copytree(
        settings.BASE_DIR,
        tree,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "media", "staticfiles", "__pycache__", "*.sqlite3*"
        ),
    )
    git = ["git", "-c", "user.name=test", "-c", "user.email=test@example.org"]
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "tree"]):
        subprocess.run([*git, *command], cwd=tree, check=True)
    env = {**os.environ}
    env.pop("DATABASE_URL", None)
    venv = sys.prefix

    def run():
        return subprocess.run(
            [
                "make",
                "--no-print-directory",
                f"VENV={venv}",
                # The tree's files are newer than the venv's stamp: install nothing.
                f"--old-file={venv}/.installed-stamp",
                "messages-check",
            ],
            cwd=tree,
            env=env,
            capture_output=True,
            text=True,
        )

    run.tree = tree
    return run


def test_makemessages_finds_nothing_new_fuzzy_or_untranslated(catalogue_check):
    result = catalogue_check()
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_catalogue_check_catches_a_message_missing_from_the_catalogue(
    catalogue_check,
):
    template = Path(catalogue_check.tree, "templates", "new.html")
    template.write_text('{% load i18n %}{% translate "A sentence nobody translated" %}')
    result = catalogue_check()
    assert result.returncode != 0
    assert '+msgid "A sentence nobody translated"' in result.stdout
