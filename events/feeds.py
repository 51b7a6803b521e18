"""Atom and RSS feeds of new meetings and new statements, with Django's syndication
framework. Every feed lists published records only, newest publication first."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from people.models import Country, Organization, Person

from .models import Event, Statement

FEED_LENGTH = 50


class TextAtomFeed(Atom1Feed):
    """Summaries as text: Django marks them type="html", and a feed reader would then
    run an editor's <script> or <img onerror> as markup."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class TextRssFeed(Rss201rev2Feed):
    """RSS readers render an item's description as HTML: escaped once more, an
    editor's markup reads as the characters typed."""

    def add_item(self, *, description, **kwargs):
        super().add_item(description=escape(description), **kwargs)


class SiteFeed(Feed):
    feed_type = TextRssFeed

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at

    def __call__(self, request, *args, **kwargs):
        """The feed as one piece. Django's feed generator writes the XML into the
        response in some 1,500 small pieces; a WSGI server sends each piece as a
        write of its own, and the small TCP segments wait on delayed
        acknowledgements: 8–20 ms a feed even from the page cache."""
        response = super().__call__(request, *args, **kwargs)
        response.content = response.content
        return response


class EventFeed(SiteFeed):
    title = _("RCM meetings")
    description = _("New meetings of the Regional Conference on Migration.")

    def link(self):
        return reverse("events:event_list")

    def items(self):
        return (
            Event.objects.published()
            .for_list()
            .order_by("-publish_at", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_categories(self, item):
        return [item.get_kind_display()]


class EventAtomFeed(EventFeed):
    feed_type = TextAtomFeed
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

    def items(self, obj):
        # Latest said first, as the statements page lists them and from the same
        # index: a statement published late for an old meeting takes its place by
        # date, as on the page, not the top of the feed.
        return self.statements(obj).for_cards()[:FEED_LENGTH]

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
        if item.is_quote:
            return item.text
        # Reported speech or a summary says so, as on the page.
        return f"{item.get_kind_display()}: {item.text}"

    def item_author_name(self, item):
        return item.speaker.full_name if item.speaker else item.organization.name


class StatementAtomFeed(StatementFeed):
    feed_type = TextAtomFeed
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
