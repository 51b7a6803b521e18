"""Search and lists as a reader expects them (issue 19): results that link to what
they name, one empty state, titles that say the query, the filters and the page,
numbered pages, a heading before the results, filters behind one button on a phone,
a rejected filter that shows only the error, and statement cards named by their
words, dated, with the translation note after the attribution."""

import datetime
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode

import pytest

from events.models import Event, Statement
from events.views import StatementListView

from . import factories as f
from .test_pages import page_text

pytestmark = pytest.mark.django_db

VOID = {"meta", "link", "input", "br", "img", "hr", "source", "wbr", "col", "area"}


class Element:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children = []

    def raw_text(self):
        return "".join(c if isinstance(c, str) else c.raw_text() for c in self.children)

    def text(self):
        return " ".join(self.raw_text().split())

    def iter(self, tag=None):
        for child in self.children:
            if isinstance(child, Element):
                if tag in (None, child.tag):
                    yield child
                yield from child.iter(tag)

    def find_all(self, tag, **attrs):
        """Descendants with this tag whose attributes hold these values (a class
        among the element's classes)."""
        found = []
        for element in self.iter(tag):
            if all(
                value in element.attrs.get(name.rstrip("_"), "").split()
                if name == "class_"
                else element.attrs.get(name) == value
                for name, value in attrs.items()
            ):
                found.append(element)
        return found

    def find(self, tag, **attrs):
        found = self.find_all(tag, **attrs)
        return found[0] if found else None

    def links(self):
        return [(a.text(), a.attrs.get("href")) for a in self.iter("a")]


class Tree(HTMLParser):
    def __init__(self, body):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Element("document", [], None)
        self.feed(body)

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs, self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(response):
    return Tree(response.content.decode()).root


def title(response):
    return parse(response).find("title").text()


@pytest.fixture(autouse=True)
def pages_rendered_afresh(settings):
    """Records made inside a test's transaction start no new page-cache version."""
    settings.PAGE_CACHE_ENABLED = False


def statement_of(slug):
    return Statement.objects.get(speaker__slug=slug)


# ---- Search ----


def test_a_statement_result_links_its_words_speaker_and_meeting(seed, client):
    response = client.get("/en/search/?q=carella")
    statement = statement_of("francesco-carella")
    results = parse(response).find(
        "section", **{"aria-labelledby": "results-statement"}
    )
    item = results.find("li")
    quote = item.find("blockquote").find("a")
    assert quote.attrs["href"] == statement.get_absolute_url()
    assert quote.text().startswith("International conventions on migrant workers")
    meta = item.find("p", class_="meta")
    assert meta.links() == [
        ("Francesco Carella", "/en/people/francesco-carella/"),
        (statement.event.title, statement.event.get_absolute_url()),
    ]


def test_a_statement_result_without_a_speaker_links_its_organization(client):
    organization = f.OrganizationFactory(name="Office of Return", slug="return")
    statement = f.StatementFactory(
        speaker=None, organization=organization, text="Return must be safe."
    )
    item = parse(client.get("/en/search/?q=safe")).find("ul", class_="search-results")
    assert item.links() == [
        ("Return must be safe.", statement.get_absolute_url()),
        ("Office of Return", "/en/organizations/return/"),
        (statement.event.title, statement.event.get_absolute_url()),
    ]


def test_search_results_leave_out_the_kinds_with_none(seed, client):
    response = client.get("/en/search/?q=carella")
    assert title(response) == "Search results for “carella” · RCM"
    text = page_text(response)
    assert "Results for “carella”" in text
    assert "Statements (1)" in text and "People (1)" in text
    assert "Meetings (" not in text and "Organizations (" not in text
    assert "Nothing" not in text


