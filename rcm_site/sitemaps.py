"""sitemap.xml: every public page, with Django's sitemaps framework.

An index at /sitemap.xml names one sitemap per section; a section larger than its
limit is split into pages. Each page is listed in English and in Spanish, each with
its alternates (hreflang, x-default in English).
"""

from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import Max
from django.urls import reverse

from events.models import Body, Event, Presidency, Statement, Topic
from people.models import Country, Organization, Person


class LanguagePairs(Paginator):
    """Pages of (record, language) pairs that read only their own records: the
    framework pairs every record of a section with each language before it counts or
    pages them, which took 2.5-5 s a page and 7 s for the index at 100,000 statements."""

    def __init__(self, records, languages, per_page):
        super().__init__(records, per_page // len(languages))
        self.languages = languages

    def _get_page(self, records, number, paginator):
        pairs = [(record, code) for record in records for code in self.languages]
        return super()._get_page(pairs, number, paginator)


class BilingualSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    @property
    def paginator(self):
        return LanguagePairs(self.items(), self._languages(), self.limit)


class PublishedSitemap(BilingualSitemap):
    """A model's public records, read with only what their addresses and lastmod
    need, 2,000 addresses a page: each address costs the framework five URL reversals
    for its alternates, and at 100,000 statements whole records and its 50,000
    addresses a page had taken 15 s a page."""

    model = None
    address_fields = ["slug"]
    limit = 2000

    def items(self):
        return (
            self.model.objects.published()
            .order_by("pk")
            .only("pk", "updated_at", *self.address_fields)
        )

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("updated_at"))["latest"]


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
