"""The public pages, read as a journalist would read them."""

import html
import itertools
import re

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from events.models import Event, Statement

from . import factories as f
from .conftest import WORKSHOP

pytestmark = pytest.mark.django_db

EVENT_URL = f"/en/events/{WORKSHOP}/"


def page_text(response):
    """The page as a reader sees it: tags removed, entities decoded, spaces collapsed."""
    body = response.content.decode()
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())
    return re.sub(r" ([,.;:)])", r"\1", text)


def get_text(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return page_text(response)


def statement_url(speaker_slug):
    return Statement.objects.get(speaker__slug=speaker_slug).get_absolute_url()


def test_home(seed, client):
    text = get_text(client, "/en/")
    assert "Meetings of the Regional Conference on Migration" in text
    assert "Regional Workshop on the Governance of Labour Migration" in text
    assert "Over 25 million" in text
    assert "Mexico recognizes the vital importance of migrants" in text
    for country in ("Belize", "Dominican Republic", "United States"):
        assert country in text


def test_meeting_page_shows_every_fact_in_reading_order(seed, client):
    """Issue 19's story order: what was said before who took part."""
    text = get_text(client, EVENT_URL)
    facts_in_order = [
        "Regional Workshop on the Governance of Labour Migration: Towards Integrated "
        "and Planned Policies",
        "4–5 September 2018",
        "Mexico City, Mexico",
        "In person",
        "Over 25 million nationals of countries in the Americas live outside their "
        "country of origin",
        "More than 80 per cent of migrants from the Americas remain within the region",
        "Mexico recognizes the vital importance of migrants",
        "The involvement of all RCM countries in the appropriate planning",
        "60 participants",
        "Chancelleries",
        "Trade unions",
        "Host Government of Mexico",
        "Convener Regional Conference on Migration (RCM)",
        "Co-organizer International Organization for Migration (IOM) "
        "(through its Mesoamerica Program) Mesoamerica Program (on behalf of IOM)",
        "Supporter International Organization for Migration (IOM) "
        "International Labour Organization (ILO)",
        "Funder United States Department of State (funds IOM's Mesoamerica Program)",
        "Ambassador Miguel Díaz Reynoso, General Director for Latin America, "
        "Ministry of Foreign Affairs of Mexico Speaker",
        "The region faces a triple challenge",
        "Challenges The integration of new and diverse profiles of immigrant workers",
        "The lack or scarcity of qualified human resources.",
        "Recommendations Renewed, comprehensive and strategically planned",
        "Migration for Employment Convention (Revised), 1949 (No. 97) (ILO Convention 97)",
        "Central and North American Countries Discuss Labour Migration Governance · "
        "International Organization for Migration · Press release · English",
        "Some of the key speakers at the RCM Labour Migration workshop in Mexico City. "
        "Photo: IOM / Cesia Chavarria",
        "Alexandra Bonnie IOM San José Phone: +506 2212 5304",
        "Labour migration",
    ]
    positions = [text.find(fact) for fact in facts_in_order]
    missing = [
        fact for fact, at in zip(facts_in_order, positions, strict=True) if at < 0
    ]
    assert not missing
    assert positions == sorted(positions)


def test_meeting_page_quotes_each_statement_with_its_attribution(seed, client):
    text = get_text(client, EVENT_URL)
    for statement in Statement.objects.select_related("speaker", "position"):
        assert statement.text in text
        assert (
            f"{statement.speaker.name_with_honorific}, {statement.position.title}"
            in text
        )


def test_a_meeting_page_shows_a_page_of_its_statements_in_order_and_links_the_rest(
    client,
):
    from .factories import EventFactory, StatementFactory

    event = EventFactory()
    for order in range(21, 0, -1):
        StatementFactory(
            event=event, order=order, text=f"Words said in turn {order:02}."
        )
    page = client.get(event.get_absolute_url())
    text = page_text(page)
    said = [f"Words said in turn {order:02}." for order in range(1, 21)]
    assert [text.index(words) for words in said] == sorted(
        text.index(words) for words in said
    )
    assert "Words said in turn 21." not in text
    assert "See all 21 statements" in text
    assert f'href="/en/statements/?event={event.slug}"' in page.content.decode()


def test_meeting_page_links_every_meeting_of_its_kind_and_of_its_body(
    seed, client, settings
):
    from events.models import Body

    settings.PAGE_CACHE_ENABLED = False

    event = Event.objects.get(slug=WORKSHOP)
    page = client.get(EVENT_URL).content.decode()
    assert (
        '<a href="/en/events/?kind=workshop">Every meeting of this kind: Workshop</a>'
        in page
    )
    assert "Every meeting of this body" not in page
    body = Body.objects.published().first()
    event.rcm_body = body
    event.save()
    page = client.get(EVENT_URL).content.decode()
    assert f'<a href="{body.get_absolute_url()}">Every meeting of this body</a>' in page


def test_statement_permalink(seed, client):
    text = get_text(client, statement_url("francesco-carella"))
    assert "Statement by Francesco Carella" in text
    assert (
        "International conventions on migrant workers, such as ILO 97 and 143" in text
    )
    assert "Labour Migration Specialist, International Labour Organization" in text
    assert "Instruments referred to" in text
    assert "Guiding Principles on the Access of Refugees" in text
    assert "Regional Workshop on the Governance of Labour Migration" in text


def test_statement_list(seed, client):
    text = get_text(client, "/en/statements/")
    assert "4 results" in text
    assert "This regional exchange is a space" in text
    assert (
        "Pablo Rusconi Trigueros, Director, Immigration Department of the Republic of El Salvador"
        in text
    )


def test_person_page(seed, client):
    text = get_text(client, "/en/people/miguel-diaz-reynoso/")
    assert "Ambassador Miguel Díaz Reynoso" in text
    assert (
        "General Director for Latin America, Ministry of Foreign Affairs of Mexico"
        in text
    )
    assert "Mexico recognizes the vital importance of migrants" in text
    assert "Meetings attended" in text
    assert "4–5 September 2018 · Speaker" in text


def test_people_list_sorts_by_family_name(seed, client):
    text = get_text(client, "/en/people/")
    names = [
        "Alexandra Bonnie",
        "Francesco Carella",
        "Miguel Díaz Reynoso",
        "Marcelo Pisani",
    ]
    positions = [text.find(name) for name in names]
    assert -1 not in positions
    assert positions == sorted(positions)


def test_organization_page(seed, client):
    text = get_text(client, "/en/organizations/iom/")
    assert "International Organization for Migration (IOM)" in text
    assert "Includes Mesoamerica Program" in text
    roles = text.split("Roles in meetings")[1]
    assert "Co-organizer · 1 meeting Regional Workshop on the Governance" in roles
    assert "Supporter · 1 meeting Regional Workshop on the Governance" in roles
    assert "Marcelo Pisani, Regional Director for Central America" in text
    assert "The involvement of all RCM countries" in text


def test_organization_list(seed, client):
    text = get_text(client, "/en/organizations/")
    assert "8 results" in text
    assert (
        "International Labour Organization (ILO) · Intergovernmental organization"
        in text
    )


def test_country_pages(seed, client):
    text = get_text(client, "/en/countries/")
    assert "Honduras Member country" in text
    text = get_text(client, "/en/countries/mx/")
    assert "Mexico" in text
    assert "Regional Workshop on the Governance of Labour Migration" in text
    assert "Mexico recognizes the vital importance of migrants" in text
    assert "The involvement of all RCM countries" not in text
    assert "Ambassador Miguel Díaz Reynoso" in text
    response = client.get("/en/countries/MX/")
    assert (response.status_code, response["Location"]) == (301, "/en/countries/mx/")


def test_topic_page(seed, client):
    text = get_text(client, "/en/topics/reintegration/")
    assert "Reintegration of returning migrants" in text
    assert "The involvement of all RCM countries" in text
    assert "Mexico recognizes" not in text


@pytest.mark.parametrize(
    "url",
    [
        "/en/events/no-such-meeting/",
        "/en/statements/999999/",
        "/en/people/nobody/",
        "/en/organizations/nothing/",
        "/en/countries/zz/",
        "/en/topics/nothing/",
        "/en/events/?page=2",
        "/en/events/?page=last-but-one",
        "/en/statements/?page=0",
    ],
)
def test_unknown_records_and_pages_are_404_in_the_site_design(seed, client, url):
    text = get_text(client, url, status=404)
    assert "Page not found" in text
    assert "All meetings" in text


def test_drafts_are_not_public(seed, client):
    from .factories import EventFactory, PersonFactory, StatementFactory

    draft_person = PersonFactory(
        publication_status="draft", given_name="Hidden", family_name="Speaker"
    )
    draft_event = EventFactory(publication_status="draft", title="Secret meeting")
    StatementFactory(speaker=draft_person, text="Words of a draft speaker.")
    StatementFactory(event=draft_event, text="Words at a draft meeting.")
    assert client.get(draft_person.get_absolute_url()).status_code == 404
    assert client.get(draft_event.get_absolute_url()).status_code == 404
    for url in ("/en/", "/en/events/", "/en/statements/", "/en/people/"):
        text = get_text(client, url)
        for hidden in (
            "Hidden Speaker",
            "Secret meeting",
            "Words of a draft",
            "Words at a draft",
        ):
            assert hidden not in text, (url, hidden)


def test_server_error_page_needs_no_static_manifest(settings, tmp_path):
    """A template naming a static file missing from the manifest fails the page; the
    error page itself names its stylesheet without the manifest, so it still renders.
    (tests/test_production.py shows it with the database down.)"""
    from django.test import Client

    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        },
    }
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False
    client = Client(raise_request_exception=False)
    response = client.get("/en/events/")
    assert response.status_code == 500
    text = page_text(response)
    assert "Something went wrong on our side" in text
    assert 'href="/static/css/site.css"' in response.content.decode()