def test_no_result_is_one_empty_state_with_suggestions(seed, client):
    response = client.get("/en/search/?q=zzyzx")
    assert response.status_code == 200
    assert title(response) == "No results for “zzyzx” · RCM"
    page = parse(response)
    main = page.find("main")
    assert [h.text() for h in main.iter("h2")] == [
        "Nothing on this site matches “zzyzx”"
    ]
    text = page_text(response)
    assert "Results for" not in text and "Nothing found" not in text
    assert "Check the spelling." in text
    assert "Use fewer words" in text
    assert "Try the words in Spanish" in text
    empty = main.find("section", class_="no-results")
    assert empty.links() == [
        ("Meetings", "/en/events/"),
        ("Statements", "/en/statements/"),
        ("People", "/en/people/"),
        ("Organizations", "/en/organizations/"),
    ]


def test_a_rejected_search_has_an_error_title(client):
    response = client.get("/en/search/", {"q": "x" * 201})
    assert response.status_code == 400
    assert title(response).startswith("Error: ")
    assert "Nothing on this site matches" not in page_text(response)


def test_the_search_page_without_a_query_is_titled_search(client):
    assert title(client.get("/en/search/")) == "Search · RCM"


# ---- Lists: titles, heading, numbered pages ----


@pytest.fixture
def many_statements(seed, monkeypatch):
    """30 statements, two a page: 15 pages."""
    monkeypatch.setattr(StatementListView, "paginate_by", 2)
    event = Event.objects.get()
    speaker = f.PersonFactory()
    f.StatementFactory.create_batch(26, event=event, speaker=speaker)
    assert Statement.objects.published().count() == 30


def in_order_of_name(href):
    """A query string with its parameters in order of name, as the page cache puts
    them (with the cache off, links keep the order of the request)."""
    if not href:
        return href
    return "?" + urlencode(sorted(parse_qsl(href.removeprefix("?"))))


def page_links(response):
    """Each link of the pagination: its text, address and whether it is current."""
    nav = parse(response).find("nav", class_="pagination")
    return [
        (
            a.text(),
            in_order_of_name(a.attrs["href"]),
            a.attrs.get("aria-current"),
            a.attrs.get("rel"),
        )
        for a in nav.iter("a")
    ]


def test_pages_are_numbered_with_the_first_last_and_nearby_ones(
    many_statements, client
):
    response = client.get("/en/statements/?page=7")
    assert page_links(response) == [
        ("Previous", "?page=6", None, "prev"),
        ("Page 1", "?", None, None),
        ("Page 5", "?page=5", None, None),
        ("Page 6", "?page=6", None, None),
        ("Page 7", "?page=7", "page", None),
        ("Page 8", "?page=8", None, None),
        ("Page 9", "?page=9", None, None),
        ("Page 15", "?page=15", None, None),
        ("Next", "?page=8", None, "next"),
    ]
    gaps = parse(response).find_all("li", class_="pagination-gap")
    assert [gap.text() for gap in gaps] == ["…", "…"]


def test_the_first_page_has_no_previous_and_the_last_no_next(many_statements, client):
    first = page_links(client.get("/en/statements/"))
    assert first[0] == ("Page 1", "", "page", None)
    assert first[-2:] == [
        ("Page 15", "?page=15", None, None),
        ("Next", "?page=2", None, "next"),
    ]
    last = page_links(client.get("/en/statements/?page=15"))
    assert last[0] == ("Previous", "?page=14", None, "prev")
    assert last[-1] == ("Page 15", "?page=15", "page", None)


def test_page_links_keep_the_filters(many_statements, client):
    links = page_links(client.get("/en/statements/?year=2018&page=2"))
    assert links[0] == ("Previous", "?year=2018", None, "prev")
    assert ("Page 3", "?page=3&year=2018", None, None) in links


