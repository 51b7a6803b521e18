"""The seed read in Spanish: no English message of the interface outside a passage
marked as English, every text shown in the other language (a translation not made)
marked with its lang, and the seed's Spanish texts as their published sources give
them."""

from html.parser import HTMLParser

import polib
import pytest
from django.db.models import Q
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from events.models import Body, Source, Statement, Topic
from people.models import Country, Organization, Person, Position

from .conftest import WORKSHOP
from .test_i18n import PO, url_in
from .test_pages import page_text

pytestmark = pytest.mark.django_db

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"}
SHOWN_ATTRIBUTES = ("alt", "aria-label", "placeholder", "title")

# Spanish texts of the seed taken from a published Spanish source: (person, source's
# link, the source's words, the words the post title leaves out as the English one
# does: the organization, which the page names beside the title).
PUBLISHED_SPANISH_POSTS = [
    (
        "marcelo-pisani",
        "https://programamesocaribe.iom.int/es/noticia/los-sectores-publico-y-"
        "privado-intercambiaron-perspectivas-sobre-migracion-laboral-y",
        "afirmó Marcelo Pisani, Director Regional de la OIM para Centroamérica, "
        "Norteamérica y el Caribe.",
        " de la OIM",
    ),
    (
        "francesco-carella",
        "http://rel-uita.org/costa-rica/una-alianza-para-proteger-a-los-"
        "trabajadores-migrantes",
        "Es especialista en migración laboral de la OIT",
        " de la OIT",
    ),
]
# Posts whose Spanish title no published source gives: this site's translation.
SITE_TRANSLATED_POSTS = {
    "miguel-diaz-reynoso": "Director General para América Latina",
    "pablo-rusconi-trigueros": "Director",
}


class Fragments(HTMLParser):
    """The text nodes and shown attributes of a page's body, each with the language
    of the nearest element that names one (the page's own where none does)."""

    def __init__(self, page_language):
        super().__init__()
        self.stack = [page_language]
        self.in_body = False
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "body":
            self.in_body = True
        language = attrs.get("lang") or self.stack[-1]
        if self.in_body:
            self.found += [
                (language, attrs[a]) for a in SHOWN_ATTRIBUTES if attrs.get(a)
            ]
        if tag not in VOID:
            self.stack.append(None if tag in ("script", "style") else language)

    def handle_endtag(self, tag):
        if tag not in VOID and len(self.stack) > 1:
            self.stack.pop()

    def handle_data(self, data):
        text = " ".join(data.split())
        if self.in_body and text and self.stack[-1]:
            self.found.append((self.stack[-1], text))


def fragments(client, url, language="es"):
    response = client.get(url)
    assert response.status_code == 200, url
    parser = Fragments(language)
    parser.feed(response.content.decode())
    return parser.found


def english_messages():
    """Every message of the catalogue that Spanish says otherwise, as English."""
    messages = set()
    for entry in polib.pofile(str(PO)):
        if entry.obsolete or "fuzzy" in entry.flags:
            continue
        if entry.msgid_plural:
            pairs = [(entry.msgid, entry.msgstr_plural[0])]
            pairs += [(entry.msgid_plural, entry.msgstr_plural[1])]
        else:
            pairs = [(entry.msgid, entry.msgstr)]
        messages |= {" ".join(en.split()) for en, es in pairs if es and en != es}
    return messages


def seed_pages(language="es"):
    """Every page of the seed: the lists, and the page of each record it holds."""
    countries = Country.objects.filter(
        Q(events__isnull=False)
        | Q(people__isnull=False)
        | Q(organizations__isnull=False)
        | Q(statements__isnull=False)
    ).distinct()
    return [
        url_in(language, "home"),
        url_in(language, "search", query="?q=migración"),
        url_in(language, "search", query="?q=migration"),
        url_in(language, "events:event_list"),
        url_in(language, "events:event_detail", WORKSHOP),
        url_in(language, "events:statement_list"),
        url_in(language, "events:body_list"),
        url_in(language, "people:person_list"),
        url_in(language, "people:organization_list"),
        url_in(language, "people:country_list"),
        *(
            url_in(language, "events:statement_detail", s.pk)
            for s in Statement.objects.all()
        ),
        *(url_in(language, "events:topic_detail", t.slug) for t in Topic.objects.all()),
        *(url_in(language, "events:body_detail", b.slug) for b in Body.objects.all()),
        *(
            url_in(language, "people:person_detail", p.slug)
            for p in Person.objects.all()
        ),
        *(
            url_in(language, "people:organization_detail", o.slug)
            for o in Organization.objects.all()
        ),
        *(
            url_in(language, "people:country_detail", c.iso_code.lower())
            for c in countries
        ),
    ]


