"""Person, organization and country pages that tell what each said and did, over
time; a home page worth reading when no meeting is announced; one header everywhere."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from . import factories as f
from .test_pages import EVENT_URL, get_text, page_text
from .test_scale import MAX_QUERIES

pytestmark = pytest.mark.django_db


def meeting(year, **kwargs):
    day = datetime.date(year, 6, 10)
    return f.EventFactory(start_date=day, end_date=day, **kwargs)


def test_a_person_page_shows_their_words_and_their_meetings_by_year_with_roles(
    client,
):
    person = f.PersonFactory(given_name="Ana", family_name="Ruiz", slug="ana-ruiz")
    post = f.PositionFactory(person=person, title="Vice-Minister")
    old = meeting(2016, title="Old meeting")
    new = meeting(2021, title="New meeting")
    f.ParticipationFactory(event=old, person=person, role="participant")
    f.ParticipationFactory(event=new, person=person, role="chair", position=post)
    f.ParticipationFactory(event=new, person=person, role="keynote", position=post)
    f.StatementFactory(event=new, speaker=person, text="Migration is a shared task.")

    text = get_text(client, person.get_absolute_url())
    assert "Migration is a shared task." in text
    assert f"2021 New meeting · {new.dates_shown} · Chair, Vice-Minister" in text
    assert "Chair, Vice-Minister, Organization" in text
    assert "; Keynote speaker, Vice-Minister" in text
    assert f"2016 Old meeting · {old.dates_shown} · Participant" in text
    assert text.index("2021 New meeting") < text.index("2016 Old meeting")
    body = client.get(person.get_absolute_url()).content.decode()
    assert 'href="/en/statements/?speaker=ana-ruiz">See the statement</a>' in body


def test_a_person_page_shows_their_latest_words_and_links_them_all(client):
    person = f.PersonFactory(slug="busy-speaker")
    for n in range(7):
        f.StatementFactory(
            speaker=person,
            date=datetime.date(2020, 1, n + 1),
            text=f"Words of day {n + 1}.",
        )
    text = get_text(client, person.get_absolute_url())
    assert "Words of day 7." in text and "Words of day 3." in text
    assert "Words of day 2." not in text
    assert "See all 7 statements" in text
    listed = get_text(
        client, reverse("events:statement_list") + "?speaker=busy-speaker"
    )
    assert "Words of day 1." in listed


def test_a_person_with_many_meetings_links_the_list_of_them(client):
    person = f.PersonFactory(given_name="Eva", family_name="Paz", slug="eva-paz")
    for year in range(2000, 2022):
        f.ParticipationFactory(
            event=meeting(year, title=f"Meeting of {year}"), person=person
        )
    other = meeting(2010, title="Meeting without her")
    text = get_text(client, person.get_absolute_url())
    assert "Meeting of 2021" in text and "Meeting of 2002" in text
    assert "Meeting of 2001" not in text
    assert "See all the meetings Eva Paz took part in" in text
    listed = get_text(client, reverse("events:event_list") + "?person=eva-paz")
    assert "22 results" in listed and other.title not in listed


def test_an_organization_page_lists_its_meetings_by_role(client):
    organization = f.OrganizationFactory(name="Fund for Migrants", slug="fund")
    for year in range(2010, 2017):
        f.EventOrganizationFactory(
            event=meeting(year, title=f"Funded in {year}"),
            organization=organization,
            role="funder",
        )
    f.EventOrganizationFactory(
        event=meeting(2019, title="Hosted meeting"),
        organization=organization,
        role="host",
        note="at its offices",
    )
    text = get_text(client, organization.get_absolute_url())
    roles = text.split("Roles in meetings")[1]
    assert roles.index("Host · 1 meeting Hosted meeting") < roles.index(
        "Funder · 7 meetings Funded in 2016"
    )
    assert "at its offices" in roles
    assert "Funded in 2012" in roles and "Funded in 2011" not in roles
    assert "See all meetings with this organization" in roles
    listed = get_text(client, reverse("events:event_list") + "?organization=fund")
    assert "Funded in 2010" in listed


def test_an_organization_page_shows_its_people_and_its_statements(client):
    organization = f.OrganizationFactory(name="Labour Ministry")
    person = f.PersonFactory(given_name="Luis", family_name="Mora")
    post = f.PositionFactory(person=person, organization=organization, title="Minister")
    f.StatementFactory(speaker=person, position=post, text="Work must be decent.")
    text = get_text(client, organization.get_absolute_url())
    assert "Luis Mora, Minister" in text
    assert "Work must be decent." in text


def test_a_country_page_lists_its_meetings_presidencies_people_and_statements(client):
    country = f.CountryFactory(iso_code="GT", name="Guatemala")
    held = meeting(2018, title="Meeting in Guatemala", country=country)
    f.PresidencyFactory(country=country, year=2018)
    f.PresidencyFactory(country=country, year=2007)
    person = f.PersonFactory(given_name="Rosa", family_name="Tuy", country=country)
    f.StatementFactory(event=held, speaker=person, text="Guatemala welcomes you.")
    f.OrganizationFactory(name="Guatemalan Migration Institute", country=country)

    text = get_text(client, reverse("people:country_detail", args=["gt"]))
    assert "Pro-Tempore Presidency of the RCM: 2018, 2007" in text
    assert "Meeting in Guatemala" in text
    assert "Guatemala welcomes you." in text
    assert "Rosa Tuy" in text
    assert "Guatemalan Migration Institute" in text


def test_the_home_page_without_a_coming_meeting_shows_the_latest_record(seed, client):
    text = get_text(client, "/en/")
    assert "also known as the Puebla Process" in text
    assert "Regional Workshop on the Governance of Labour Migration" in text
    assert "Mexico recognizes the vital importance of migrants" in text
    assert "Coming meetings" not in text
    assert "No meeting announced yet" not in text
    assert "Browse the record" in text and "Member countries" in text


def test_the_home_page_puts_coming_meetings_first_and_lets_readers_browse(client):
    soon = timezone.localdate() + datetime.timedelta(days=30)
    f.EventFactory(title="A coming meeting", start_date=soon, end_date=soon)
    meeting(2019, title="A past meeting")
    f.TopicFactory(name="Labour migration")
    f.BodyFactory(name="Working Group on Labour Migration")
    text = get_text(client, "/en/")
    assert text.index("Coming meetings A coming meeting") < text.index(
        "Recent meetings A past meeting"
    )
    browse = text.split("Browse the record")[1]
    assert "Topics Labour migration" in browse
    assert "RCM bodies Working Group on Labour Migration" in browse


def header(response):
    """The site header as sent, but for what names the current page: which link
    is marked current, and the addresses of this page in the other language."""
    body = response.content.decode()
    markup = re.search(r'<header class="site-header">.*?</header>', body, re.S)[0]
    markup = markup.replace(' aria-current="page"', "")
    return re.sub(r'(<nav class="language-switcher".*?</nav>)', "", markup, flags=re.S)


def test_list_and_detail_pages_have_the_same_header(seed, client):
    pages = [
        "/en/",
        "/en/events/",
        "/en/statements/?country=mx",
        "/en/people/",
        EVENT_URL,
        "/en/people/miguel-diaz-reynoso/",
        "/en/countries/mx/",
        "/en/search/?q=migration",
    ]
    headers = {url: header(client.get(url)) for url in pages}
    assert len(set(headers.values())) == 1, headers
    assert headers["/en/"].count('<nav class="site-nav"') == 1


def grow(n):
    """n of everything a person, an organization, a country and the home page
    list, around the same few records; returns their pages."""
    country = f.CountryFactory(iso_code="GT", name="Guatemala")
    person = f.PersonFactory(country=country)
    organization = f.OrganizationFactory(country=country)
    post = f.PositionFactory(person=person, organization=organization)
    f.TopicFactory()
    f.BodyFactory()
    f.PresidencyFactory(country=country)
    for i in range(n):
        event = meeting(2000 + i % 25, country=country)
        f.SessionFactory(event=event)
        f.ParticipationFactory(event=event, person=person, position=post)
        for role in ("host", "funder"):
            f.EventOrganizationFactory(
                event=event, organization=organization, role=role
            )
        f.StatementFactory(event=event, speaker=person, position=post)
        f.KeyFigureFactory(event=event)
        f.PersonFactory(country=country)
        f.OrganizationFactory(country=country)
    soon = timezone.localdate() + datetime.timedelta(days=30)
    f.EventFactory(start_date=soon, end_date=soon)
    return {
        "home": "/en/",
        "person": person.get_absolute_url(),
        "organization": organization.get_absolute_url(),
        "country": country.get_absolute_url(),
    }


QUERIES = {"home": 9, "person": 6, "organization": 6, "country": 7}


@pytest.mark.parametrize("n", [1, 25])
def test_the_fuller_pages_cost_the_same_few_queries_as_the_record_grows(
    client, settings, n
):
    settings.PAGE_CACHE_ENABLED = False
    counts = {}
    for name, url in grow(n).items():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[name] = len(ctx.captured_queries)
    assert counts == QUERIES
    assert max(QUERIES.values()) <= MAX_QUERIES


def test_the_meetings_list_refuses_a_person_who_is_not_public(client):
    f.PersonFactory(slug="hidden", publication_status="draft", publish_at=None)
    response = client.get(reverse("events:event_list") + "?person=hidden")
    assert response.status_code == 400
    assert "Nothing public on this site goes by “hidden”." in page_text(response)
