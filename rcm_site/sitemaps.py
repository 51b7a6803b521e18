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
    model = None

    def items(self):
        return self.model.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class EventSitemap(PublishedSitemap):
    model = Event


class StatementSitemap(PublishedSitemap):
    model = Statement


class PersonSitemap(PublishedSitemap):
    model = Person


class OrganizationSitemap(PublishedSitemap):
    model = Organization


class BodySitemap(PublishedSitemap):
    model = Body


class PresidencySitemap(PublishedSitemap):
    model = Presidency


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