def test_every_page_has_one_h1_a_title_a_description_and_a_skip_link(seed, client):
    urls = [
        "/en/",
        "/en/events/",
        EVENT_URL,
        "/en/statements/",
        statement_url("marcelo-pisani"),
        "/en/people/",
        "/en/people/marcelo-pisani/",
        "/en/organizations/",
        "/en/organizations/ilo/",
        "/en/countries/",
        "/en/countries/sv/",
        "/en/topics/labour-migration/",
    ]
    for url in urls:
        body = client.get(url).content.decode()
        assert body.count("<h1") == 1, url
        assert re.search(r"<title>[^<]+ · RCM</title>", body), url
        assert re.search(r'<meta name="description" content="[^"]{20,}">', body), url
        assert '<a class="skip-link" href="#content">' in body, url
        assert '<html lang="en">' in body, url
        levels = [int(level) for level in re.findall(r"<h([1-6])", body)]
        assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), (url, levels)


def test_named_url_of_each_page(seed):
    assert reverse("events:event_detail", args=[WORKSHOP]) == EVENT_URL
    assert reverse("people:country_detail", args=["mx"]) == "/en/countries/mx/"


def test_the_navigation_marks_the_page_it_is_on(seed, client):
    for url, current in [
        ("/en/events/", ["Meetings"]),
        ("/en/statements/?country=mx", ["Statements"]),
        ("/es/events/", ["Reuniones"]),
        ("/en/search/?q=carella", ["Search"]),
        (EVENT_URL, []),
        ("/en/no-such-page/", []),
    ]:
        body = client.get(url).content.decode()
        assert re.findall(r'aria-current="page">([^<]+)<', body) == current, url


