"""A reader in Chromium, in English and in Spanish: from the home page through a
meeting and a speaker to their statements, a filter and a download; a search for a
quote's word; and every public page kind checked by axe-core and photographed at a
phone's and a laptop's width into screenshots/, which CI keeps.

Pages are found as a reader finds them, by headings, link names and labels in the
page's language (the site's own catalogue gives them), and by the addresses links lead
to, never by class names, so a new layout keeps the tests."""

import csv
import io
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from events.models import Body, Event, Presidency, Topic

from .. import factories
from ..conftest import REAL_TRANSACTIONS, SEED_FIXTURES, WORKSHOP
from .conftest import EVERY_IMPACT, axe_findings, load_axe

try:
    from playwright.sync_api import expect
except ImportError:  # the conftest skips these tests, saying so
    expect = None

pytestmark = REAL_TRANSACTIONS

LANGUAGES = ["en", "es"]
SCREENSHOTS = Path(settings.BASE_DIR) / "screenshots"
WIDTHS = (390, 1280)
# He spoke in English at the seed's meeting and holds a post at an organization.
SPEAKER = "marcelo-pisani"


@pytest.fixture
def seed_data(transactional_db):
    call_command("loaddata", *SEED_FIXTURES, verbosity=0)


@pytest.fixture
def later_statements(seed_data):
    """Ten more of the speaker's statements, at a 2019 meeting: his page then links
    to the list of all of them, and a filter by year has something to leave out."""
    return factories.StatementFactory.create_batch(
        10,
        speaker=seed_statement().speaker,
        event=factories.EventFactory(title="Workshop on seasonal work"),
    )


def seed_statement():
    """The speaker's statement at the seed's meeting, in the active language."""
    return (
        Event.objects.get(slug=WORKSHOP)
        .statements.select_related("event", "speaker", "organization")
        .get(speaker__slug=SPEAKER)
    )