def test_the_title_says_the_filters_and_the_page(seed, client, monkeypatch):
    monkeypatch.setattr(StatementListView, "paginate_by", 1)
    mexico = Statement.objects.get(speaker__slug="miguel-diaz-reynoso").country
    f.StatementFactory(country=mexico, event=Event.objects.get())
    assert title(client.get("/en/statements/")) == "Statements · RCM"
    assert title(client.get("/en/statements/?page=3")) == "Statements, page 3 · RCM"
    assert (
        title(client.get("/en/statements/?country=mx&page=2"))
        == "Statements — Mexico, page 2 · RCM"
    )
    assert (
        title(
            client.get("/en/statements/?q=migration&speaker=marcelo-pisani&year=2018")
        )
        == "Statements — “migration”, Marcelo Pisani, 2018 · RCM"
    )
    assert (
        title(client.get("/en/events/?kind=workshop&year=2018"))
        == "Meetings — 2018, Workshop · RCM"
    )
    assert title(client.get("/en/people/?country=sv")) == "People — El Salvador · RCM"
    escaped = client.get("/en/people/?q=<b>").content.decode()
    assert "<title>People — “&lt;b&gt;” · RCM</title>" in escaped
    assert (
        title(client.get("/en/organizations/?kind=intergovernmental"))
        == "Organizations — Intergovernmental organization · RCM"
    )


def test_a_heading_comes_before_the_results(many_statements, client):
    response = client.get("/en/statements/?page=2")
    main = parse(response).find("main")
    headings = [(h.tag, h.text()) for h in main.iter() if h.tag in ("h1", "h2")]
    assert headings == [
        ("h1", "Statements"),
        ("h2", "Filter"),
        ("h2", "30 results · Page 2 of 15"),
    ]
    body = response.content.decode()
    assert body.index('id="results-heading"') < body.index('<figure class="statement"')


def test_a_list_counted_up_to_its_bound_pages_to_the_last_counted(
    seed, client, monkeypatch
):
    monkeypatch.setattr("rcm_site.pages.MAX_COUNTED_MATCHES", 10)
    monkeypatch.setattr(StatementListView, "paginate_by", 2)
    f.StatementFactory.create_batch(13, text="Reintegration matters.")
    response = client.get("/en/statements/?q=reintegration&page=3")
    main = parse(response).find("main")
    assert main.find("h2", id="results-heading").text() == (
        "More than 10 results · Page 3 of 5"
    )
    assert "The first 10 are listed. Add a filter or another word" in page_text(
        response
    )
    links = page_links(response)
    assert links[-2] == ("Page 5", "?page=5&q=reintegration", None, None)
    assert client.get("/en/statements/?q=reintegration&page=5").status_code == 200
    assert client.get("/en/statements/?q=reintegration&page=6").status_code == 404


# ---- Filters behind one button (their look at each width: tests/browser) ----


def test_the_filters_are_behind_one_button_closed_until_a_value_is_rejected(
    seed, client
):
    page = parse(client.get("/en/statements/"))
    panel = page.find("details", class_="filter-panel")
    assert "open" not in panel.attrs
    first = next(child for child in panel.children if not isinstance(child, str))
    assert (first.tag, first.text()) == ("summary", "Filters")
    assert panel.find("form", class_="filters") is not None

    filtered = parse(client.get("/en/statements/?country=mx&year=2018"))
    summary = filtered.find("details", class_="filter-panel").find("summary")
    assert summary.text() == "Filters (2 in use)"

    rejected = parse(client.get("/en/statements/?year=abc"))
    assert "open" in rejected.find("details", class_="filter-panel").attrs


def test_a_chosen_facet_shows_outside_the_closed_panel(seed, client):
    page = parse(client.get("/en/statements/?speaker=marcelo-pisani"))
    facets = page.find("ul", class_="facets")
    assert facets.text().startswith("Speaker: Marcelo Pisani")
    assert (
        page.find("details", class_="filter-panel").find("ul", class_="facets") is None
    )


