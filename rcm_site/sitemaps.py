"""sitemap.xml: every public page, with Django's sitemaps framework.

An index at /sitemap.xml names one sitemap per section; a section larger than the
framework's limit is split into pages by the framework itself. Each page is listed in
English and in Spanish, each with its alternates (hreflang, x-default in English).
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from events.models import Body, Event, Presidency, Statement, Topic
from people.models import Country, Organization, Person


class BilingualSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class PublishedSitemap(BilingualSitemap):
    """A model's public records, read with only what their addresses and lastmod
    need, 5,000 addresses a page: for each page and for the index the framework
    makes every record of a section. At 100,000 statements, whole records and the
    framework's 50,000 addresses a page took 15 s a page and 11 s for the index."""

    model = None
    address_fields = ["slug"]
    limit = 5000

    def items(self):
        return (
            self.model.objects.published()
            .order_by("pk")
            .only("pk", "updated_at", *self.address_fields)
        )

    def lastmod(self, item):
        return item.updated_at


class EventSitemap(PublishedSitemap):
    model = Event


class StatementSitemap(PublishedSitemap):
    model = Statement
    address_fields = []


class PersonSitemap(PublishedSitemap):
    model = Person


class OrganizationSitemap(PublishedSitemap):
    model = Organization


class BodySitemap(PublishedSitemap):
    model = Body


class PresidencySitemap(PublishedSitemap):
    model = Presidency
    address_fields = ["year"]


class CountrySitemap(BilingualSitemap):
    def items(self):
        return Country.objects.order_by("pk")


class TopicSitemap(BilingualSitemap):
    def items(self):
        return Topic.objects.order_by("pk")


class PageSitemap(BilingualSitemap):
    def items(self):
        return [
            "home",
            "events:event_list",
            "events:statement_list",
            "people:person_list",
            "people:organization_list",
            "people:country_list",
            "events:body_list",
            "events:presidency_list",
            "data",
        ]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "pages": PageSitemap,
    "events": EventSitemap,
    "statements": StatementSitemap,
    "people": PersonSitemap,
    "organizations": OrganizationSitemap,
    "countries": CountrySitemap,
    "topics": TopicSitemap,
    "bodies": BodySitemap,
    "presidencies": PresidencySitemap,
}
