"""Atom and RSS feeds of new meetings and new statements, with Django's syndication
framework. Every feed lists published records only, newest publication first."""

import copy
import io

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext_lazy as _
from django.utils.xmlutils import SimplerXMLGenerator

from people.models import Country, Organization, Person
from rcm_site import page_cache
from rcm_site.pages import RecordsById

from .models import Event, Statement

FEED_LENGTH = 50


class KeptEntries:
    """A feed generator whose entries come as XML already written (entry_xml), each
    one once per generation; its date is that of the newest of them, which the
    caller knows without reading them."""

    entries = ()
    newest = None

    def entry_xml(self, item):
        out = io.StringIO()
        handler = SimplerXMLGenerator(out, "utf-8", short_empty_elements=True)
        every, self.items = self.items, [item]
        super().write_items(handler)
        self.items = every
        return out.getvalue()

    def write_items(self, handler):
        for xml in self.entries:
            # Written as is: XML that entry_xml wrote, escaped then.
            handler.ignorableWhitespace(xml)

    def latest_post_date(self):
        return self.newest or super().latest_post_date()


class KeptAtom1Feed(KeptEntries, Atom1Feed):
    pass


class KeptRss201rev2Feed(KeptEntries, Rss201rev2Feed):
    pass


class Entry:
    """An entry's XML, filed by its record's primary key, as kept_pieces files pieces."""

    def __init__(self, pk, xml):
        self.pk, self.xml = pk, xml


class SiteFeed(Feed):
    """A feed of the latest records(obj), written with Django's syndication framework.

    Each entry is the same for every reader until the content changes: its XML is
    kept for the generation, as a list page's cards are (page_cache.kept_pieces), and
    so are the ids of the records the feed lists and the date of the newest. Only
    the records of entries not kept are read, and only their entries written.

    Django's feed generator writes the XML into the response in some 1,500 small
    pieces. A WSGI server sends each piece as a write of its own, and the small TCP
    segments wait on delayed acknowledgements: 8–20 ms a feed even from the page
    cache. The response goes out as one piece instead."""

    feed_type = KeptRss201rev2Feed
    listed = ()

    def records(self, obj):
        """The records to list, newest first."""
        raise NotImplementedError

    def items(self):
        return self.listed

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at

    def get_feed(self, obj, request):
        def newest():
            rows = self.records(obj).values_list("pk", "publish_at", "updated_at")
            rows = list(rows[:FEED_LENGTH])
            dates = [date for _, *both in rows for date in both if date]
            return [pk for pk, *_ in rows], max(dates, default=None)

        ids, latest = page_cache.kept(request, newest, "feed", request.path)
        # Django's get_feed takes the records to write from items(): they are set on
        # a copy of this feed, made for this request.
        feed = copy.copy(self)

        def write_entries(wanted):
            """The entries of the records `wanted`, written by Django's get_feed for
            those records alone."""
            feed.listed = RecordsById(wanted, lambda: self.records(obj)).records
            generator = Feed.get_feed(feed, obj, request)
            written = zip(feed.listed, generator.items, strict=True)
            return [
                Entry(record.pk, generator.entry_xml(item)) for record, item in written
            ]

        variant = ("feed", type(self).__name__, request.get_host(), request.scheme)
        entries = page_cache.kept_pieces(
            request, variant, ids, write_entries, lambda entry: entry.xml
        )
        # The feed around the entries: its title, links and language.
        feed.listed = ()
        generator = Feed.get_feed(feed, obj, request)
        generator.entries, generator.newest = entries, latest
        return generator

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        response.content = response.content
        return response


class EventFeed(SiteFeed):
    title = _("RCM meetings")
    description = _("New meetings of the Regional Conference on Migration.")

    def link(self):
        return reverse("events:event_list")

    def records(self, obj):
        return Event.objects.published().for_list().order_by("-publish_at", "-pk")

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_categories(self, item):
        return [item.get_kind_display()]


class EventAtomFeed(EventFeed):
    feed_type = KeptAtom1Feed
    subtitle = EventFeed.description


class StatementFeed(SiteFeed):
    """The latest statements; subclasses narrow them to one speaker, organization or
    country."""

    title = _("RCM statements")
    description = _(
        "The latest statements made at meetings of the Regional Conference on "
        "Migration."
    )

    def link(self, obj=None):
        return reverse("events:statement_list")

    def statements(self, obj):
        return Statement.objects.published()

    def records(self, obj):
        # Latest said first, as the statements page lists them and from the same
        # index: a statement published late for an old meeting takes its place by
        # date, as on the page, not the top of the feed.
        return self.statements(obj).for_cards()

    def item_title(self, item):
        speaker = (
            item.speaker.name_with_honorific if item.speaker else item.organization.name
        )
        if item.event:
            return _("%(speaker)s at %(event)s") % {
                "speaker": speaker,
                "event": item.event.title,
            }
        return speaker

    def item_description(self, item):
        return item.text

    def item_author_name(self, item):
        return item.speaker.full_name if item.speaker else item.organization.name


class StatementAtomFeed(StatementFeed):
    feed_type = KeptAtom1Feed
    subtitle = StatementFeed.description


class PersonStatementFeed(StatementAtomFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Person.objects.published(), slug=slug)

    def title(self, obj):
        return _("Statements by %(name)s") % {"name": obj.name_with_honorific}

    def link(self, obj):
        return obj.get_absolute_url()

    def statements(self, obj):
        return Statement.objects.published().filter(speaker=obj)


class OrganizationStatementFeed(StatementAtomFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Organization.objects.published(), slug=slug)

    def title(self, obj):
        return _("Statements by %(name)s") % {"name": obj.name}

    def link(self, obj):
        return obj.get_absolute_url()

    def statements(self, obj):
        return Statement.objects.published().filter(organization=obj)


class CountryStatementFeed(StatementAtomFeed):
    def get_object(self, request, iso_code):
        return get_object_or_404(Country, iso_code=iso_code.upper())

    def title(self, obj):
        return _("Statements for %(name)s") % {"name": obj.name}

    def link(self, obj):
        return obj.get_absolute_url()

    def statements(self, obj):
        return Statement.objects.published().filter(country=obj)
