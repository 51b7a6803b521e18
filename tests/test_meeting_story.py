"""A meeting's page in the order a reader wants it (issue 19): what it was, what was
said, then who took part, with a contents list, the summary once and a press sheet
when printed."""

import re

import pytest

from events.models import Event, Statement

from . import factories as f
from .conftest import WORKSHOP
from .test_pages import EVENT_URL, page_text
from .test_queries import QUERIES, World, count_queries
from .test_scale import MAX_QUERIES

pytestmark = pytest.mark.django_db


def section_ids(page):
    """The anchors of the page's sections, in the order they come."""
    return re.findall(
        r'<section class="event-section" aria-labelledby="([^"]+)">', page
    )


def contents_links(page):
    """The anchors the contents list links to, in order; None without a list."""
    found = re.search(r'<nav class="contents".*?</nav>', page, re.S)
    return re.findall(r'href="#([^"]+)"', found.group()) if found else None


def ids(page):
    return re.findall(r'\sid="([^"]+)"', page)


def without_asides(text):
    return re.sub(r" \([^)]*\)", "", text)


def headings(page):
    return re.findall(r'<h2 id="[^"]+">([^<]+)</h2>', page)


def test_the_seed_reads_as_a_story(seed, client):
    page = client.get(EVENT_URL).content.decode()
    assert section_ids(page) == [
        "figures",
        "statements",
        "participants",
        "account",
        "documents",
        "photos",
        "contact",
        "topics",
    ]
    assert headings(page) == [
        "On this page",
        "Key figures",
        "Statements",
        "Who took part",
        "What happened",
        "Documents and sources",
        "Photos",
        "Media contact",
        "Topics",
        "More meetings",
    ]
    assert page.count("<h1") == 1


def test_the_first_statement_comes_before_the_participants_tables(seed, client):
    page = client.get(EVENT_URL).content.decode()
    first = Statement.objects.filter(event__slug=WORKSHOP).in_order_said().first()
    said = page.index(first.text[:60])
    assert said < page.index('<dl class="roles">')
    assert said < page.index('<ul class="people-list">')
    assert page.index('<ul class="key-figures">') < said


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_summary_is_printed_once(seed, client, language):
    event = Event.objects.get(slug=WORKSHOP)
    summary = getattr(event, f"summary_{language}")
    text = page_text(client.get(f"/{language}/events/{WORKSHOP}/"))
    # The account once began with the summary again, an acronym added in brackets.
    assert without_asides(text).count(without_asides(summary)) == 1


def test_the_contents_list_links_every_section_shown_and_nothing_else(seed, client):
    page = client.get(EVENT_URL).content.decode()
    links = contents_links(page)
    assert links == section_ids(page)
    for anchor in links:
        assert ids(page).count(anchor) == 1
    # The seed has no programme, objectives or documents of its own: not listed.
    assert "programme" not in links and "objectives" not in links
    text = page_text(client.get(EVENT_URL))
    assert "On this page Key figures Statements Who took part What happened" in text


def test_a_page_of_a_few_sections_has_no_contents_list(client, settings):
    settings.PAGE_CACHE_ENABLED = False
    event = f.EventFactory(body="")
    f.StatementFactory(event=event)
    f.KeyFigureFactory(event=event)
    f.PhotoFactory(event=event)
    page = client.get(event.get_absolute_url()).content.decode()
    assert section_ids(page) == ["figures", "statements", "photos"]
    assert contents_links(page) is None
    assert "On this page" not in page_text(client.get(event.get_absolute_url()))

    f.MediaContactFactory(event=event)
    page = client.get(event.get_absolute_url()).content.decode()
    assert contents_links(page) == ["figures", "statements", "photos", "contact"]


def test_a_section_with_nothing_to_show_is_neither_shown_nor_listed(client):
    event = f.EventFactory(body="")
    f.KeyPointFactory(event=event, kind="general_objective", text="The aim.")
    f.DocumentFactory(event=event, title="Concept note")
    f.EventOrganizationFactory(event=event)
    f.SessionFactory(event=event, title="Opening session")
    page = client.get(event.get_absolute_url()).content.decode()
    assert contents_links(page) == [
        "programme",
        "participants",
        "objectives",
        "documents",
    ]
    assert section_ids(page) == contents_links(page)
    assert headings(page) == [
        "On this page",
        "Programme",
        "Who took part",
        "Objectives",
        "Documents and sources",
        "More meetings",
    ]


def test_the_print_stylesheet_makes_a_press_sheet(seed, client):
    page = client.get(EVENT_URL).content.decode()
    (link,) = re.findall(r'<link rel="stylesheet" href="([^"]+)" media="print">', page)
    sheet = client.get(link)
    assert sheet.status_code == 200
    assert sheet["Content-Type"].startswith("text/css")
    css = sheet.getvalue().decode()
    for chrome in (".site-nav", ".language-switcher", ".site-footer", ".contents"):
        assert re.search(rf"{re.escape(chrome)}\b[^{{]*{{ display: none", css), chrome
    assert re.search(r"\.statement,[^{]*{ break-inside: avoid", css)


@pytest.mark.parametrize("n", [1, 25])
def test_the_page_costs_the_same_queries_as_every_list_grows(client, settings, n):
    settings.PAGE_CACHE_ENABLED = False
    world = World()
    world.grow(n)
    f.KeyPointFactory(event=world.event, kind="general_objective")
    url = world.event.get_absolute_url()
    page = client.get(url).content.decode()
    assert len(section_ids(page)) == 10
    assert count_queries(client, url) == QUERIES[url] <= MAX_QUERIES
    assert count_queries(client, f"/es{url.removeprefix('/en')}") == QUERIES[url]