# ---- A rejected filter ----


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("/en/statements/?year=abc", "Statements"),
        ("/en/statements/?speaker=nobody&country=mx", "Statements"),
        ("/en/events/?kind=conference", "Meetings"),
        ("/en/people/?country=zz", "People"),
        ("/en/organizations/?kind=club", "Organizations"),
        ("/en/bodies/?kind=club", "RCM bodies"),
    ],
)
def test_a_rejected_filter_shows_only_the_error_and_the_form(seed, client, url, name):
    response = client.get(url)
    assert response.status_code == 400
    assert title(response) == f"Error: {name} · RCM"
    main = parse(response).find("main")
    assert main.find("div", class_="form-errors") is not None
    assert main.find("form", class_="filters") is not None
    assert main.find("h2", id="results-heading") is None
    assert main.find("nav", class_="pagination") is None
    text = page_text(response)
    for absent in ("0 results", "Download these results", "matches these filters"):
        assert absent not in text, absent
    assert ".csv" not in response.content.decode()


# ---- Statement cards ----


def test_statement_cards_link_by_their_words_not_permalink(seed, client):
    response = client.get("/en/statements/")
    assert "Permalink" not in page_text(response)
    cards = parse(response).find_all("figure", class_="statement")
    assert len(cards) == 4
    for card in cards:
        link = card.find("a", class_="statement-link")
        statement = Statement.objects.get(pk=link.attrs["href"].split("/")[-2])
        assert link.text() == " ".join(statement.text.split())
        speaker = card.find("a", class_="speaker")
        assert speaker.attrs["href"] == statement.speaker.get_absolute_url()
        assert speaker.text() == statement.speaker.name_with_honorific


def test_a_statement_on_its_own_page_does_not_link_to_itself(seed, client):
    statement = statement_of("marcelo-pisani")
    main = parse(client.get(statement.get_absolute_url())).find("main")
    assert main.find("a", class_="statement-link") is None
    assert statement.get_absolute_url() not in [href for _, href in main.links()]


def test_a_card_shows_the_statements_own_date_or_its_sessions(client):
    event = f.EventFactory(
        title="Virtual sessions",
        start_date=datetime.date(2021, 3, 3),
        end_date=datetime.date(2021, 3, 17),
    )
    session = f.SessionFactory(event=event, date=datetime.date(2021, 3, 10))
    f.StatementFactory(event=event, text="Dated.", date=datetime.date(2021, 3, 17))
    f.StatementFactory(event=event, session=session, text="In a session.")
    f.StatementFactory(event=event, text="Undated.")
    cards = {
        card.find("blockquote").text(): card.find("figcaption")
        for card in parse(client.get("/en/statements/")).find_all(
            "figure", class_="statement"
        )
    }
    dated = cards["Dated."].find("time", class_="said-on")
    assert (dated.attrs["datetime"], dated.text()) == ("2021-03-17", "17 March 2021")
    assert "March 2021," not in cards["Dated."].text()
    in_session = cards["In a session."]
    assert in_session.find("time", class_="said-on") is None
    assert in_session.find("time").text() == "10 March 2021"
    assert in_session.find("time").attrs["datetime"] == "2021-03-10"
    assert cards["Undated."].find("time") is None


def test_the_translation_note_follows_the_attribution(seed, client):
    statement = statement_of("miguel-diaz-reynoso")
    for url in ("/en/statements/", statement.get_absolute_url()):
        page = parse(client.get(url))
        card = next(
            card
            for card in page.find_all("figure", class_="statement")
            if "Díaz Reynoso" in card.text()
        )
        parts = [child for child in card.children if not isinstance(child, str)]
        assert [part.tag for part in parts] == ["blockquote", "figcaption"], url
        caption = parts[-1]
        note = caption.find("span", class_="translation-note")
        assert note.text() == "English translation of the original Spanish", url
        last = [child for child in caption.children if not isinstance(child, str)][-1]
        assert last is note, url
        text = caption.text()
        assert text.index("Miguel Díaz Reynoso") < text.index("English translation")