def shown_in_the_other_language(language):
    """The texts of every translated record that a page in `language` shows in the
    other one, line by line (a long text is printed paragraph by paragraph)."""
    other = "en" if language == "es" else "es"
    texts = set()
    for model in translator.get_registered_models():
        fields = translator.get_options_for_model(model).fields
        for record in model._default_manager.all():
            for field in fields:
                if getattr(record, build_localized_fieldname(field, language)):
                    continue
                shown = getattr(record, build_localized_fieldname(field, other)) or ""
                texts |= {" ".join(line.split()) for line in shown.splitlines()}
    return {text for text in texts if text}


def unmarked(text, fragment):
    # A word or two could be a word of the page's own language too ("Director"): only
    # a fragment that is nothing else is taken for it.
    if len(text.split()) < 2 and len(text) < 8:
        return text == fragment
    return text in fragment


@pytest.fixture
def seed_with_gaps(seed):
    """The seed with some Spanish texts it has taken away: the posts' titles and the
    names of two organizations, as a meeting entered in English only would have."""
    Position.objects.update(title_es="", site_translated=[])
    Organization.objects.filter(
        slug__in=["ilo", "mexico-ministry-of-foreign-affairs"]
    ).update(name_es="")


def test_spanish_pages_show_no_message_of_the_catalogue_in_english(seed, client):
    messages = english_messages()
    assert {"Search", "Statements", "Meetings"} <= messages
    for url in seed_pages():
        left = {
            text
            for lang, text in fragments(client, url)
            if lang != "en" and text in messages
        }
        assert not left, (url, left)


@pytest.mark.parametrize("data", ["seed", "seed_with_gaps"])
def test_every_text_shown_in_the_other_language_is_marked_so(data, request, client):
    request.getfixturevalue(data)
    for language in ("es", "en"):
        other = shown_in_the_other_language(language)
        assert other, "the seed shows something in the other language"
        for url in seed_pages(language):
            left = {
                text
                for lang, fragment in fragments(client, url, language)
                if lang == language
                for text in other
                if unmarked(text, fragment)
            }
            assert not left, (url, left)


def test_the_checks_see_an_unmarked_fragment(seed, client):
    """The walker is what the two tests above rely on: an English text in a Spanish
    element is found, the same text in an English one is not."""
    parser = Fragments("es")
    parser.feed(
        '<html lang="es"><head><title>Search</title></head><body><p>Search</p>'
        '<p lang="en">Statements <b>Meetings</b></p><p>Reuniones</p>'
        '<img alt="Search"></body></html>'
    )
    assert parser.found == [
        ("es", "Search"),
        ("en", "Statements"),
        ("en", "Meetings"),
        ("es", "Reuniones"),
        ("es", "Search"),
    ]


def test_spanish_post_titles_are_the_published_spanish_ones(seed):
    for slug, url, words, organization in PUBLISHED_SPANISH_POSTS:
        (position,) = Position.objects.filter(person__slug=slug)
        assert position.title_es.lower() in words.replace(organization, "").lower()
        assert position.site_translated == []
        source = Source.objects.get(url=url)
        assert source.language == "es"
    for slug, title in SITE_TRANSLATED_POSTS.items():
        (position,) = Position.objects.filter(person__slug=slug)
        assert (position.title_es, position.site_translated) == (title, ["title_es"])


def test_quotes_without_a_published_spanish_original_keep_their_language(seed, client):
    """No Spanish text of the four quotes is published: the site does not translate a
    quote, so Spanish pages give the English with the note of its origin."""
    assert set(Statement.objects.values_list("text_es", flat=True)) == {""}
    text = page_text(client.get(f"/es/events/{WORKSHOP}/"))
    assert "Traducción al inglés del original en español" in text
    assert "Mexico recognizes the vital importance of migrants" in text


def test_the_meeting_page_gives_the_posts_in_spanish(seed, client):
    text = page_text(client.get(f"/es/events/{WORKSHOP}/"))
    for byline in [
        "Marcelo Pisani, Director Regional para Centroamérica, Norteamérica y el "
        "Caribe, Organización Internacional para las Migraciones",
        "Francesco Carella, Especialista en migración laboral, Organización "
        "Internacional del Trabajo",
        "Director General para América Latina (traducción de este sitio), "
        "Secretaría de Relaciones Exteriores",
    ]:
        assert byline in text, byline
    english = page_text(client.get(f"/en/events/{WORKSHOP}/"))
    assert "General Director for Latin America, Ministry of Foreign Affairs" in english
    assert "translated by this site" not in english


def test_a_post_shown_in_english_is_marked_beside_a_spanish_organization(
    seed_with_gaps, client
):
    body = client.get(f"/es/events/{WORKSHOP}/").content.decode()
    assert (
        '<span lang="en">Regional Director for Central America, North America and the '
        "Caribbean</span>, Organización Internacional para las Migraciones"
    ) in body
    assert (
        '<span lang="en">Labour Migration Specialist</span>, <span lang="en">'
        "International Labour Organization</span>"
    ) in body