def strings(value):
    """Every string in a parsed JSON document."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def downloaded_texts(context, link, content_type):
    """The texts of the file a download link answers with, once its status and
    content type are checked."""
    response = context.request.get(link.evaluate("a => a.href"))
    assert response.status == 200, link.evaluate("a => a.href")
    assert response.headers["content-type"].startswith(content_type)
    if content_type == "text/csv":
        return [
            cell for row in csv.reader(io.StringIO(response.text())) for cell in row
        ]
    return list(strings(json.loads(response.text())))


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_reader_goes_from_the_home_page_to_a_download_of_a_speakers_words(
    live_server, context, language, later_statements
):
    page = context.new_page()
    main = page.get_by_role("main")
    with translation.override(language):
        statement = seed_statement()
        event, speaker, quote = statement.event, statement.speaker, statement.text
        later = [other.text for other in later_statements]

        page.goto(live_server.url + reverse("home"))
        main.get_by_role("link", name=event.title, exact=True).first.click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(event.title)
        expect(main).to_contain_text(quote)

        # The speaker's name, where it leads to their page (a statement's own link
        # may be named by its speaker too).
        main.get_by_role("link", name=speaker.full_name).and_(
            page.locator(f"[href='{speaker.get_absolute_url()}']")
        ).first.click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(speaker.full_name)

        main.locator(
            f"a[href*='{reverse('events:statement_list')}?'][href*='speaker={speaker.slug}']"
        ).first.click()
        expect(main).to_contain_text(quote)
        expect(main).to_contain_text(later[0])

        year = page.get_by_label(_("Year"))
        if not year.is_visible():  # filters folded away, as on a phone
            page.locator("details", has=year).locator("summary").first.click()
        year.fill("2018")
        year.press("Enter")
        page.wait_for_url(re.compile(r"year=2018"))
        expect(main).to_contain_text(quote)
        for text in later:
            expect(main).not_to_contain_text(text)

        for name, content_type in (("CSV", "text/csv"), ("JSON", "application/json")):
            link = main.get_by_role("link", name=name, exact=True)
            texts = downloaded_texts(context, link, content_type)
            assert any(quote in text for text in texts), name
            assert not any(other in text for text in texts for other in later), name


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_reader_searches_for_a_word_of_a_quote_and_opens_its_statement(
    live_server, context, language, seed_data
):
    page = context.new_page()
    main = page.get_by_role("main")
    with translation.override(language):
        statement = seed_statement()
        word = max(re.findall(r"\w+", statement.text), key=len)

        page.goto(live_server.url + reverse("search"))
        main.get_by_role("searchbox").first.fill(word)
        main.get_by_role("searchbox").first.press("Enter")
        page.wait_for_url(re.compile(r"q="))
        main.locator(f"a[href='{statement.get_absolute_url()}']").first.click()

        expect(page).to_have_url(live_server.url + statement.get_absolute_url())
        expect(page.get_by_role("heading", level=1)).to_contain_text(
            statement.speaker.full_name
        )
        expect(main).to_contain_text(statement.text)


def page_kinds():
    """Each kind of public page: its name, its address in the active language and
    the status it answers with."""
    statement = seed_statement()
    event = statement.event
    statements = reverse("events:statement_list")
    search = reverse("search")
    word = max(re.findall(r"\w+", statement.text), key=len)
    return [
        ("home", reverse("home"), 200),
        ("meetings", reverse("events:event_list"), 200),
        ("meeting", event.get_absolute_url(), 200),
        ("statements", statements, 200),
        ("statement", statement.get_absolute_url(), 200),
        ("people", reverse("people:person_list"), 200),
        ("person", statement.speaker.get_absolute_url(), 200),
        ("organizations", reverse("people:organization_list"), 200),
        ("organization", statement.organization.get_absolute_url(), 200),
        ("countries", reverse("people:country_list"), 200),
        ("country", event.country.get_absolute_url(), 200),
        ("topic", Topic.objects.get(slug="labour-migration").get_absolute_url(), 200),
        ("bodies", reverse("events:body_list"), 200),
        (
            "body",
            Body.objects.get(slug="working-group-labour-migration").get_absolute_url(),
            200,
        ),
        ("presidencies", reverse("events:presidency_list"), 200),
        ("presidency", Presidency.objects.get(year=2018).get_absolute_url(), 200),
        ("search", f"{search}?q={word}", 200),
        ("search-nothing-found", f"{search}?q=xylophone", 200),
        ("rejected-filter", f"{statements}?year=last", 400),
        ("data", reverse("data"), 200),
        ("not-found", f"{reverse('home')}no-such-page/", 404),
    ]


def photograph(page, path):
    """A full-length screenshot, with the images that wait to be scrolled to shown."""
    page.evaluate(
        """() => Promise.all(Array.from(document.images, image => {
            image.loading = 'eager';
            return image.decode().catch(() => null);
        }))"""
    )
    page.screenshot(path=path, full_page=True)


def test_every_public_page_kind_passes_axe_core_in_both_languages(
    live_server, context, seed_data
):
    """At both widths, where a phone's layout can fail where a laptop's does not;
    and leaves a full-length screenshot of each page at each width."""
    SCREENSHOTS.mkdir(exist_ok=True)
    load_axe(context)
    page = context.new_page()
    findings = {}
    for language in LANGUAGES:
        with translation.override(language):
            kinds = page_kinds()
        for kind, path, status in kinds:
            response = page.goto(live_server.url + path)
            if response.status != status:
                findings[f"{language} {kind} ({path})"] = [
                    f"status {response.status}, not {status}"
                ]
                continue
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 800})
                if found := axe_findings(page, impacts=EVERY_IMPACT):
                    findings[f"{language} {kind} at {width} px ({path})"] = found
                photograph(page, SCREENSHOTS / f"{language}-{kind}-{width}.png")
    assert not findings, "\n".join(
        f"{name}:\n  " + "\n  ".join(found) for name, found in findings.items()
    )