def test_an_edit_shows_on_the_list_at_once_escaped(seed, client, settings):
    settings.PAGE_CACHE_ENABLED = False
    url = "/en/statements/"
    assert "4 results" in get_text(client, url)
    statement = Statement.objects.get(speaker__slug="francesco-carella")
    statement.text_en = "New words <script>alert(1)</script>"
    statement.save()
    f.StatementFactory(text="Another statement, just published.")
    response = client.get(url)
    text = page_text(response)
    assert "5 results" in text
    assert "New words <script>alert(1)</script>" in text
    assert "<script>alert(1)" not in response.content.decode()
    assert "Another statement, just published." in text
    assert "ILO 97 and 143" not in text


def test_a_meeting_page_shows_a_new_role_escaped_and_is_gone_once_unpublished(
    seed, client, settings
):
    settings.PAGE_CACHE_ENABLED = False
    event = Event.objects.get(slug=WORKSHOP)
    role = f.EventOrganizationFactory(
        event=event, note="New note <script>alert(1)</script>"
    )
    response = client.get(EVENT_URL)
    assert "(New note <script>alert(1)</script>)" in page_text(response)
    assert "<script>alert(1)" not in response.content.decode()
    assert role.organization.name in page_text(response)
    event.publication_status = "draft"
    event.save()
    assert client.get(EVENT_URL).status_code == 404


def test_a_filter_naming_nothing_public_is_refused_escaped(seed, client):
    response = client.get("/en/statements/?speaker=francesco-carella")
    assert "Speaker: Francesco Carella" in page_text(response)
    response = client.get("/en/statements/?speaker=<script>")
    assert response.status_code == 400
    assert "Nothing public on this site goes by “<script>”." in page_text(response)
    assert "<script>" not in response.content.decode()
    response = client.get("/en/statements.json?speaker=<script>")
    assert response.status_code == 400
    assert "speaker" in response.json()["errors"]


def editor():
    user = User.objects.create_user("edna", is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    return user


def test_staff_preview_a_meeting_with_its_drafts_and_the_public_never_sees_them(
    client,
):
    event = f.EventFactory(title="Public meeting")
    f.StatementFactory(event=event, text="Said in public.")
    f.StatementFactory(
        event=event, publication_status="draft", publish_at=None, text="A draft quote."
    )
    f.ParticipationFactory(
        event=event,
        person=f.PersonFactory(
            given_name="Dora", publication_status="draft", publish_at=None
        ),
    )
    url = event.get_absolute_url()
    public = page_text(client.get(url))
    assert "Said in public." in public
    assert "A draft quote." not in public and "Dora" not in public

    client.force_login(editor())
    preview = page_text(client.get(url + "?preview=1"))
    assert preview.count("Draft A draft quote.") == 1
    assert "Draft Said in public." not in preview
    assert "Dora" in preview

    client.logout()
    response = client.get(url)
    assert "A draft quote." not in page_text(response)
    assert "Draft" not in page_text(response)
    assert "Dora" not in response.content.decode()


def test_staff_preview_a_persons_draft_statements_and_the_public_never_sees_them(
    client,
):
    person = f.PersonFactory(given_name="Ana")
    f.StatementFactory(speaker=person, text="Said in public.")
    f.StatementFactory(
        speaker=person,
        publication_status="draft",
        publish_at=None,
        text="A draft quote.",
    )
    url = person.get_absolute_url()
    client.force_login(editor())
    assert "A draft quote." in page_text(client.get(url + "?preview=1"))
    client.logout()
    public = page_text(client.get(url))
    assert "Said in public." in public and "A draft quote." not in public
